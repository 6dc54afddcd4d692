package facet.features;

import java.util.LinkedHashMap;
import java.util.Map;

import facet.core.ImageRaster;
import facet.core.spi.FeatureExtractor;
import facet.core.spi.FeatureVisuals;

/**
 * Histograms of oriented gradients (Dalal and Triggs, CVPR 2005): centred [-1, 0, 1] gradients,
 * per cell a histogram of gradient orientation weighted by magnitude (each vote split linearly
 * between the two nearest bins), blocks of {@code block}×{@code block} cells moved one cell at a
 * time, each block normalised with L2-Hys (L2, clip at 0.2, L2 again). Cells that do not fit
 * whole are left out at the right and bottom.
 */
public final class HistogramOfGradients implements FeatureExtractor, FeatureVisuals {

	private static final double CLIP = 0.2;
	private static final double EPSILON = 1e-6;

	private final int cell;
	private final int block;
	private final int bins;
	private final boolean signed;

	public HistogramOfGradients(int cell, int block, int bins, boolean signed) {
		if (cell < 2 || block < 1 || bins < 2) {
			throw new IllegalArgumentException("HOG needs cells of >= 2 pixels, blocks of >= 1 cell and >= 2 bins, got cell " + cell
					+ ", block " + block + ", " + bins + " bins");
		}
		this.cell = cell;
		this.block = block;
		this.bins = bins;
		this.signed = signed;
	}

	@Override
	public int length(int width, int height) {
		int cx = width / cell;
		int cy = height / cell;
		if (cx < block || cy < block) {
			throw new IllegalArgumentException("HOG with " + cell + "-pixel cells and " + block + "x" + block + "-cell blocks needs an image of at least "
					+ (cell * block) + "x" + (cell * block) + " pixels, got " + width + "x" + height);
		}
		return (cx - block + 1) * (cy - block + 1) * block * block * bins;
	}

	/** Per-cell histograms, {@code [cellY][cellX][bin]}, before block normalisation. */
	public float[][][] cellHistograms(GrayImage image) {
		int w = image.width();
		int h = image.height();
		int cx = w / cell;
		int cy = h / cell;
		float[][][] hist = new float[cy][cx][bins];
		double range = signed ? 2 * Math.PI : Math.PI;
		for (int y = 0; y < cy * cell; y++) {
			for (int x = 0; x < cx * cell; x++) {
				double gx = image.at(x + 1, y) - image.at(x - 1, y);
				double gy = image.at(x, y + 1) - image.at(x, y - 1);
				double magnitude = Math.sqrt(gx * gx + gy * gy);
				if (magnitude == 0) {
					continue;
				}
				double angle = Math.atan2(gy, gx);
				if (angle < 0) {
					angle += 2 * Math.PI;
				}
				angle %= range;
				// bin centres at (b + 0.5) · range / bins, votes split between the two nearest
				double position = angle / range * bins - 0.5;
				int low = (int) Math.floor(position);
				double share = position - low;
				float[] target = hist[y / cell][x / cell];
				target[Math.floorMod(low, bins)] += (float) (magnitude * (1 - share));
				target[Math.floorMod(low + 1, bins)] += (float) (magnitude * share);
			}
		}
		return hist;
	}

	@Override
	public float[] extract(ImageRaster raster) {
		GrayImage image = GrayImage.of(raster);
		float[] out = new float[length(image.width(), image.height())];
		float[][][] hist = cellHistograms(image);
		int cy = hist.length;
		int cx = hist[0].length;
		int blockLength = block * block * bins;
		int offset = 0;
		double[] v = new double[blockLength];
		for (int by = 0; by + block <= cy; by++) {
			for (int bx = 0; bx + block <= cx; bx++) {
				int i = 0;
				for (int y = by; y < by + block; y++) {
					for (int x = bx; x < bx + block; x++) {
						for (int b = 0; b < bins; b++) {
							v[i++] = hist[y][x][b];
						}
					}
				}
				normalizeL2Hys(v);
				for (int k = 0; k < blockLength; k++) {
					out[offset + k] = (float) v[k];
				}
				offset += blockLength;
			}
		}
		return out;
	}

	/** L2 norm, clip at 0.2, L2 norm again (Lowe's SIFT normalisation, as in Dalal and Triggs). */
	public static void normalizeL2Hys(double[] v) {
		scale(v);
		for (int i = 0; i < v.length; i++) {
			v[i] = Math.min(v[i], CLIP);
		}
		scale(v);
	}

	private static void scale(double[] v) {
		double sum = 0;
		for (double x : v) {
			sum += x * x;
		}
		double norm = Math.sqrt(sum + EPSILON * EPSILON);
		for (int i = 0; i < v.length; i++) {
			v[i] /= norm;
		}
	}

	@Override
	public Map<String, ImageRaster> visualize(ImageRaster raster) {
		GrayImage image = GrayImage.of(raster);
		Map<String, ImageRaster> out = new LinkedHashMap<>();
		out.put("glyphs", Drawing.hogGlyphs(cellHistograms(image), signed, Math.max(16, 256 / Math.max(1, image.width() / cell))));
		return out;
	}
}
