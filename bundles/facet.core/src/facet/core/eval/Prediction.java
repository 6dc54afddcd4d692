package facet.core.eval;

import facet.core.ExpressionClass;

/**
 * One sample's prediction, kept per sample so that two runs on the same test split can be
 * compared pairwise (McNemar, bootstrap).
 *
 * @param sampleId the sample's stable id
 * @param label the true class
 * @param probabilities one probability per canonical class, summing to 1
 */
public record Prediction(String sampleId, ExpressionClass label, float[] probabilities) {

	public Prediction {
		if (probabilities.length != ExpressionClass.COUNT) {
			throw new IllegalArgumentException("a prediction has " + ExpressionClass.COUNT + " probabilities, got " + probabilities.length);
		}
	}

	/** The class with the highest probability (the lowest index on ties). */
	public ExpressionClass predicted() {
		return ExpressionClass.ofIndex(rank(0));
	}

	/** Whether the true class is among the {@code k} most probable. */
	public boolean inTop(int k) {
		for (int i = 0; i < k; i++) {
			if (rank(i) == label.ordinal()) {
				return true;
			}
		}
		return false;
	}

	public boolean correct() {
		return predicted() == label;
	}

	/** The index of the class at rank {@code r} (0 = most probable). */
	private int rank(int r) {
		boolean[] taken = new boolean[probabilities.length];
		int index = -1;
		for (int round = 0; round <= r; round++) {
			index = -1;
			for (int i = 0; i < probabilities.length; i++) {
				if (!taken[i] && (index < 0 || probabilities[i] > probabilities[index])) {
					index = i;
				}
			}
			taken[index] = true;
		}
		return index;
	}
}
