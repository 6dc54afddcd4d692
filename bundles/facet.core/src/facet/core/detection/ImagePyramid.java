package facet.core.detection;

import java.util.ArrayList;
import java.util.List;

/**
 * The scales of an image pyramid that a fixed-size window slides over, shared by the cascaded
 * detectors (MTCNN's P-Net, Cascade CNN's 12-net): the first level makes the smallest face looked
 * for fill the window, each further level shrinks by a constant factor, and the last is the
 * smallest whose shorter side still holds one window.
 */
public final class ImagePyramid {

	private ImagePyramid() {
	}

	/**
	 * The scale of the first level: {@code window / minFace}, or {@code maxScale} when that is
	 * smaller (Cascade CNN never enlarges an image, and shrinks wide photos to a maximum width).
	 */
	public static double firstScale(int window, double minFace, double maxScale) {
		if (window <= 0 || !(minFace > 0) || !(maxScale > 0)) {
			throw new IllegalArgumentException("window " + window + ", minimum face " + minFace + " and largest scale " + maxScale
					+ " must all be > 0");
		}
		return Math.min(window / minFace, maxScale);
	}

	/**
	 * Level pixels per image pixel for every level, largest first.
	 *
	 * @param first the first level's scale ({@link #firstScale})
	 * @param factor the ratio between successive levels, in (0, 1)
	 */
	public static List<Double> scales(int width, int height, int window, double first, double factor) {
		if (!(factor > 0 && factor < 1)) {
			throw new IllegalArgumentException("the pyramid's factor must be in (0, 1), got " + factor);
		}
		if (window <= 0 || !(first > 0)) {
			throw new IllegalArgumentException("window " + window + " and first scale " + first + " must be > 0");
		}
		List<Double> scales = new ArrayList<>();
		// the side is carried along rather than recomputed so that the levels are exactly those
		// of MTCNN's reference (facenet's detect_face), which multiplies both
		double side = Math.min(width, height) * first;
		double scale = first;
		while (side >= window) {
			scales.add(scale);
			scale *= factor;
			side *= factor;
		}
		return scales;
	}
}
