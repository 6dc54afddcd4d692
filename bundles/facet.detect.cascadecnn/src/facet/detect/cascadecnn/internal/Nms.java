package facet.detect.cascadecnn.internal;

import java.util.List;

import facet.core.FaceBox;
import facet.core.detection.NonMaximumSuppression;

/** Greedy non-maximum suppression: the best box first, dropping boxes that overlap a kept one. */
public final class Nms {

	private Nms() {
	}

	/**
	 * @param overlap IoU above which a box is dropped
	 * @param minimum whether overlap is intersection over the smaller area (the paper's 48-net
	 *            stage, which removes small boxes inside big ones) instead of IoU
	 */
	public static List<FaceBox> suppress(List<FaceBox> boxes, double overlap, boolean minimum) {
		return NonMaximumSuppression.greedy(boxes, FaceBox::score, (a, b) -> overlap(a, b, minimum), overlap);
	}

	static double overlap(FaceBox a, FaceBox b, boolean minimum) {
		return NonMaximumSuppression.overlap(a.x1(), a.y1(), a.x2(), a.y2(), b.x1(), b.y1(), b.x2(), b.y2(), minimum, 0);
	}
}
