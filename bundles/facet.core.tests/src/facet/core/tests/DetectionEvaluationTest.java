package facet.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import facet.core.FaceBox;
import facet.core.detection.AnnotatedFace;
import facet.core.detection.DetectionEvaluation;
import facet.core.detection.DetectionEvaluation.CurvePoint;
import facet.core.detection.DetectionEvaluation.ImageMatch;
import facet.core.detection.DetectionEvaluation.Outcome;

/** Matching, precision, recall and average precision on small cases computed by hand. */
class DetectionEvaluationTest {

	private static FaceBox box(double x1, double y1, double x2, double y2, double score) {
		return FaceBox.of(x1, y1, x2, y2, score);
	}

	/**
	 * Image A: faces g1 [0,0,10,10] and g2 [20,0,30,10]; d1 on g1 (0.9, TP), d2 shifted by 1 px
	 * on g1 (0.8, IoU 0.82 but g1 is taken: FP), d3 on g2 (0.7, TP). Image B: g3 [0,0,10,10],
	 * g4 5 px wide (ignored by size), g5 [100,100,130,130] never found; d4 on nothing (0.85, FP),
	 * d5 on g4 (0.95, ignored), d6 [0,0,10,8] on g3 (0.6, IoU 0.8, TP).
	 */
	private static DetectionEvaluation twoImages() {
		DetectionEvaluation evaluation = new DetectionEvaluation(0.5);
		ImageMatch a = evaluation.add("a", List.of(AnnotatedFace.of(0, 0, 10, 10), AnnotatedFace.of(20, 0, 30, 10)),
				List.of(box(20, 0, 30, 10, 0.7), box(1, 0, 11, 10, 0.8), box(0, 0, 10, 10, 0.9)));
		assertEquals(List.of(Outcome.TRUE_POSITIVE, Outcome.FALSE_POSITIVE, Outcome.TRUE_POSITIVE),
				a.detections().stream().map(d -> d.outcome()).toList(), "by descending score");
		assertEquals(1.0, a.detections().get(0).iou(), 1e-12);
		assertEquals(90.0 / 110, a.detections().get(1).iou(), 1e-12);
		assertEquals(0, a.missed().size());
		ImageMatch b = evaluation.add("b",
				List.of(AnnotatedFace.of(0, 0, 10, 10), AnnotatedFace.of(40, 40, 45, 45), AnnotatedFace.of(100, 100, 130, 130)),
				List.of(box(50, 50, 60, 60, 0.85), box(40, 40, 45, 45, 0.95), box(0, 0, 10, 8, 0.6)));
		assertEquals(List.of(Outcome.IGNORED, Outcome.FALSE_POSITIVE, Outcome.TRUE_POSITIVE), b.detections().stream().map(d -> d.outcome()).toList());
		assertEquals(2, b.scoredFaces());
		assertEquals(1, b.missed().size());
		assertEquals(100, b.missed().get(0).box().x1());
		return evaluation;
	}

	@Test
	void totalsCountTrueFalseAndIgnored() {
		DetectionEvaluation.Result r = twoImages().result();
		assertEquals(2, r.images());
		assertEquals(4, r.positives());
		assertEquals(3, r.truePositives());
		assertEquals(2, r.falsePositives());
		assertEquals(1, r.ignoredDetections());
		assertEquals(0.6, r.precision(), 1e-12);
		assertEquals(0.75, r.recall(), 1e-12);
	}

	@Test
	void curveHasOnePointPerScoreAndApIsTheInterpolatedArea() {
		DetectionEvaluation.Result r = twoImages().result();
		// scores 0.9 TP, 0.85 FP, 0.8 FP, 0.7 TP, 0.6 TP over 4 scored faces
		double[][] expected = { { 0.9, 1, 0, 1.0, 0.25 }, { 0.85, 1, 1, 0.5, 0.25 }, { 0.8, 1, 2, 1 / 3.0, 0.25 }, { 0.7, 2, 2, 0.5, 0.5 },
				{ 0.6, 3, 2, 0.6, 0.75 } };
		assertEquals(expected.length, r.curve().size());
		for (int i = 0; i < expected.length; i++) {
			CurvePoint p = r.curve().get(i);
			assertEquals(expected[i][0], p.threshold(), 1e-12);
			assertEquals((int) expected[i][1], p.truePositives());
			assertEquals((int) expected[i][2], p.falsePositives());
			assertEquals(expected[i][3], p.precision(), 1e-12);
			assertEquals(expected[i][4], p.recall(), 1e-12);
		}
		// interpolated precision: 1 up to recall 0.25, then 0.6 (the best at recall >= 0.5) up to 0.75
		assertEquals(0.25 * 1 + 0.25 * 0.6 + 0.25 * 0.6, r.averagePrecision(), 1e-12);
	}

	@Test
	void recallAtFalsePositivesPerImage() {
		DetectionEvaluation.Result r = twoImages().result();
		assertEquals(0.75, r.recallAtFalsePositivesPerImage(1), 1e-12, "2 images allow 2 false positives: every point");
		assertEquals(0.25, r.recallAtFalsePositivesPerImage(0.5), 1e-12, "1 false positive allowed: up to score 0.85");
		assertEquals(0.25, r.recallAtFalsePositivesPerImage(0), 1e-12);
	}

	@Test
	void equalScoresEnterTheCurveTogether() {
		DetectionEvaluation evaluation = new DetectionEvaluation(0.5);
		evaluation.add("a", List.of(AnnotatedFace.of(0, 0, 10, 10), AnnotatedFace.of(50, 50, 60, 60)),
				List.of(box(0, 0, 10, 10, 1), box(20, 20, 30, 30, 1)));
		DetectionEvaluation.Result r = evaluation.result();
		assertEquals(1, r.curve().size());
		assertEquals(0.25, r.averagePrecision(), 1e-12, "one point: precision 0.5 up to recall 0.5");
		assertEquals(0, r.recallAtFalsePositivesPerImage(0), 1e-12);
	}

	@Test
	void invalidFacesAreIgnoredAndTheThresholdDecides() {
		DetectionEvaluation strict = new DetectionEvaluation(0.9);
		strict.add("a", List.of(new AnnotatedFace(FaceBox.of(0, 0, 10, 10, 1), true), AnnotatedFace.of(20, 0, 30, 10)),
				List.of(box(0, 0, 10, 10, 0.9), box(21, 0, 31, 10, 0.8)));
		DetectionEvaluation.Result r = strict.result();
		assertEquals(1, r.positives());
		assertEquals(1, r.ignoredDetections(), "the box on the invalid face");
		assertEquals(1, r.falsePositives(), "IoU 0.82 is below 0.9");
		assertEquals(0, r.recall(), 1e-12);
		assertEquals(0, r.averagePrecision(), 1e-12);

		DetectionEvaluation sizeOff = new DetectionEvaluation(0.5, 0);
		sizeOff.add("b", List.of(AnnotatedFace.of(0, 0, 4, 4)), List.of());
		assertEquals(1, sizeOff.result().positives(), "min size 0 scores tiny faces");
	}

	@Test
	void emptySetsGiveNotANumberAndBadSettingsAreRefused() {
		DetectionEvaluation.Result r = new DetectionEvaluation(0.5).result();
		assertTrue(Double.isNaN(r.precision()) && Double.isNaN(r.recall()) && Double.isNaN(r.averagePrecision()));
		assertThrows(IllegalArgumentException.class, () -> new DetectionEvaluation(0));
		assertThrows(IllegalArgumentException.class, () -> new DetectionEvaluation(0.5, -1));
	}
}
