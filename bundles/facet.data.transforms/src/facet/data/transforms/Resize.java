package facet.data.transforms;

import java.awt.geom.AffineTransform;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.spi.ImageOperation;
import facet.data.transforms.internal.Warp;

/**
 * Scales the whole image to {@code width × height} (aspect ratio not kept). Separable: each
 * output pixel is a weighted sum of source pixels along x, then along y; borders replicate.
 */
public final class Resize implements ImageOperation {

	/** How source pixels are weighted. */
	public enum Interpolation {
		/** The source pixel under the output pixel's centre. */
		NEAREST,
		/** The two nearest source pixels per axis, linearly weighted. */
		BILINEAR,
		/** Every source pixel the output pixel covers, by overlap (no aliasing when shrinking); bilinear when enlarging. */
		AREA,
		/** AREA on an axis that shrinks, BILINEAR on one that grows. */
		AUTO;

		public static Interpolation parse(String text) {
			return valueOf(text.trim().toUpperCase(Locale.ROOT));
		}
	}

	private final int width;
	private final int height;
	private final Interpolation interpolation;

	public Resize(int width, int height, Interpolation interpolation) {
		if (width <= 0 || height <= 0) {
			throw new IllegalArgumentException("resize needs a positive size, got " + width + "x" + height);
		}
		this.width = width;
		this.height = height;
		this.interpolation = interpolation;
	}

	@Override
	public Result apply(ImageRaster image, Optional<FaceBox> face, RandomGenerator random) {
		return new Result(resize(image, width, height, interpolation), Warp.face(face,
				AffineTransform.getScaleInstance((double) width / image.width(), (double) height / image.height())));
	}

	/** Resizes a raster; the same size gives a copy. */
	public static ImageRaster resize(ImageRaster image, int width, int height, Interpolation interpolation) {
		int sw = image.width();
		int sh = image.height();
		int c = image.channels();
		if (sw == width && sh == height) {
			return new ImageRaster(width, height, c, image.pixels().clone());
		}
		Axis ax = Axis.of(sw, width, interpolation);
		Axis ay = Axis.of(sh, height, interpolation);
		byte[] in = image.pixels();
		// horizontal pass into floats, then vertical pass with one rounding at the end
		float[] rows = new float[sh * width * c];
		for (int y = 0; y < sh; y++) {
			int rowIn = y * sw * c;
			int rowOut = y * width * c;
			for (int x = 0; x < width; x++) {
				for (int k = 0; k < c; k++) {
					float sum = 0;
					for (int t = ax.start[x]; t < ax.start[x + 1]; t++) {
						sum += ax.weight[t] * (in[rowIn + ax.index[t] * c + k] & 0xff);
					}
					rows[rowOut + x * c + k] = sum;
				}
			}
		}
		byte[] out = new byte[width * height * c];
		int stride = width * c;
		for (int y = 0; y < height; y++) {
			for (int i = 0; i < stride; i++) {
				float sum = 0;
				for (int t = ay.start[y]; t < ay.start[y + 1]; t++) {
					sum += ay.weight[t] * rows[ay.index[t] * stride + i];
				}
				out[y * stride + i] = (byte) Warp.clamp(Math.round(sum));
			}
		}
		return new ImageRaster(width, height, c, out);
	}

	/** For each output position, the contributing source indices and weights (CSR layout). */
	private record Axis(int[] start, int[] index, float[] weight) {

		static Axis of(int source, int target, Interpolation interpolation) {
			double scale = (double) source / target;
			Interpolation mode = interpolation;
			if (mode == Interpolation.AUTO || mode == Interpolation.AREA) {
				mode = target < source ? Interpolation.AREA : Interpolation.BILINEAR;
			}
			int[] start = new int[target + 1];
			int capacity = target * (mode == Interpolation.AREA ? (int) Math.ceil(scale) + 2 : 2);
			int[] index = new int[capacity];
			float[] weight = new float[capacity];
			int n = 0;
			for (int x = 0; x < target; x++) {
				start[x] = n;
				switch (mode) {
					case NEAREST -> {
						index[n] = Math.min(source - 1, (int) Math.floor((x + 0.5) * scale));
						weight[n++] = 1;
					}
					case BILINEAR -> {
						double s = (x + 0.5) * scale - 0.5;
						s = Math.max(0, Math.min(source - 1, s));
						int i0 = (int) Math.floor(s);
						int i1 = Math.min(source - 1, i0 + 1);
						double f = s - i0;
						index[n] = i0;
						weight[n++] = (float) (1 - f);
						if (f > 0) {
							index[n] = i1;
							weight[n++] = (float) f;
						}
					}
					default -> {
						double from = x * scale;
						double to = (x + 1) * scale;
						for (int i = (int) Math.floor(from); i < Math.min(source, (int) Math.ceil(to)); i++) {
							double overlap = Math.min(to, i + 1) - Math.max(from, i);
							if (overlap > 1e-12) {
								index[n] = i;
								weight[n++] = (float) (overlap / scale);
							}
						}
					}
				}
			}
			start[target] = n;
			return new Axis(start, index, weight);
		}
	}
}
