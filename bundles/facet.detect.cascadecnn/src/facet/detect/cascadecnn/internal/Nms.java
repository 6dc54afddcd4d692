package facet.detect.cascadecnn.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import facet.core.FaceBox;

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
		List<FaceBox> sorted = new ArrayList<>(boxes);
		sorted.sort(Comparator.comparingDouble(FaceBox::score).reversed());
		List<FaceBox> kept = new ArrayList<>();
		for (FaceBox b : sorted) {
			boolean keep = true;
			for (FaceBox k : kept) {
				if (overlap(b, k, minimum) > overlap) {
					keep = false;
					break;
				}
			}
			if (keep) {
				kept.add(b);
			}
		}
		return kept;
	}

	static double overlap(FaceBox a, FaceBox b, boolean minimum) {
		if (!minimum) {
			return a.iou(b);
		}
		double ix = Math.max(0, Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1()));
		double iy = Math.max(0, Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1()));
		double smaller = Math.min(a.area(), b.area());
		return smaller <= 0 ? 0 : ix * iy / smaller;
	}
}
