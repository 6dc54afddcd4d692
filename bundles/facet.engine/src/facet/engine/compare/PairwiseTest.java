package facet.engine.compare;

import java.util.Locale;
import java.util.Optional;

import facet.core.stats.Bootstrap;
import facet.core.stats.McNemar;

/**
 * Two groups compared on the same test samples: McNemar's exact test on which samples each
 * got right, and paired bootstrap intervals for the differences in accuracy and macro-F1
 * (first minus second). Groups with several seeds are paired seed by seed in seed order, and
 * the pairs' samples pooled (each pair's samples count once per pair).
 *
 * @param first the first group
 * @param second the second group
 * @param pairs how many run pairs were pooled
 * @param samples how many paired samples were tested (over all pairs)
 * @param mcNemar the exact test; empty when the test could not be made
 * @param accuracy bootstrap interval of the accuracy difference; empty with mcNemar
 * @param macroF1 bootstrap interval of the macro-F1 difference; empty with mcNemar
 * @param problem why the test could not be made, empty when it was
 * @param occluded McNemar's test on the occluded samples alone ({@link OcclusionSubsets}); empty
 *        when the test could not be made or no sample is occluded
 * @param occludedSamples paired occluded samples (over all pairs)
 */
public record PairwiseTest(RunGroup first, RunGroup second, int pairs, int samples, Optional<McNemar> mcNemar,
		Optional<Bootstrap> accuracy, Optional<Bootstrap> macroF1, Optional<String> problem, Optional<McNemar> occluded, int occludedSamples) {

	/** The level below which a p-value counts as significant. */
	public static final double ALPHA = 0.05;

	/** Whether the accuracy difference is significant by McNemar's test at {@link #ALPHA}. */
	public boolean significant() {
		return mcNemar.map(m -> m.pValue() < ALPHA).orElse(false);
	}

	/** One or two sentences saying what the test found. */
	public String sentence() {
		String pair = first.name() + " vs " + second.name();
		if (problem.isPresent()) {
			return pair + ": not tested: " + problem.get() + ".";
		}
		McNemar m = mcNemar.get();
		Bootstrap a = accuracy.get();
		Bootstrap f = macroF1.get();
		StringBuilder s = new StringBuilder(pair).append(" (").append(samples).append(" paired test samples");
		if (pairs > 1) {
			s.append(" over ").append(pairs).append(" seed pairs");
		}
		s.append("): accuracy ").append(points(a.observed())).append(" points (95 % CI ").append(points(a.low())).append(" to ")
				.append(points(a.high())).append("), macro-F1 ").append(points(f.observed())).append(" points (95 % CI ")
				.append(points(f.low())).append(" to ").append(points(f.high())).append("). ");
		s.append(String.format(Locale.ROOT, "McNemar's exact test: %d samples only %s got right, %d only %s, p = %s", m.onlyFirstCorrect(),
				first.name(), m.onlySecondCorrect(), second.name(), p(m.pValue())));
		if (significant()) {
			String better = m.onlyFirstCorrect() > m.onlySecondCorrect() ? first.name() : second.name();
			s.append(": ").append(better).append(" is significantly more accurate (p < 0.05)");
		} else {
			s.append(": the difference in accuracy is not significant (p ≥ 0.05)");
		}
		s.append(f.significant() ? "; the macro-F1 interval excludes 0, so the macro-F1 difference is significant."
				: "; the macro-F1 interval includes 0, so the macro-F1 difference is not significant.");
		occluded.ifPresent(o -> s.append(' ').append(occludedSentence()));
		return s.toString();
	}

	/** What McNemar's test says on the occluded samples alone; empty text when it was not made. */
	public String occludedSentence() {
		if (occluded.isEmpty()) {
			return "";
		}
		McNemar o = occluded.get();
		StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "On the %d occluded samples: %d only %s got right, %d only %s, p = %s", occludedSamples,
				o.onlyFirstCorrect(), first.name(), o.onlySecondCorrect(), second.name(), p(o.pValue())));
		if (occludedSignificant()) {
			s.append(": ").append(o.onlyFirstCorrect() > o.onlySecondCorrect() ? first.name() : second.name())
					.append(" is significantly more accurate on occluded faces.");
		} else {
			s.append(": no significant difference on occluded faces.");
		}
		return s.toString();
	}

	/** Whether the difference on the occluded samples is significant by McNemar's test at {@link #ALPHA}. */
	public boolean occludedSignificant() {
		return occluded.map(m -> m.pValue() < ALPHA).orElse(false);
	}

	/** A fraction as signed percentage points, e.g. {@code +3.2}. */
	static String points(double fraction) {
		return String.format(Locale.ROOT, "%+.1f", 100 * fraction);
	}

	public static String p(double p) {
		return p < 0.001 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.3f", p);
	}
}
