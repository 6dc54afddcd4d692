package facet.data.transforms;

import facet.core.spi.TensorNormalization;

/**
 * The {@code normalize} preprocessor: a declaration the pipeline reads (it standardizes the float
 * tensor per channel); pixels pass through unchanged.
 */
public record Normalization(boolean fromDataset, double[] mean, double[] std) implements TensorNormalization {

	public Normalization {
		mean = mean.clone();
		std = std.clone();
		for (double s : std) {
			if (!(s > 0)) {
				throw new IllegalArgumentException("normalize: every std must be > 0, got " + s);
			}
		}
	}

	@Override
	public double[] mean() {
		return mean.clone();
	}

	@Override
	public double[] std() {
		return std.clone();
	}
}
