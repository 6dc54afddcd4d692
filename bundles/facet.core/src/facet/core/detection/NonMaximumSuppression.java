package facet.core.detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Greedy non-maximum suppression, shared by the detectors' stages (MTCNN, Cascade CNN): the best
 * box first, then each box in descending score that overlaps no kept box by more than the
 * threshold. Boxes of any type: the detectors keep their own box arithmetic (MTCNN's 1-based
 * inclusive corners, FaceBox's exclusive ones) in the overlap they pass.
 */
public final class NonMaximumSuppression {

	/** How much two boxes overlap: IoU, intersection over the smaller area, or the like. */
	@FunctionalInterface
	public interface Overlap<T> {
		double between(T a, T b);
	}

	private NonMaximumSuppression() {
	}

	/** The kept boxes, best first; equal scores keep their input order. */
	public static <T> List<T> greedy(List<T> boxes, ToDoubleFunction<T> score, Overlap<T> overlap, double threshold) {
		List<T> sorted = new ArrayList<>(boxes);
		sorted.sort(Comparator.comparingDouble(score).reversed());
		List<T> kept = new ArrayList<>();
		for (T box : sorted) {
			boolean keep = true;
			for (T k : kept) {
				if (overlap.between(k, box) > threshold) {
					keep = false;
					break;
				}
			}
			if (keep) {
				kept.add(box);
			}
		}
		return kept;
	}

	/**
	 * How much two boxes given by their corners overlap: intersection over union, or over the
	 * smaller area ({@code overSmaller}, which also removes small boxes inside big ones). 0 when
	 * the denominator is not positive.
	 *
	 * @param pixel added to every side's length: 0 for exclusive corners, 1 for the 1-based
	 *            inclusive corners of MTCNN's reference
	 */
	public static double overlap(double ax1, double ay1, double ax2, double ay2, double bx1, double by1, double bx2, double by2,
			boolean overSmaller, double pixel) {
		double areaA = (ax2 - ax1 + pixel) * (ay2 - ay1 + pixel);
		double areaB = (bx2 - bx1 + pixel) * (by2 - by1 + pixel);
		double w = Math.max(0, Math.min(ax2, bx2) - Math.max(ax1, bx1) + pixel);
		double h = Math.max(0, Math.min(ay2, by2) - Math.max(ay1, by1) + pixel);
		double intersection = w * h;
		double denominator = overSmaller ? Math.min(areaA, areaB) : areaA + areaB - intersection;
		return denominator <= 0 ? 0 : intersection / denominator;
	}
}
