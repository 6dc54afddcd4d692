package facet.features;

import facet.core.ImageRaster;

/**
 * A gray image as floats in [0, 255], row-major: what every extractor of this bundle reads. A
 * colour image becomes its luma (ITU-R BT.601).
 */
public record GrayImage(int width, int height, float[] values) {

	public GrayImage {
		if (values.length != width * height) {
			throw new IllegalArgumentException("a " + width + "x" + height + " gray image needs " + (width * height) + " values, got "
					+ values.length);
		}
	}

	public static GrayImage of(ImageRaster image) {
		int n = image.width() * image.height();
		float[] v = new float[n];
		byte[] p = image.pixels();
		if (image.channels() == 1) {
			for (int i = 0; i < n; i++) {
				v[i] = p[i] & 0xff;
			}
		} else {
			for (int i = 0; i < n; i++) {
				v[i] = 0.299f * (p[3 * i] & 0xff) + 0.587f * (p[3 * i + 1] & 0xff) + 0.114f * (p[3 * i + 2] & 0xff);
			}
		}
		return new GrayImage(image.width(), image.height(), v);
	}

	/** The value at integer coordinates clamped into the image. */
	public float at(int x, int y) {
		x = Math.max(0, Math.min(width - 1, x));
		y = Math.max(0, Math.min(height - 1, y));
		return values[y * width + x];
	}

	/** Bilinear interpolation at real coordinates, clamped into the image. */
	public float sample(double x, double y) {
		int x0 = (int) Math.floor(x);
		int y0 = (int) Math.floor(y);
		double fx = x - x0;
		double fy = y - y0;
		double top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
		double bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
		return (float) (top * (1 - fy) + bottom * fy);
	}

	/** An 8-bit picture of arbitrary values, scaled so that min → 0 and max → 255. */
	public static ImageRaster picture(int width, int height, float[] values) {
		float min = Float.POSITIVE_INFINITY;
		float max = Float.NEGATIVE_INFINITY;
		for (float v : values) {
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		float range = max > min ? max - min : 1;
		byte[] out = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			out[i] = (byte) Math.round((values[i] - min) / range * 255);
		}
		return new ImageRaster(width, height, 1, out);
	}
}
