package facet.core.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import facet.core.eval.ClassificationMetrics;
import facet.core.eval.Prediction;

/**
 * Paired bootstrap confidence intervals for the difference of a metric between two runs on the
 * same samples: resample sample ids with replacement, compute the metric for both runs on the
 * same resample, take percentiles of the differences.
 *
 * @param observed the metric of the first run minus the second on all samples
 * @param low lower bound of the interval
 * @param high upper bound of the interval
 * @param level the interval's confidence level, e.g. 0.95
 */
public record Bootstrap(double observed, double low, double high, double level) {

	/** Whether 0 lies outside the interval: the difference is significant at this level. */
	public boolean significant() {
		return low > 0 || high < 0;
	}

	public static Bootstrap pairedDifference(List<Prediction> first, List<Prediction> second,
			ToDoubleFunction<ClassificationMetrics> metric, int iterations, double level, long seed) {
		Map<String, Prediction> byId = second.stream().collect(Collectors.toMap(Prediction::sampleId, Function.identity(), (a, b) -> a));
		if (byId.size() != first.size() || !first.stream().allMatch(p -> byId.containsKey(p.sampleId()))) {
			throw new IllegalArgumentException("the two runs were evaluated on different samples; a paired bootstrap needs the same test split");
		}
		if (iterations < 10 || !(level > 0 && level < 1)) {
			throw new IllegalArgumentException("need at least 10 iterations and a level in (0, 1), got " + iterations + " and " + level);
		}
		Prediction[] a = first.toArray(Prediction[]::new);
		Prediction[] b = Arrays.stream(a).map(p -> byId.get(p.sampleId())).toArray(Prediction[]::new);
		double observed = metric.applyAsDouble(ClassificationMetrics.of(List.of(a))) - metric.applyAsDouble(ClassificationMetrics.of(List.of(b)));
		SplittableRandom random = new SplittableRandom(seed);
		double[] differences = new double[iterations];
		Prediction[] ra = new Prediction[a.length];
		Prediction[] rb = new Prediction[a.length];
		for (int it = 0; it < iterations; it++) {
			for (int i = 0; i < a.length; i++) {
				int pick = random.nextInt(a.length);
				ra[i] = a[pick];
				rb[i] = b[pick];
			}
			differences[it] = metric.applyAsDouble(ClassificationMetrics.of(List.of(ra)))
					- metric.applyAsDouble(ClassificationMetrics.of(List.of(rb)));
		}
		Arrays.sort(differences);
		double tail = (1 - level) / 2;
		return new Bootstrap(observed, percentile(differences, tail), percentile(differences, 1 - tail), level);
	}

	/** Linear interpolation between closest ranks, as numpy's default. */
	static double percentile(double[] sorted, double q) {
		double position = q * (sorted.length - 1);
		int lower = (int) Math.floor(position);
		int upper = (int) Math.ceil(position);
		return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
	}
}
