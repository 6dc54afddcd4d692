package facet.engine.heatmap;

import java.util.Arrays;

/**
 * A map of non-negative importance over an image grid, row-major, {@code values[y * width + x]}.
 * Maps that methods return are normalized to a maximum of 1 (or all zero when nothing was
 * important); resizing keeps values in the same range.
 */
public record Heatmap(int width, int height, float[] values) {

	public Heatmap {
		if (width < 1 || height < 1) {
			throw new IllegalArgumentException("a heatmap needs a positive size, got " + width + "x" + height);
		}
		if (values == null || values.length != width * height) {
			throw new IllegalArgumentException("a " + width + "x" + height + " heatmap needs " + (width * height) + " values, got "
					+ (values == null ? 0 : values.length));
		}
	}

	/** The value at column x, row y. */
	public float at(int x, int y) {
		return values[y * width + x];
	}

	public float max() {
		float max = Float.NEGATIVE_INFINITY;
		for (float v : values) {
			max = Math.max(max, v);
		}
		return max;
	}

	public float min() {
		float min = Float.POSITIVE_INFINITY;
		for (float v : values) {
			min = Math.min(min, v);
		}
		return min;
	}

	public double sum() {
		double sum = 0;
		for (float v : values) {
			sum += v;
		}
		return sum;
	}

	/** Index {@code y * width + x} of the largest value (the first one on ties). */
	public int argmax() {
		int best = 0;
		for (int i = 1; i < values.length; i++) {
			if (values[i] > values[best]) {
				best = i;
			}
		}
		return best;
	}

	/** Negative values cut to 0, then scaled so that the maximum is 1; an all-zero map stays zero. */
	public Heatmap normalized() {
		float[] v = new float[values.length];
		float max = 0;
		for (int i = 0; i < v.length; i++) {
			v[i] = Float.isFinite(values[i]) ? Math.max(0, values[i]) : 0;
			max = Math.max(max, v[i]);
		}
		if (max > 0) {
			for (int i = 0; i < v.length; i++) {
				v[i] /= max;
			}
		}
		return new Heatmap(width, height, v);
	}

	/**
	 * Bilinear resampling to another size, pixel centres aligned (a 7×7 map covers a 112×112
	 * crop as 16-pixel cells whose centres carry the values).
	 */
	public Heatmap resized(int newWidth, int newHeight) {
		if (newWidth == width && newHeight == height) {
			return this;
		}
		if (newWidth < 1 || newHeight < 1) {
			throw new IllegalArgumentException("cannot resize a heatmap to " + newWidth + "x" + newHeight);
		}
		float[] out = new float[newWidth * newHeight];
		double sx = (double) width / newWidth;
		double sy = (double) height / newHeight;
		for (int y = 0; y < newHeight; y++) {
			double fy = Math.min(height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
			int y0 = (int) fy;
			int y1 = Math.min(height - 1, y0 + 1);
			double wy = fy - y0;
			for (int x = 0; x < newWidth; x++) {
				double fx = Math.min(width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
				int x0 = (int) fx;
				int x1 = Math.min(width - 1, x0 + 1);
				double wx = fx - x0;
				double top = at(x0, y0) * (1 - wx) + at(x1, y0) * wx;
				double bottom = at(x0, y1) * (1 - wx) + at(x1, y1) * wx;
				out[y * newWidth + x] = (float) (top * (1 - wy) + bottom * wy);
			}
		}
		return new Heatmap(newWidth, newHeight, out);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Heatmap h && h.width == width && h.height == height && Arrays.equals(h.values, values);
	}

	@Override
	public int hashCode() {
		return 31 * (31 * width + height) + Arrays.hashCode(values);
	}

	@Override
	public String toString() {
		return "Heatmap[" + width + "x" + height + ", max " + max() + "]";
	}
}
