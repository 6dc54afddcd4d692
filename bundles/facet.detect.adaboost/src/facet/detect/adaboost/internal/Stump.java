package facet.detect.adaboost.internal;

/**
 * A weak classifier of the paper (section 3): one feature, a threshold and a polarity;
 * it says "face" when {@code polarity * value < polarity * threshold}. {@code alpha} is its vote
 * in the stage, {@code log(1 / beta)}.
 */
public record Stump(HaarFeature feature, double threshold, int polarity, double alpha) {

	public Stump {
		if (polarity != 1 && polarity != -1) {
			throw new IllegalArgumentException("a stump's polarity is 1 or -1, got " + polarity);
		}
	}

	public boolean face(double value) {
		return polarity * value < polarity * threshold;
	}

	/**
	 * The best stump for weighted samples, searched over all thresholds of one feature.
	 *
	 * @param values the feature's value per sample
	 * @param order sample indices sorted by value
	 * @param positive whether each sample is a face
	 * @param weights each sample's weight
	 * @return {error, threshold, polarity}
	 */
	public static double[] best(float[] values, int[] order, boolean[] positive, double[] weights) {
		double totalPositive = 0;
		double totalNegative = 0;
		for (int i = 0; i < order.length; i++) {
			if (positive[i]) {
				totalPositive += weights[i];
			} else {
				totalNegative += weights[i];
			}
		}
		double belowPositive = 0;
		double belowNegative = 0;
		double bestError = Double.MAX_VALUE;
		double bestThreshold = 0;
		int bestPolarity = 1;
		for (int k = 0; k <= order.length; k++) {
			// a threshold between sorted values k-1 and k; ties must not be split
			if (k > 0 && k < order.length && values[order[k]] == values[order[k - 1]]) {
				int i = order[k];
				if (positive[i]) {
					belowPositive += weights[i];
				} else {
					belowNegative += weights[i];
				}
				continue;
			}
			double threshold;
			if (k == 0) {
				threshold = values[order[0]] - 1e-3;
			} else if (k == order.length) {
				threshold = values[order[k - 1]] + 1e-3;
			} else {
				threshold = 0.5 * (values[order[k - 1]] + values[order[k]]);
			}
			// faces below the threshold: the negatives below and the positives above are wrong
			double facesBelow = belowNegative + (totalPositive - belowPositive);
			double facesAbove = belowPositive + (totalNegative - belowNegative);
			if (facesBelow < bestError) {
				bestError = facesBelow;
				bestThreshold = threshold;
				bestPolarity = 1;
			}
			if (facesAbove < bestError) {
				bestError = facesAbove;
				bestThreshold = threshold;
				bestPolarity = -1;
			}
			if (k < order.length) {
				int i = order[k];
				if (positive[i]) {
					belowPositive += weights[i];
				} else {
					belowNegative += weights[i];
				}
			}
		}
		return new double[] { bestError, bestThreshold, bestPolarity };
	}
}
