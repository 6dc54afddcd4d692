package facet.detect.mtcnn.internal;

import java.util.ArrayList;
import java.util.List;

import facet.core.detection.ImagePyramid;
import facet.core.detection.NonMaximumSuppression;

/**
 * The box arithmetic between MTCNN's stages, as in facenet's {@code detect_face.py}: boxes use
 * 1-based inclusive corners there, and so do they here until the detector converts them.
 */
public final class MtcnnMath {

	private MtcnnMath() {
	}

	/**
	 * A box between stages.
	 *
	 * @param reg the regression offsets still to apply (dx1, dy1, dx2, dy2), or null
	 * @param points five x then five y landmark coordinates (0-based), or null
	 */
	public record Candidate(double x1, double y1, double x2, double y2, double score, float[] reg, double[] points) {
	}

	/** The pyramid's scales: the first maps {@code minFaceSize} to P-Net's 12-pixel window. */
	public static List<Double> scales(int width, int height, int minFaceSize, double factor) {
		return ImagePyramid.scales(width, height, 12, ImagePyramid.firstScale(12, minFaceSize, Double.MAX_VALUE), factor);
	}

	/**
	 * Boxes where P-Net's face probability reaches the threshold. The maps are laid out [c][x][y]
	 * with {@code mx × my} cells; a cell is a 12-pixel window moved by 2 pixels at this scale.
	 */
	public static List<Candidate> generate(float[] prob, float[] reg, int mx, int my, double scale, double threshold) {
		List<Candidate> boxes = new ArrayList<>();
		int plane = mx * my;
		for (int x = 0; x < mx; x++) {
			for (int y = 0; y < my; y++) {
				int i = x * my + y;
				float score = prob[plane + i];
				if (score >= threshold) {
					boxes.add(new Candidate(fix((2 * x + 1) / scale), fix((2 * y + 1) / scale), fix((2 * x + 12) / scale),
							fix((2 * y + 12) / scale), score, new float[] { reg[i], reg[plane + i], reg[2 * plane + i], reg[3 * plane + i] },
							null));
				}
			}
		}
		return boxes;
	}

	/** Greedy non-maximum suppression; overlap over the union, or over the smaller box ({@code min}). */
	public static List<Candidate> nms(List<Candidate> boxes, double threshold, boolean min) {
		return NonMaximumSuppression.greedy(boxes, Candidate::score, (a, b) -> overlap(a, b, min), threshold);
	}

	/** Overlap with the reference's inclusive areas (+1 on each side). */
	static double overlap(Candidate a, Candidate b, boolean min) {
		return NonMaximumSuppression.overlap(a.x1(), a.y1(), a.x2(), a.y2(), b.x1(), b.y1(), b.x2(), b.y2(), min, 1);
	}

	/** Applies the regression offsets, scaled by the inclusive width and height. */
	public static Candidate regress(Candidate c) {
		double w = c.x2() - c.x1() + 1;
		double h = c.y2() - c.y1() + 1;
		float[] r = c.reg();
		return new Candidate(c.x1() + r[0] * w, c.y1() + r[1] * h, c.x2() + r[2] * w, c.y2() + r[3] * h, c.score(), null, c.points());
	}

	/** The square around the box's centre with its longer side. */
	public static Candidate square(Candidate c) {
		double w = c.x2() - c.x1();
		double h = c.y2() - c.y1();
		double l = Math.max(w, h);
		double x1 = c.x1() + w * 0.5 - l * 0.5;
		double y1 = c.y1() + h * 0.5 - l * 0.5;
		return new Candidate(x1, y1, x1 + l, y1 + l, c.score(), c.reg(), c.points());
	}

	/** Corners truncated towards zero, as numpy's fix. */
	public static Candidate fix(Candidate c) {
		return new Candidate(fix(c.x1()), fix(c.y1()), fix(c.x2()), fix(c.y2()), c.score(), c.reg(), c.points());
	}

	static double fix(double v) {
		return v < 0 ? Math.ceil(v) : Math.floor(v);
	}
}
