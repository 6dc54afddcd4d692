package facet.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import facet.core.ExpressionClass;
import facet.core.eval.ClassificationMetrics;
import facet.core.eval.Prediction;

class ClassificationMetricsTest {

	private static Prediction p(String id, ExpressionClass label, int predicted, float confidence, int second) {
		float[] probabilities = new float[ExpressionClass.COUNT];
		float rest = (1 - confidence) / (ExpressionClass.COUNT - 1);
		java.util.Arrays.fill(probabilities, rest * 0.5f);
		probabilities[second] = rest * 0.5f + rest * 0.5f * (ExpressionClass.COUNT - 1);
		probabilities[predicted] = confidence;
		return new Prediction(id, label, probabilities);
	}

	@Test
	void handComputedSmallCase() {
		ExpressionClass a = ExpressionClass.ANGER;
		ExpressionClass h = ExpressionClass.HAPPINESS;
		// 3 anger (2 right, 1 called happiness), 2 happiness (1 right, 1 called anger)
		List<Prediction> predictions = List.of(p("1", a, 0, 0.9f, 3), p("2", a, 0, 0.8f, 3), p("3", a, 3, 0.6f, 0),
				p("4", h, 3, 0.7f, 0), p("5", h, 0, 0.5f, 1));
		ClassificationMetrics m = ClassificationMetrics.of(predictions);
		assertEquals(5, m.count());
		assertEquals(0.6, m.accuracy(), 1e-12);
		assertEquals(2, m.confusion()[0][0]);
		assertEquals(1, m.confusion()[0][3]);
		assertEquals(1, m.confusion()[3][0]);
		assertEquals(2 / 3.0, m.precision()[0], 1e-12);
		assertEquals(2 / 3.0, m.recall()[0], 1e-12);
		assertEquals(0.5, m.precision()[3], 1e-12);
		assertEquals(0.5, m.recall()[3], 1e-12);
		// macro-F1 over the classes that occur: (2/3 + 1/2) / 2
		assertEquals((2 / 3.0 + 0.5) / 2, m.macroF1(), 1e-12);
		assertTrue(Double.isNaN(m.recall()[ExpressionClass.FEAR.ordinal()]));
		// sample 3 and 4 have the true class second: top-2 catches 4 of 5; sample 5's second is disgust
		assertEquals(0.8, m.top2Accuracy(), 1e-12);
		// ECE bins: 0.9 right, 0.8 right, 0.6 wrong, 0.7 right, 0.5 wrong (each in its own bin)
		double ece = (Math.abs(1 - 0.9) + Math.abs(1 - 0.8) + Math.abs(0 - 0.6) + Math.abs(1 - 0.7) + Math.abs(0 - 0.5)) / 5;
		assertEquals(ece, m.calibrationError(), 1e-6);
	}

	@Test
	void emptyAndMalformedInputIsRefused() {
		assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.of(List.of()));
		assertThrows(IllegalArgumentException.class, () -> new Prediction("x", ExpressionClass.FEAR, new float[3]));
	}
}
