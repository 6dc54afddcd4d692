package facet.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import facet.core.ExpressionClass;
import facet.core.eval.ClassificationMetrics;
import facet.core.eval.Prediction;
import facet.core.stats.Bootstrap;
import facet.core.stats.McNemar;
import facet.core.stats.Summary;

class StatisticsTest {

	@Test
	void mcnemarExactMatchesHandComputedBinomialTails() {
		// b=1, c=5: n=6, P(X<=1) = (1+6)/64, two-sided 14/64
		assertEquals(14 / 64.0, McNemar.exact(1, 5).pValue(), 1e-12);
		// b=0, c=6: 2/64
		assertEquals(2 / 64.0, McNemar.exact(0, 6).pValue(), 1e-12);
		// symmetric counts give p = 1 (capped)
		assertEquals(1.0, McNemar.exact(3, 3).pValue(), 1e-12);
		assertEquals(1.0, McNemar.exact(0, 0).pValue());
		// b=10, c=25: known value 0.0167 (R: binom.test(10, 35)$p.value = 0.01667)
		assertEquals(0.01667, McNemar.exact(10, 25).pValue(), 5e-5);
	}

	private static Prediction p(String id, ExpressionClass label, boolean right) {
		float[] probabilities = new float[ExpressionClass.COUNT];
		int predicted = right ? label.ordinal() : (label.ordinal() + 1) % ExpressionClass.COUNT;
		java.util.Arrays.fill(probabilities, 0.05f);
		probabilities[predicted] = 0.7f;
		return new Prediction(id, label, probabilities);
	}

	@Test
	void mcnemarOnPairedPredictionsCountsDiscordantPairs() {
		List<Prediction> a = new ArrayList<>();
		List<Prediction> b = new ArrayList<>();
		boolean[][] outcomes = { { true, true }, { true, false }, { false, true }, { false, true }, { false, false } };
		for (int i = 0; i < outcomes.length; i++) {
			a.add(p("s" + i, ExpressionClass.FEAR, outcomes[i][0]));
			b.add(p("s" + (outcomes.length - 1 - i), ExpressionClass.FEAR, outcomes[outcomes.length - 1 - i][1]));
		}
		McNemar test = McNemar.of(a, b);
		assertEquals(1, test.onlyFirstCorrect());
		assertEquals(2, test.onlySecondCorrect());
		List<Prediction> other = List.of(p("x", ExpressionClass.FEAR, true));
		assertThrows(IllegalArgumentException.class, () -> McNemar.of(a, other));
	}

	@Test
	void pairedBootstrapFindsAClearDifferenceAndNotANullOne() {
		List<Prediction> good = new ArrayList<>();
		List<Prediction> bad = new ArrayList<>();
		List<Prediction> same = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			ExpressionClass label = ExpressionClass.ofIndex(i % 7);
			good.add(p("s" + i, label, i % 10 != 0)); // 90 %
			bad.add(p("s" + i, label, i % 2 == 0)); // 50 %
			same.add(p("s" + i, label, i % 10 != 0));
		}
		Bootstrap clear = Bootstrap.pairedDifference(good, bad, ClassificationMetrics::accuracy, 500, 0.95, 1);
		assertEquals(0.4, clear.observed(), 1e-12);
		// per-sample differences have sd ≈ 0.66, so the 95 % interval is about 0.4 ± 0.09
		assertTrue(clear.low() > 0.28 && clear.low() < 0.4 && clear.high() > 0.4 && clear.high() < 0.52, clear.toString());
		assertTrue(clear.significant());
		Bootstrap none = Bootstrap.pairedDifference(good, same, ClassificationMetrics::macroF1, 200, 0.95, 1);
		assertEquals(0, none.observed(), 1e-12);
		assertFalse(none.significant());
		assertEquals(clear, Bootstrap.pairedDifference(good, bad, ClassificationMetrics::accuracy, 500, 0.95, 1), "same seed, same interval");
	}

	/**
	 * Cases whose bootstrap distribution can be written down: one sample both get right and one
	 * only the first gets right, so a resample's accuracy difference is 0, ½ or 1 with probability
	 * ¼, ½, ¼ and the 95 % percentile interval is [0, 1]; and all samples discordant the same way,
	 * so every resample differs by exactly 1.
	 */
	@Test
	void pairedBootstrapMatchesHandComputedDistributions() {
		List<Prediction> first = List.of(p("a", ExpressionClass.ANGER, true), p("b", ExpressionClass.FEAR, true));
		List<Prediction> second = List.of(p("a", ExpressionClass.ANGER, true), p("b", ExpressionClass.FEAR, false));
		Bootstrap half = Bootstrap.pairedDifference(first, second, ClassificationMetrics::accuracy, 2000, 0.95, 7);
		assertEquals(0.5, half.observed(), 1e-12);
		assertEquals(0, half.low(), 1e-12);
		assertEquals(1, half.high(), 1e-12);
		assertFalse(half.significant(), "the interval holds 0");
		List<Prediction> right = new ArrayList<>();
		List<Prediction> wrong = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			right.add(p("s" + i, ExpressionClass.ofIndex(i), true));
			wrong.add(p("s" + i, ExpressionClass.ofIndex(i), false));
		}
		Bootstrap all = Bootstrap.pairedDifference(right, wrong, ClassificationMetrics::accuracy, 500, 0.95, 7);
		assertEquals(1, all.observed(), 1e-12);
		assertEquals(1, all.low(), 1e-12);
		assertEquals(1, all.high(), 1e-12);
		assertTrue(all.significant());
		// McNemar on the same five: b = 5, c = 0, p = 2 · (½)^5 = 1/16
		assertEquals(1 / 16.0, McNemar.of(right, wrong).pValue(), 1e-12);
	}

	@Test
	void summaryUsesStudentT() {
		Summary s = Summary.of(0.70, 0.72, 0.74);
		assertEquals(0.72, s.mean(), 1e-12);
		assertEquals(0.02, s.standardDeviation(), 1e-12);
		// t(0.975, 2) = 4.303: half width 4.303 * 0.02 / sqrt(3)
		assertEquals(0.72 - 4.303 * 0.02 / Math.sqrt(3), s.low(), 1e-9);
		assertTrue(Double.isNaN(Summary.of(0.5).standardDeviation()));
	}
}
