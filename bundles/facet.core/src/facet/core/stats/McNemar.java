package facet.core.stats;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import facet.core.eval.Prediction;

/**
 * McNemar's exact test for two classifiers on the same samples: only the discordant pairs
 * count (b = A right and B wrong, c = A wrong and B right); under the null hypothesis each
 * discordant pair goes either way with probability ½, so the two-sided p-value is a binomial tail.
 *
 * @param onlyFirstCorrect b
 * @param onlySecondCorrect c
 * @param pValue two-sided exact p-value
 */
public record McNemar(int onlyFirstCorrect, int onlySecondCorrect, double pValue) {

	/** The exact test on discordant counts. */
	public static McNemar exact(int b, int c) {
		if (b < 0 || c < 0) {
			throw new IllegalArgumentException("discordant counts must be ≥ 0, got " + b + " and " + c);
		}
		int n = b + c;
		if (n == 0) {
			return new McNemar(0, 0, 1.0);
		}
		int k = Math.min(b, c);
		// P(X <= k) for X ~ Binomial(n, 1/2), summed in log space so that large n does not overflow
		double tail = 0;
		for (int i = 0; i <= k; i++) {
			tail += Math.exp(logChoose(n, i) - n * Math.log(2));
		}
		return new McNemar(b, c, Math.min(1.0, 2 * tail));
	}

	/**
	 * The test on two runs' per-sample predictions, paired by sample id.
	 *
	 * @throws IllegalArgumentException when the two runs were not evaluated on the same samples
	 */
	public static McNemar of(List<Prediction> first, List<Prediction> second) {
		Map<String, Prediction> byId = second.stream().collect(Collectors.toMap(Prediction::sampleId, Function.identity(), (a, b) -> a));
		if (byId.size() != first.size() || !first.stream().allMatch(p -> byId.containsKey(p.sampleId()))) {
			throw new IllegalArgumentException("the two runs were evaluated on different samples (" + first.size() + " and "
					+ second.size() + " predictions); McNemar needs the same test split");
		}
		int b = 0;
		int c = 0;
		for (Prediction a : first) {
			boolean aRight = a.correct();
			boolean bRight = byId.get(a.sampleId()).correct();
			if (aRight && !bRight) {
				b++;
			} else if (!aRight && bRight) {
				c++;
			}
		}
		return exact(b, c);
	}

	static double logChoose(int n, int k) {
		return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
	}

	private static double logFactorial(int n) {
		double sum = 0;
		for (int i = 2; i <= n; i++) {
			sum += Math.log(i);
		}
		return sum;
	}
}
