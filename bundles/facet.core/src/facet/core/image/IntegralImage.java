package facet.core.image;

import facet.core.ImageRaster;

/**
 * Summed-area tables of a gray image and of its squares (Viola and Jones, section 2.1): any
 * rectangle's sum in four look-ups. Sums are doubles, exact for 8-bit images of up to 2^37
 * pixels.
 */
public final class IntegralImage {

	private final int width;
	private final int height;
	private final double[] sums;
	private final double[] squares;

	private IntegralImage(int width, int height, double[] sums, double[] squares) {
		this.width = width;
		this.height = height;
		this.sums = sums;
		this.squares = squares;
	}

	/** From gray values in row-major order. */
	public static IntegralImage of(float[] gray, int width, int height) {
		if (gray.length != width * height) {
			throw new IllegalArgumentException("a " + width + "x" + height + " image needs " + width * height + " values, got " + gray.length);
		}
		int stride = width + 1;
		double[] sums = new double[stride * (height + 1)];
		double[] squares = new double[sums.length];
		for (int y = 0; y < height; y++) {
			double row = 0;
			double rowSquares = 0;
			for (int x = 0; x < width; x++) {
				double v = gray[y * width + x];
				row += v;
				rowSquares += v * v;
				int i = (y + 1) * stride + x + 1;
				sums[i] = sums[i - stride] + row;
				squares[i] = squares[i - stride] + rowSquares;
			}
		}
		return new IntegralImage(width, height, sums, squares);
	}

	/** Luminance of an 8-bit image (ITU-R 601 weights for RGB). */
	public static float[] gray(ImageRaster image) {
		int n = image.width() * image.height();
		float[] gray = new float[n];
		byte[] p = image.pixels();
		if (image.channels() == 1) {
			for (int i = 0; i < n; i++) {
				gray[i] = p[i] & 0xff;
			}
		} else {
			for (int i = 0; i < n; i++) {
				gray[i] = 0.299f * (p[3 * i] & 0xff) + 0.587f * (p[3 * i + 1] & 0xff) + 0.114f * (p[3 * i + 2] & 0xff);
			}
		}
		return gray;
	}

	public static IntegralImage of(ImageRaster image) {
		return of(gray(image), image.width(), image.height());
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** Sum of the pixels in {@code [x, x + w) × [y, y + h)}. */
	public double sum(int x, int y, int w, int h) {
		int stride = width + 1;
		int a = y * stride + x;
		int b = (y + h) * stride + x;
		return sums[b + w] - sums[b] - sums[a + w] + sums[a];
	}

	/** Sum of the squared pixels in {@code [x, x + w) × [y, y + h)}. */
	public double squareSum(int x, int y, int w, int h) {
		int stride = width + 1;
		int a = y * stride + x;
		int b = (y + h) * stride + x;
		return squares[b + w] - squares[b] - squares[a + w] + squares[a];
	}

	/**
	 * Standard deviation of a window, the divisor of variance normalization; at least 1 so that
	 * flat windows do not blow feature values up.
	 */
	public double deviation(int x, int y, int w, int h) {
		double n = (double) w * h;
		double mean = sum(x, y, w, h) / n;
		double variance = squareSum(x, y, w, h) / n - mean * mean;
		return Math.max(1, Math.sqrt(Math.max(0, variance)));
	}

	/**
	 * The square region {@code [x, x + side) × [y, y + side)} resampled to {@code size × size}
	 * by averaging the pixels each target pixel covers (area resampling, no aliasing). Regions
	 * partly outside the image are clamped to it.
	 */
	public float[] resample(double x, double y, double side, int size) {
		return resample(x, y, side, side, size, size);
	}

	/** A region resampled to {@code outWidth × outHeight} by area averaging. */
	public float[] resample(double x, double y, double w, double h, int outWidth, int outHeight) {
		float[] out = new float[outWidth * outHeight];
		int[] xs = bounds(x, w, outWidth, width);
		int[] ys = bounds(y, h, outHeight, height);
		for (int j = 0; j < outHeight; j++) {
			int y0 = ys[j];
			int y1 = Math.max(ys[j + 1], y0 + 1);
			if (y1 > height) {
				y0 = height - 1;
				y1 = height;
			}
			for (int i = 0; i < outWidth; i++) {
				int x0 = xs[i];
				int x1 = Math.max(xs[i + 1], x0 + 1);
				if (x1 > width) {
					x0 = width - 1;
					x1 = width;
				}
				out[j * outWidth + i] = (float) (sum(x0, y0, x1 - x0, y1 - y0) / ((double) (x1 - x0) * (y1 - y0)));
			}
		}
		return out;
	}

	private static int[] bounds(double start, double length, int cells, int limit) {
		int[] b = new int[cells + 1];
		for (int i = 0; i <= cells; i++) {
			b[i] = (int) Math.max(0, Math.min(limit, Math.floor(start + length * i / cells)));
		}
		return b;
	}
}
