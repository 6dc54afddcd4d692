package facet.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import facet.core.FaceBox;
import facet.core.detection.NonMaximumSuppression;

class NonMaximumSuppressionTest {

	@Test
	void keepsTheBestOfEachOverlappingGroupInScoreOrder() {
		FaceBox weak = FaceBox.of(0, 0, 10, 10, 0.5);
		FaceBox strong = FaceBox.of(1, 1, 11, 11, 0.9);
		FaceBox apart = FaceBox.of(50, 50, 60, 60, 0.7);
		FaceBox inside = FaceBox.of(52, 52, 55, 55, 0.8);

		List<FaceBox> byIou = NonMaximumSuppression.greedy(List.of(weak, strong, apart, inside), FaceBox::score, FaceBox::iou, 0.5);

		// inside overlaps apart by IoU 0.09 only, so both stay; weak is dropped by strong (IoU 0.68)
		assertEquals(List.of(strong, inside, apart), byIou);
	}

	@Test
	void aBoxDroppedDoesNotDropOthers() {
		// b overlaps a and c, c does not overlap a: dropping b must leave c
		FaceBox a = FaceBox.of(0, 0, 10, 10, 0.9);
		FaceBox b = FaceBox.of(4, 0, 14, 10, 0.8);
		FaceBox c = FaceBox.of(9, 0, 19, 10, 0.7);
		assertEquals(List.of(a, c), NonMaximumSuppression.greedy(List.of(c, b, a), FaceBox::score, FaceBox::iou, 0.3));
	}

	@Test
	void overlapOverUnionOrOverTheSmallerBoxWithExclusiveOrInclusiveCorners() {
		// 10×10 and 4×4 boxes, the small one inside: IoU 16/100, over the smaller 1
		assertEquals(0.16, NonMaximumSuppression.overlap(0, 0, 10, 10, 2, 2, 6, 6, false, 0), 1e-12);
		assertEquals(1, NonMaximumSuppression.overlap(0, 0, 10, 10, 2, 2, 6, 6, true, 0), 1e-12);
		// MTCNN's inclusive corners: 1..10 is 10 pixels wide, 2..5 is 4
		assertEquals(0.16, NonMaximumSuppression.overlap(1, 1, 10, 10, 2, 2, 5, 5, false, 1), 1e-12);
		assertEquals(0, NonMaximumSuppression.overlap(0, 0, 10, 10, 20, 20, 30, 30, false, 0));
		assertEquals(0, NonMaximumSuppression.overlap(5, 5, 5, 5, 5, 5, 5, 5, true, 0), "no area: no overlap, not NaN");
	}
}
