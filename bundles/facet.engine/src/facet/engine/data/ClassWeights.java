package facet.engine.data;

import java.util.List;

import facet.core.ExpressionClass;
import facet.core.Sample;

/** Loss weights that give every class the same total weight in an imbalanced set. */
public final class ClassWeights {

	private ClassWeights() {
	}

	/**
	 * Inverse class frequency, {@code w[c] = N / (K · n[c])} for the {@code K} classes present,
	 * in canonical class order; absent classes get 0. Weighted, the samples still sum to
	 * {@code N}, so the loss keeps its scale.
	 */
	public static float[] inverseFrequency(List<Sample> samples) {
		int[] counts = new int[ExpressionClass.COUNT];
		for (Sample sample : samples) {
			counts[sample.label().ordinal()]++;
		}
		int present = 0;
		for (int count : counts) {
			present += count > 0 ? 1 : 0;
		}
		float[] weights = new float[ExpressionClass.COUNT];
		for (int c = 0; c < counts.length; c++) {
			if (counts[c] > 0) {
				weights[c] = (float) (samples.size() / ((double) present * counts[c]));
			}
		}
		return weights;
	}
}
