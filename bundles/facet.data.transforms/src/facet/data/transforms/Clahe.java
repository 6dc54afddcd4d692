package facet.data.transforms;

import java.util.Optional;
import java.util.random.RandomGenerator;

import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.spi.ImageOperation;
import facet.data.transforms.internal.Luma;
import facet.data.transforms.internal.Warp;

/**
 * Contrast limited adaptive histogram equalization (Zuiderveld, Graphics Gems IV, 1994) of the
 * luma, following OpenCV's {@code createCLAHE}: one equalization table per tile of a
 * {@code tiles × tiles} grid, each histogram clipped at {@code clipLimit} times the mean bin
 * count with the excess spread evenly, and pixels bilinearly interpolated between the tables of
 * the four nearest tile centres. Pure Java, so results do not depend on a native library.
 */
public final class Clahe implements ImageOperation {

	private final double clipLimit;
	private final int tiles;

	/**
	 * @param clipLimit histogram clip as a multiple of the mean bin count; 0 disables clipping
	 * @param tiles tiles per side (reduced to the image size for tiny images)
	 */
	public Clahe(double clipLimit, int tiles) {
		if (clipLimit < 0 || tiles < 1) {
			throw new IllegalArgumentException("CLAHE needs clipLimit >= 0 and tiles >= 1, got " + clipLimit + " and " + tiles);
		}
		this.clipLimit = clipLimit;
		this.tiles = tiles;
	}

	@Override
	public Result apply(ImageRaster image, Optional<FaceBox> face, RandomGenerator random) {
		int w = image.width();
		int h = image.height();
		int tx = Math.min(tiles, w);
		int ty = Math.min(tiles, h);
		byte[] luma = Luma.plane(image);
		int[] xEdges = edges(w, tx);
		int[] yEdges = edges(h, ty);
		int[][] luts = new int[tx * ty][];
		for (int j = 0; j < ty; j++) {
			for (int i = 0; i < tx; i++) {
				luts[j * tx + i] = tileLut(luma, w, xEdges[i], xEdges[i + 1], yEdges[j], yEdges[j + 1]);
			}
		}
		Interpolation ix = Interpolation.of(xEdges, w);
		Interpolation iy = Interpolation.of(yEdges, h);
		byte[] mapped = new byte[luma.length];
		for (int y = 0; y < h; y++) {
			int j0 = iy.low[y];
			int j1 = iy.high[y];
			float fy = iy.weight[y];
			for (int x = 0; x < w; x++) {
				int v = luma[y * w + x] & 0xff;
				int i0 = ix.low[x];
				int i1 = ix.high[x];
				float fx = ix.weight[x];
				float top = (1 - fx) * luts[j0 * tx + i0][v] + fx * luts[j0 * tx + i1][v];
				float bottom = (1 - fx) * luts[j1 * tx + i0][v] + fx * luts[j1 * tx + i1][v];
				mapped[y * w + x] = (byte) Warp.clamp(Math.round((1 - fy) * top + fy * bottom));
			}
		}
		return new Result(Luma.replace(image, luma, mapped), face);
	}

	private static int[] edges(int size, int count) {
		int[] edges = new int[count + 1];
		for (int i = 0; i <= count; i++) {
			edges[i] = (int) ((long) i * size / count);
		}
		return edges;
	}

	private int[] tileLut(byte[] luma, int w, int x0, int x1, int y0, int y1) {
		int[] histogram = new int[256];
		for (int y = y0; y < y1; y++) {
			for (int x = x0; x < x1; x++) {
				histogram[luma[y * w + x] & 0xff]++;
			}
		}
		int area = (x1 - x0) * (y1 - y0);
		if (clipLimit > 0) {
			int clip = Math.max(1, (int) (clipLimit * area / 256));
			int excess = 0;
			for (int i = 0; i < 256; i++) {
				if (histogram[i] > clip) {
					excess += histogram[i] - clip;
					histogram[i] = clip;
				}
			}
			int batch = excess / 256;
			int residual = excess - batch * 256;
			for (int i = 0; i < 256; i++) {
				histogram[i] += batch;
			}
			if (residual > 0) {
				int step = Math.max(256 / residual, 1);
				for (int i = 0; i < 256 && residual > 0; i += step, residual--) {
					histogram[i]++;
				}
			}
		}
		int[] lut = new int[256];
		double scale = 255.0 / area;
		long sum = 0;
		for (int i = 0; i < 256; i++) {
			sum += histogram[i];
			lut[i] = Warp.clamp(Math.round(sum * scale));
		}
		return lut;
	}

	/** Per pixel along one axis: the two tiles whose centres surround it and the weight of the second. */
	private record Interpolation(int[] low, int[] high, float[] weight) {

		static Interpolation of(int[] edges, int size) {
			int count = edges.length - 1;
			double[] centres = new double[count];
			for (int i = 0; i < count; i++) {
				centres[i] = (edges[i] + edges[i + 1]) / 2.0;
			}
			int[] low = new int[size];
			int[] high = new int[size];
			float[] weight = new float[size];
			int t = 0;
			for (int p = 0; p < size; p++) {
				double centre = p + 0.5;
				while (t < count - 1 && centres[t + 1] <= centre) {
					t++;
				}
				if (centre <= centres[0] || count == 1) {
					low[p] = high[p] = 0;
				} else if (centre >= centres[count - 1]) {
					low[p] = high[p] = count - 1;
				} else {
					low[p] = t;
					high[p] = t + 1;
					weight[p] = (float) ((centre - centres[t]) / (centres[t + 1] - centres[t]));
				}
			}
			return new Interpolation(low, high, weight);
		}
	}
}
