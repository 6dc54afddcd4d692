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
}
