package facet.features;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import facet.core.ImageRaster;
import facet.core.spi.FeatureExtractor;
import facet.core.spi.FeatureVisuals;

/**
 * A bank of complex Gabor filters at several scales and orientations (as for expressions in Lyons
 * et al., FG 1998, and Bartlett et al., 2005): wavelength {@code λ_s = λ_0·√2^s}, orientation
 * {@code θ_o = π·o/O}, Gaussian width {@code σ = 0.56·λ} and aspect 0.5, real part made zero-mean.
 * The magnitude of each response is pooled per cell of a grid into its mean and standard
 * deviation; the vector is, for each filter (scale-major), for each cell (row by row), mean then
 * standard deviation.
 */
public final class GaborBank implements FeatureExtractor, FeatureVisuals {

	private static final double SIGMA_PER_WAVELENGTH = 0.56;
	private static final double ASPECT = 0.5;

	private final int scales;
	private final int orientations;
	private final int size;
	private final int cells;
	private final List<float[][]> kernels = new ArrayList<>();

	/**
	 * @param size side of the square kernels, odd
	 * @param wavelength the shortest wavelength λ_0, in pixels
	 */
	public GaborBank(int scales, int orientations, int size, double wavelength, int cells) {
		if (scales < 1 || orientations < 1 || size < 3 || size % 2 == 0 || wavelength < 2 || cells < 1) {
			throw new IllegalArgumentException("a Gabor bank needs >= 1 scale and orientation, an odd kernel size >= 3, a wavelength >= 2 "
					+ "and >= 1 cell, got " + scales + " scales, " + orientations + " orientations, kernel " + size + ", wavelength "
					+ wavelength + ", " + cells + " cells");
		}
		this.scales = scales;
		this.orientations = orientations;
		this.size = size;
		this.cells = cells;
		for (int s = 0; s < scales; s++) {
			for (int o = 0; o < orientations; o++) {
				kernels.add(kernel(size, wavelength * Math.pow(Math.sqrt(2), s), Math.PI * o / orientations));
			}
		}
	}

	/**
	 * One complex kernel, {@code [0]} the real and {@code [1]} the imaginary part, row-major
	 * {@code size×size}, centred.
	 */
	public static float[][] kernel(int size, double wavelength, double theta) {
		int half = size / 2;
		double sigma = SIGMA_PER_WAVELENGTH * wavelength;
		float[] re = new float[size * size];
		float[] im = new float[size * size];
		double sum = 0;
		double weight = 0;
		double[] envelope = new double[size * size];
		for (int y = -half; y <= half; y++) {
			for (int x = -half; x <= half; x++) {
				double xr = x * Math.cos(theta) + y * Math.sin(theta);
				double yr = -x * Math.sin(theta) + y * Math.cos(theta);
				double g = Math.exp(-(xr * xr + ASPECT * ASPECT * yr * yr) / (2 * sigma * sigma));
				int i = (y + half) * size + x + half;
				envelope[i] = g;
				re[i] = (float) (g * Math.cos(2 * Math.PI * xr / wavelength));
				im[i] = (float) (g * Math.sin(2 * Math.PI * xr / wavelength));
				sum += re[i];
				weight += g;
			}
		}
		// a zero-mean real part ignores the overall brightness; subtracting the envelope keeps the symmetry
		double dc = sum / weight;
		for (int i = 0; i < re.length; i++) {
			re[i] -= (float) (dc * envelope[i]);
		}
		return new float[][] { re, im };
	}

	/** The kernels, scale-major. */
	public List<float[][]> kernels() {
		return List.copyOf(kernels);
	}

	@Override
	public int length(int width, int height) {
		if (width < cells || height < cells) {
			throw new IllegalArgumentException("a Gabor bank pooled over " + cells + "x" + cells + " cells needs an image of at least " + cells
					+ "x" + cells + " pixels, got " + width + "x" + height);
		}
		return scales * orientations * cells * cells * 2;
	}

	/** The response magnitude of filter {@code k} at every pixel (borders clamped). */
	public float[] magnitude(GrayImage image, int k) {
		return magnitude(padded(image), image.width(), image.height(), k);
	}

	/** The image with a clamped border of half a kernel, so that the convolution needs no bounds checks. */
	private float[] padded(GrayImage image) {
		int half = size / 2;
		int pw = image.width() + 2 * half;
		int ph = image.height() + 2 * half;
		float[] out = new float[pw * ph];
		for (int y = 0; y < ph; y++) {
			for (int x = 0; x < pw; x++) {
				out[y * pw + x] = image.at(x - half, y - half);
			}
		}
		return out;
	}

	private float[] magnitude(float[] padded, int w, int h, int k) {
		float[] re = kernels.get(k)[0];
		float[] im = kernels.get(k)[1];
		int pw = w + size - 1;
		float[] out = new float[w * h];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				float sr = 0;
				float si = 0;
				for (int ky = 0; ky < size; ky++) {
					int row = (y + ky) * pw + x;
					int krow = ky * size;
					for (int kx = 0; kx < size; kx++) {
						float p = padded[row + kx];
						sr += p * re[krow + kx];
						si += p * im[krow + kx];
					}
				}
				out[y * w + x] = (float) Math.sqrt(sr * sr + si * si);
			}
		}
		return out;
	}

	@Override
	public float[] extract(ImageRaster raster) {
		GrayImage image = GrayImage.of(raster);
		int w = image.width();
		int h = image.height();
		float[] out = new float[length(w, h)];
		float[] padded = padded(image);
		int offset = 0;
		for (int k = 0; k < kernels.size(); k++) {
			float[] m = magnitude(padded, w, h, k);
			double[] sum = new double[cells * cells];
			double[] squares = new double[cells * cells];
			int[] count = new int[cells * cells];
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) {
					int c = (y * cells / h) * cells + x * cells / w;
					double value = m[y * w + x] / 255.0;
					sum[c] += value;
					squares[c] += value * value;
					count[c]++;
				}
			}
			for (int c = 0; c < sum.length; c++) {
				double mean = sum[c] / count[c];
				out[offset++] = (float) mean;
				out[offset++] = (float) Math.sqrt(Math.max(0, squares[c] / count[c] - mean * mean));
			}
		}
		return out;
	}

	@Override
	public Map<String, ImageRaster> visualize(ImageRaster raster) {
		GrayImage image = GrayImage.of(raster);
		List<ImageRaster> responses = new ArrayList<>();
		List<ImageRaster> pictures = new ArrayList<>();
		for (int k = 0; k < kernels.size(); k++) {
			responses.add(GrayImage.picture(image.width(), image.height(), magnitude(image, k)));
			pictures.add(Drawing.enlarge(GrayImage.picture(size, size, kernels.get(k)[0]), Math.max(1, 64 / size)));
		}
		Map<String, ImageRaster> out = new LinkedHashMap<>();
		out.put("responses", Drawing.tile(responses, orientations, Math.max(1, 128 / Math.max(image.width(), image.height()))));
		out.put("kernels", Drawing.tile(pictures, orientations, 1));
		return out;
	}
}
