package facet.engine.data;

import java.util.Arrays;

/**
 * Per-channel mean and standard deviation of pixel values in [0, 1] units, measured on a split
 * after preprocessing and before augmentation.
 */
public record ChannelStatistics(double[] mean, double[] std) {

	public ChannelStatistics {
		if (mean.length != std.length || mean.length == 0) {
			throw new IllegalArgumentException("statistics need one mean and one std per channel, got " + mean.length + " and " + std.length);
		}
		mean = mean.clone();
		std = std.clone();
	}

	@Override
	public double[] mean() {
		return mean.clone();
	}

	@Override
	public double[] std() {
		return std.clone();
	}

	@Override
	public String toString() {
		return "mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std);
	}
}
