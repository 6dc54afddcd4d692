package facet.engine.heatmap;

import java.util.List;

import facet.core.FaceBox;
import facet.core.Point;

/**
 * The expressive regions of a face, derived from the five landmarks (eyes, nose, mouth corners)
 * in a heatmap's pixel coordinates, to measure whether a map's mass lands on them.
 * <p>
 * Geometry, with d the distance between the eye centres, u the unit vector from the first eye to
 * the second and n the unit normal of u that points towards the mouth:
 * <ul>
 * <li><b>eyes</b>: one ellipse per eye, centred on it, semi-axes 0.30·d along u and 0.18·d along
 * n (the eye opening with the lids);</li>
 * <li><b>brows</b>: a band above the eyes, from 0.18·d to 0.60·d above the eye line (against n),
 * reaching 0.35·d beyond each eye centre outwards (brows run past the outer eye corners);</li>
 * <li><b>mouth</b>: an ellipse centred between the mouth corners, semi-axes half the corner
 * distance + 0.15·d along the corner line and 0.25·d across it (lips, open or closed).</li>
 * </ul>
 * The regions do not overlap for faces of plausible shape; where they would, a point counts for
 * the first of eyes, brows, mouth. The nose landmark is not used: the regions
 * follow eye line and mouth line, so a tilted face gets tilted regions.
 */
public final class FaceRegions {

	/** A region name as reported. */
	public enum Region {
		EYES, BROWS, MOUTH;

		public String label() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	static final double EYE_ALONG = 0.30;
	static final double EYE_ACROSS = 0.18;
	static final double BROW_NEAR = 0.18;
	static final double BROW_FAR = 0.60;
	static final double BROW_OUTWARD = 0.35;
	static final double MOUTH_MARGIN = 0.15;
	static final double MOUTH_ACROSS = 0.25;

	private final Point leftEye;
	private final Point rightEye;
	private final Point mouthCentre;
	private final double d;
	private final double ux;
	private final double uy;
	private final double nx;
	private final double ny;
	private final double mouthHalf;
	private final double mx;
	private final double my;

	/**
	 * @param landmarks the five points in {@link FaceBox.Landmark} order, in the map's pixel
	 *        coordinates (pixel (x, y) covers [x, x+1) × [y, y+1))
	 */
	public FaceRegions(List<Point> landmarks) {
		if (landmarks.size() != FaceBox.Landmark.values().length) {
			throw new IllegalArgumentException("face regions need the 5 landmarks (eyes, nose, mouth corners), got " + landmarks.size());
		}
		leftEye = landmarks.get(FaceBox.Landmark.LEFT_EYE.ordinal());
		rightEye = landmarks.get(FaceBox.Landmark.RIGHT_EYE.ordinal());
		Point ml = landmarks.get(FaceBox.Landmark.MOUTH_LEFT.ordinal());
		Point mr = landmarks.get(FaceBox.Landmark.MOUTH_RIGHT.ordinal());
		double ex = rightEye.x() - leftEye.x();
		double ey = rightEye.y() - leftEye.y();
		d = Math.hypot(ex, ey);
		if (!(d > 0)) {
			throw new IllegalArgumentException("the two eye landmarks coincide; cannot place face regions");
		}
		ux = ex / d;
		uy = ey / d;
		mouthCentre = new Point((ml.x() + mr.x()) / 2, (ml.y() + mr.y()) / 2);
		double toMouthX = mouthCentre.x() - (leftEye.x() + rightEye.x()) / 2;
		double toMouthY = mouthCentre.y() - (leftEye.y() + rightEye.y()) / 2;
		double sign = (-uy * toMouthX + ux * toMouthY) >= 0 ? 1 : -1;
		nx = -uy * sign;
		ny = ux * sign;
		double mdx = mr.x() - ml.x();
		double mdy = mr.y() - ml.y();
		double mouthWidth = Math.hypot(mdx, mdy);
		mouthHalf = mouthWidth / 2 + MOUTH_MARGIN * d;
		mx = mouthWidth > 0 ? mdx / mouthWidth : ux;
		my = mouthWidth > 0 ? mdy / mouthWidth : uy;
	}

	/** Distance between the eye centres, the unit of the geometry. */
	public double eyeDistance() {
		return d;
	}

	/** The region a point lies in, or null. */
	public Region regionOf(double x, double y) {
		if (inEllipse(x, y, leftEye, ux, uy, EYE_ALONG * d, EYE_ACROSS * d)
				|| inEllipse(x, y, rightEye, ux, uy, EYE_ALONG * d, EYE_ACROSS * d)) {
			return Region.EYES;
		}
		double ox = x - leftEye.x();
		double oy = y - leftEye.y();
		double along = ox * ux + oy * uy;
		// distance above the eye line (against n, away from the mouth)
		double above = -(ox * nx + oy * ny);
		if (above >= BROW_NEAR * d && above <= BROW_FAR * d && along >= -BROW_OUTWARD * d && along <= d + BROW_OUTWARD * d) {
			return Region.BROWS;
		}
		if (inEllipse(x, y, mouthCentre, mx, my, mouthHalf, MOUTH_ACROSS * d)) {
			return Region.MOUTH;
		}
		return null;
	}

	private static boolean inEllipse(double x, double y, Point centre, double ax, double ay, double along, double across) {
		double dx = x - centre.x();
		double dy = y - centre.y();
		double a = dx * ax + dy * ay;
		double b = -dx * ay + dy * ax;
		return (a * a) / (along * along) + (b * b) / (across * across) <= 1;
	}

	/** How much of the map's mass lies in each region, and where its maximum is. */
	public FaceAttention measure(Heatmap map) {
		double total = 0;
		double[] mass = new double[Region.values().length];
		int[] area = new int[Region.values().length];
		for (int y = 0; y < map.height(); y++) {
			for (int x = 0; x < map.width(); x++) {
				double v = Math.max(0, map.at(x, y));
				total += v;
				Region r = regionOf(x + 0.5, y + 0.5);
				if (r != null) {
					mass[r.ordinal()] += v;
					area[r.ordinal()]++;
				}
			}
		}
		int peak = map.argmax();
		Region hit = total > 0 ? regionOf(peak % map.width() + 0.5, peak / map.width() + 0.5) : null;
		double pixels = (double) map.width() * map.height();
		double share = total > 0 ? 1 / total : 0;
		return new FaceAttention(mass[0] * share, mass[1] * share, mass[2] * share, hit,
				(area[0] + area[1] + area[2]) / pixels);
	}
}
