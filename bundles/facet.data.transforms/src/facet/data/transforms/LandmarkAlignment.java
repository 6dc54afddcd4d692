package facet.data.transforms;

import java.awt.geom.AffineTransform;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.Point;
import facet.core.spi.ImageOperation;
import facet.data.transforms.internal.Warp;

/**
 * Aligns a face to a square of {@code size} pixels with the least-squares similarity transform
 * (rotation, uniform scale, translation; no reflection) that maps its five landmarks onto a
 * template. The template is the 112 × 112 five-point template of ArcFace (Deng et al., CVPR
 * 2019), scaled to {@code size} and zoomed about the centre by {@code zoom} (below 1 shows more
 * of the head).
 * <p>
 * Fallbacks, so that every sample gives an image of the same size: a face without landmarks is
 * cropped to the square around its box (side = the box's longer side) and resized; an image
 * without a face is taken to be a face crop already and resized whole.
 */
public final class LandmarkAlignment implements ImageOperation {

	/** The ArcFace template for 112 × 112, in {@link FaceBox.Landmark} order. */
	public static final List<Point> TEMPLATE_112 = List.of(new Point(38.2946, 51.6963), new Point(73.5318, 51.5014),
			new Point(56.0252, 71.7366), new Point(41.5493, 92.3655), new Point(70.7299, 92.2041));

	private final int size;
	private final List<Point> template;

	public LandmarkAlignment(int size, double zoom) {
		if (size <= 0 || !(zoom > 0)) {
			throw new IllegalArgumentException("alignment needs size > 0 and zoom > 0, got " + size + " and " + zoom);
		}
		this.size = size;
		double scale = size / 112.0;
		double centre = size / 2.0;
		this.template = TEMPLATE_112.stream()
				.map(p -> new Point(centre + (p.x() * scale - centre) * zoom, centre + (p.y() * scale - centre) * zoom))
				.toList();
	}

	/** Where the five landmarks land in the output. */
	public List<Point> template() {
		return template;
	}

	@Override
	public Result apply(ImageRaster image, Optional<FaceBox> face, RandomGenerator random) {
		AffineTransform forward;
		if (face.isPresent() && face.get().hasLandmarks()) {
			forward = similarity(face.get().landmarks(), template);
		} else if (face.isPresent()) {
			FaceBox box = face.get();
			double side = Math.max(box.width(), box.height());
			if (!(side > 0)) {
				throw new IllegalArgumentException("cannot align a face whose box is empty: " + box);
			}
			forward = new AffineTransform();
			forward.scale(size / side, size / side);
			forward.translate(-((box.x1() + box.x2()) / 2 - side / 2), -((box.y1() + box.y2()) / 2 - side / 2));
		} else {
			return new Resize(size, size, Resize.Interpolation.AUTO).apply(image, face, random);
		}
		return new Result(Warp.affine(image, forward, size, size, 0), Warp.face(face, forward));
	}

	/**
	 * The similarity transform minimising the squared distances from the mapped {@code from}
	 * points to {@code to} (closed form of Umeyama's method for two dimensions).
	 */
	public static AffineTransform similarity(List<Point> from, List<Point> to) {
		int n = from.size();
		if (n != to.size() || n < 2) {
			throw new IllegalArgumentException("a similarity needs at least 2 matching points, got " + n + " and " + to.size());
		}
		double fx = 0, fy = 0, tx = 0, ty = 0;
		for (int i = 0; i < n; i++) {
			fx += from.get(i).x();
			fy += from.get(i).y();
			tx += to.get(i).x();
			ty += to.get(i).y();
		}
		fx /= n;
		fy /= n;
		tx /= n;
		ty /= n;
		double dot = 0, cross = 0, norm = 0;
		for (int i = 0; i < n; i++) {
			double ax = from.get(i).x() - fx;
			double ay = from.get(i).y() - fy;
			double bx = to.get(i).x() - tx;
			double by = to.get(i).y() - ty;
			dot += ax * bx + ay * by;
			cross += ax * by - ay * bx;
			norm += ax * ax + ay * ay;
		}
		if (!(norm > 0)) {
			throw new IllegalArgumentException("the landmarks all lie on one point: " + from);
		}
		double a = dot / norm;
		double b = cross / norm;
		// x' = a x - b y + tx', y' = b x + a y + ty'
		return new AffineTransform(a, b, -b, a, tx - (a * fx - b * fy), ty - (b * fx + a * fy));
	}
}
