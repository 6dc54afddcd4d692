package facet.core;

import java.util.List;

/**
 * A detected or annotated face in original image pixels.
 *
 * @param x1 left edge
 * @param y1 top edge
 * @param x2 right edge (exclusive)
 * @param y2 bottom edge (exclusive)
 * @param score detector confidence in [0, 1]; 1 for ground truth
 * @param landmarks empty, or the five points in {@link Landmark} order
 */
public record FaceBox(double x1, double y1, double x2, double y2, double score, List<Point> landmarks) {

	/** The five facial landmarks in the order every detector and aligner uses. */
	public enum Landmark {
		LEFT_EYE, RIGHT_EYE, NOSE, MOUTH_LEFT, MOUTH_RIGHT
	}

	public FaceBox {
		if (!(x2 >= x1) || !(y2 >= y1)) {
			throw new IllegalArgumentException("face box needs x1 <= x2 and y1 <= y2, got [" + x1 + ", " + y1 + ", " + x2 + ", " + y2 + "]");
		}
		landmarks = landmarks == null ? List.of() : List.copyOf(landmarks);
		if (!landmarks.isEmpty() && landmarks.size() != Landmark.values().length) {
			throw new IllegalArgumentException("a face has 0 or 5 landmarks, got " + landmarks.size());
		}
	}

	/** A box without landmarks. */
	public static FaceBox of(double x1, double y1, double x2, double y2, double score) {
		return new FaceBox(x1, y1, x2, y2, score, List.of());
	}

	public double width() {
		return x2 - x1;
	}

	public double height() {
		return y2 - y1;
	}

	public double area() {
		return width() * height();
	}

	public boolean hasLandmarks() {
		return !landmarks.isEmpty();
	}

	/** Intersection over union with another box; 0 when either has no area. */
	public double iou(FaceBox other) {
		double ix = Math.max(0, Math.min(x2, other.x2) - Math.max(x1, other.x1));
		double iy = Math.max(0, Math.min(y2, other.y2) - Math.max(y1, other.y1));
		double intersection = ix * iy;
		double union = area() + other.area() - intersection;
		return union <= 0 ? 0 : intersection / union;
	}
}
