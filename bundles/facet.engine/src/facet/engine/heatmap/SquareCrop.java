package facet.engine.heatmap;

import java.util.ArrayList;
import java.util.List;

import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.Point;

/**
 * A square around a detected face, in photo pixels, that a face crop was cut from: its centre is
 * the box centre, its side the box's longer side times a scale. It may reach past the photo's
 * edges; pixels there are black in the crop (as a classifier expects a centred face, shifting
 * the square would move the face).
 *
 * @param x left edge
 * @param y top edge
 * @param side width and height, at least 1
 */
public record SquareCrop(int x, int y, int side) {

	public SquareCrop {
		if (side < 1) {
			throw new IllegalArgumentException("a square crop needs a side of at least 1, got " + side);
		}
	}

	/** The square of side {@code scale × max(width, height)} centred on the box. */
	public static SquareCrop around(FaceBox box, double scale) {
		if (!(scale > 0)) {
			throw new IllegalArgumentException("crop scale must be positive, got " + scale);
		}
		int side = Math.max(1, (int) Math.round(Math.max(box.width(), box.height()) * scale));
		double cx = (box.x1() + box.x2()) / 2;
		double cy = (box.y1() + box.y2()) / 2;
		return new SquareCrop((int) Math.round(cx - side / 2.0), (int) Math.round(cy - side / 2.0), side);
	}

	/** The crop's pixels, black where the square lies outside the photo; as many channels as the photo. */
	public ImageRaster extract(ImageRaster photo) {
		int c = photo.channels();
		byte[] pixels = new byte[side * side * c];
		int x0 = Math.max(0, x);
		int x1 = Math.min(photo.width(), x + side);
		if (x1 > x0) {
			for (int row = Math.max(0, y); row < Math.min(photo.height(), y + side); row++) {
				System.arraycopy(photo.pixels(), (row * photo.width() + x0) * c, pixels, ((row - y) * side + (x0 - x)) * c, (x1 - x0) * c);
			}
		}
		return new ImageRaster(side, side, c, pixels);
	}

	/** A photo point in the coordinates of a map of {@code size × size} pixels laid over this square. */
	public Point toMap(Point photo, int size) {
		double s = (double) size / side;
		return new Point((photo.x() - x) * s, (photo.y() - y) * s);
	}

	/** Photo points (landmarks) in the coordinates of a {@code size × size} map over this square. */
	public List<Point> toMap(List<Point> photo, int size) {
		List<Point> result = new ArrayList<>();
		for (Point p : photo) {
			result.add(toMap(p, size));
		}
		return result;
	}
}
