package facet.data.transforms.internal;

import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.Point;

/**
 * Affine resampling of rasters and of the faces in them, in Facet's continuous pixel
 * coordinates: pixel {@code (i, j)} covers {@code [i, i+1) × [j, j+1)}, so its centre is at
 * {@code (i + 0.5, j + 0.5)} and a face box edge {@code x2} is exclusive.
 */
public final class Warp {

	private Warp() {
	}

	/**
	 * Resamples {@code image} through {@code forward} (source to destination coordinates) with
	 * bilinear interpolation; destination pixels whose source lies outside the image get {@code fill}.
	 */
	public static ImageRaster affine(ImageRaster image, AffineTransform forward, int width, int height, int fill) {
		AffineTransform inverse;
		try {
			inverse = forward.createInverse();
		} catch (NoninvertibleTransformException e) {
			throw new IllegalArgumentException("the transform " + forward + " cannot be inverted", e);
		}
		int c = image.channels();
		int sw = image.width();
		int sh = image.height();
		byte[] in = image.pixels();
		byte[] out = new byte[width * height * c];
		double m00 = inverse.getScaleX();
		double m01 = inverse.getShearX();
		double m02 = inverse.getTranslateX();
		double m10 = inverse.getShearY();
		double m11 = inverse.getScaleY();
		double m12 = inverse.getTranslateY();
		float[] value = new float[c];
		for (int y = 0; y < height; y++) {
			double dy = y + 0.5;
			for (int x = 0; x < width; x++) {
				double dx = x + 0.5;
				// source position in index space, where pixel i's centre is at i
				double sx = m00 * dx + m01 * dy + m02 - 0.5;
				double sy = m10 * dx + m11 * dy + m12 - 0.5;
				int o = (y * width + x) * c;
				if (!(sx > -1 && sy > -1 && sx < sw && sy < sh)) {
					for (int k = 0; k < c; k++) {
						out[o + k] = (byte) fill;
					}
					continue;
				}
				int x0 = (int) Math.floor(sx);
				int y0 = (int) Math.floor(sy);
				double fx = sx - x0;
				double fy = sy - y0;
				if (x0 >= 0 && y0 >= 0 && x0 + 1 < sw && y0 + 1 < sh) {
					// all four neighbours inside: the common case, without per-neighbour checks
					double w00 = (1 - fx) * (1 - fy);
					double w10 = fx * (1 - fy);
					double w01 = (1 - fx) * fy;
					double w11 = fx * fy;
					int i00 = (y0 * sw + x0) * c;
					int i01 = i00 + sw * c;
					for (int k = 0; k < c; k++) {
						double v = w00 * (in[i00 + k] & 0xff) + w10 * (in[i00 + c + k] & 0xff) + w01 * (in[i01 + k] & 0xff)
								+ w11 * (in[i01 + c + k] & 0xff);
						out[o + k] = (byte) clamp(Math.round((float) v));
					}
					continue;
				}
				for (int k = 0; k < c; k++) {
					value[k] = 0;
				}
				accumulate(in, sw, sh, c, x0, y0, (1 - fx) * (1 - fy), fill, value);
				accumulate(in, sw, sh, c, x0 + 1, y0, fx * (1 - fy), fill, value);
				accumulate(in, sw, sh, c, x0, y0 + 1, (1 - fx) * fy, fill, value);
				accumulate(in, sw, sh, c, x0 + 1, y0 + 1, fx * fy, fill, value);
				for (int k = 0; k < c; k++) {
					out[o + k] = (byte) clamp(Math.round(value[k]));
				}
			}
		}
		return new ImageRaster(width, height, c, out);
	}

	private static void accumulate(byte[] in, int w, int h, int c, int x, int y, double weight, int fill, float[] value) {
		if (weight == 0) {
			return;
		}
		if (x < 0 || y < 0 || x >= w || y >= h) {
			for (int k = 0; k < c; k++) {
				value[k] += (float) (weight * fill);
			}
			return;
		}
		int i = (y * w + x) * c;
		for (int k = 0; k < c; k++) {
			value[k] += (float) (weight * (in[i + k] & 0xff));
		}
	}

	/** Clamps to an unsigned byte's range. */
	public static int clamp(long value) {
		return value < 0 ? 0 : value > 255 ? 255 : (int) value;
	}

	/**
	 * Moves a face through a transform: landmarks are mapped exactly, the box becomes the
	 * bounding box of its four mapped corners. Boxes are not clipped to the image.
	 */
	public static Optional<FaceBox> face(Optional<FaceBox> face, AffineTransform forward) {
		return face.map(f -> {
			double[] corners = { f.x1(), f.y1(), f.x2(), f.y1(), f.x1(), f.y2(), f.x2(), f.y2() };
			forward.transform(corners, 0, corners, 0, 4);
			double x1 = Math.min(Math.min(corners[0], corners[2]), Math.min(corners[4], corners[6]));
			double x2 = Math.max(Math.max(corners[0], corners[2]), Math.max(corners[4], corners[6]));
			double y1 = Math.min(Math.min(corners[1], corners[3]), Math.min(corners[5], corners[7]));
			double y2 = Math.max(Math.max(corners[1], corners[3]), Math.max(corners[5], corners[7]));
			List<Point> landmarks = new ArrayList<>(f.landmarks().size());
			for (Point p : f.landmarks()) {
				double[] q = { p.x(), p.y() };
				forward.transform(q, 0, q, 0, 1);
				landmarks.add(new Point(q[0], q[1]));
			}
			return new FaceBox(x1, y1, x2, y2, f.score(), landmarks);
		});
	}

	/** Moves a face by a translation, keeping the box exact. */
	public static Optional<FaceBox> translate(Optional<FaceBox> face, double dx, double dy) {
		return face(face, AffineTransform.getTranslateInstance(dx, dy));
	}

	/** Copies {@code image} into a new raster (operations never modify their input). */
	public static byte[] copy(ImageRaster image) {
		return image.pixels().clone();
	}
}
