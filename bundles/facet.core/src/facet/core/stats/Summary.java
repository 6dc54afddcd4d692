package facet.core.stats;

/**
 * Mean, sample standard deviation and a Student-t 95 % confidence interval of a metric over
 * repeated runs (seeds) of the same experiment.
 */
public record Summary(int count, double mean, double standardDeviation, double low, double high) {

	/** Two-sided 97.5 % quantiles of Student's t for 1 … 30 degrees of freedom. */
	private static final double[] T975 = { 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
			2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045,
			2.042 };

	public static Summary of(double... values) {
		if (values.length == 0) {
			throw new IllegalArgumentException("no values to summarise");
		}
		int n = values.length;
		double mean = 0;
		for (double v : values) {
			mean += v / n;
		}
		if (n == 1) {
			return new Summary(1, mean, Double.NaN, Double.NaN, Double.NaN);
		}
		double squares = 0;
		for (double v : values) {
			squares += (v - mean) * (v - mean);
		}
		double sd = Math.sqrt(squares / (n - 1));
		double t = n - 1 <= T975.length ? T975[n - 2] : 1.96;
		double half = t * sd / Math.sqrt(n);
		return new Summary(n, mean, sd, mean - half, mean + half);
	}
}
