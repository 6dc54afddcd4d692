package facet.detect.mtcnn.internal;

/**
 * Resizes float images held as planes (channel, x, y): area averaging when shrinking, which is
 * what OpenCV's INTER_AREA gives the reference MTCNN, bilinear when enlarging.
 */
final class ImageResampler {

	private ImageResampler() {
	}

	/** Weights of the input pixels that make up each output pixel along one axis. */
	record Taps(int[] first, float[][] weights) {
	}

	static Taps taps(int in, int out) {
		int[] first = new int[out];
		float[][] weights = new float[out][];
		double scale = (double) in / out;
		for (int o = 0; o < out; o++) {
			if (scale >= 1) {
				double start = o * scale;
				double end = Math.min(in, (o + 1) * scale);
				int lo = (int) Math.floor(start);
				int hi = Math.min(in, (int) Math.ceil(end));
				float[] w = new float[hi - lo];
				for (int i = lo; i < hi; i++) {
					w[i - lo] = (float) ((Math.min(end, i + 1) - Math.max(start, i)) / scale);
				}
				first[o] = lo;
				weights[o] = w;
			} else {
				double center = (o + 0.5) * scale - 0.5;
				int lo = (int) Math.floor(center);
				double t = center - lo;
				int a = Math.clamp(lo, 0, in - 1);
				int b = Math.clamp(lo + 1, 0, in - 1);
				if (a == b) {
					first[o] = a;
					weights[o] = new float[] { 1f };
				} else {
					first[o] = a;
					weights[o] = new float[] { (float) (1 - t), (float) t };
				}
			}
		}
		return new Taps(first, weights);
	}

	/**
	 * Resizes {@code channels} planes of {@code inX × inY} values (layout [c][x][y]) to
	 * {@code outX × outY}, writing into {@code target} at {@code offset}.
	 */
	static void resize(float[] source, int channels, int inX, int inY, int outX, int outY, float[] target, int offset) {
		Taps tx = taps(inX, outX);
		Taps ty = taps(inY, outY);
		float[] rows = new float[inX * outY];
		for (int c = 0; c < channels; c++) {
			int plane = c * inX * inY;
			// along y first: each x-line of the source is contiguous
			for (int x = 0; x < inX; x++) {
				int line = plane + x * inY;
				for (int oy = 0; oy < outY; oy++) {
					float[] w = ty.weights()[oy];
					int f = ty.first()[oy];
					float sum = 0;
					for (int k = 0; k < w.length; k++) {
						sum += w[k] * source[line + f + k];
					}
					rows[x * outY + oy] = sum;
				}
			}
			int out = offset + c * outX * outY;
			for (int ox = 0; ox < outX; ox++) {
				float[] w = tx.weights()[ox];
				int f = tx.first()[ox];
				for (int oy = 0; oy < outY; oy++) {
					float sum = 0;
					for (int k = 0; k < w.length; k++) {
						sum += w[k] * rows[(f + k) * outY + oy];
					}
					target[out + ox * outY + oy] = sum;
				}
			}
		}
	}
}
