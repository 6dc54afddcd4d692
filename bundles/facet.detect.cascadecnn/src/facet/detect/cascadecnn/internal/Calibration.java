package facet.detect.cascadecnn.internal;

import facet.core.FaceBox;

/**
 * The 45 calibration patterns of the paper (section 3.2): scale {@code s} in {0.83, 0.91, 1.0,
 * 1.10, 1.21} times offsets {@code x, y} in {-0.17, 0, 0.17}. A calibration net says which
 * pattern turned the true face box into the window it sees; the window is corrected by the
 * inverse: {@code (x - xn·w/sn, y - yn·h/sn, w/sn, h/sn)}, averaged over the patterns whose
 * confidence is above a threshold.
 */
public final class Calibration {

	public static final double[] SCALES = { 0.83, 0.91, 1.0, 1.10, 1.21 };
	public static final double[] OFFSETS = { -0.17, 0, 0.17 };
	public static final int CLASSES = SCALES.length * OFFSETS.length * OFFSETS.length;

	private Calibration() {
	}

	/** Scale, x offset and y offset of pattern {@code n} (scale slowest, then x, then y). */
	public static double[] pattern(int n) {
		if (n < 0 || n >= CLASSES) {
			throw new IllegalArgumentException("calibration pattern " + n + " is not in [0, " + CLASSES + ")");
		}
		return new double[] { SCALES[n / 9], OFFSETS[(n / 3) % 3], OFFSETS[n % 3] };
	}

	/**
	 * The window pattern {@code n} makes of a face box: the inverse of {@link #correct}, used to
	 * make the calibration training windows.
	 */
	public static double[] perturb(double x, double y, double w, double h, int n) {
		double[] p = pattern(n);
		return new double[] { x + p[1] * w, y + p[2] * h, w * p[0], h * p[0] };
	}

	/** Corrects a window {@code x, y, w, h} by pattern {@code n}. */
	public static double[] correct(double x, double y, double w, double h, int n) {
		double[] p = pattern(n);
		return new double[] { x - p[1] * w / p[0], y - p[2] * h / p[0], w / p[0], h / p[0] };
	}

	/**
	 * Corrects a box by the average pattern of those with confidence above {@code threshold}
	 * (the most confident one when none is); the score is kept.
	 */
	public static FaceBox apply(FaceBox box, float[] confidences, double threshold) {
		double s = 0;
		double dx = 0;
		double dy = 0;
		int count = 0;
		int best = 0;
		for (int n = 0; n < CLASSES; n++) {
			if (confidences[n] > confidences[best]) {
				best = n;
			}
			if (confidences[n] > threshold) {
				double[] p = pattern(n);
				s += p[0];
				dx += p[1];
				dy += p[2];
				count++;
			}
		}
		if (count == 0) {
			double[] p = pattern(best);
			s = p[0];
			dx = p[1];
			dy = p[2];
			count = 1;
		}
		s /= count;
		dx /= count;
		dy /= count;
		double w = box.width();
		double h = box.height();
		double x = box.x1() - dx * w / s;
		double y = box.y1() - dy * h / s;
		return FaceBox.of(x, y, x + w / s, y + h / s, box.score());
	}
}
