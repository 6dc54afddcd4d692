package facet.features;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import facet.core.ImageRaster;
import facet.core.spi.FeatureExtractor;
import facet.core.spi.FeatureVisuals;

/**
 * Local binary patterns (Ojala, Pietikäinen and Mäenpää, TPAMI 2002), as used for facial
 * expressions by Shan, Gong and McOwan (IVC 2009): each pixel gets a code of {@code P} bits, bit
 * {@code p} set when the neighbour at angle {@code 2πp/P} (counter-clockwise from the right, on a
 * circle of the given radius, bilinearly interpolated) is at least the centre; codes are mapped
 * (uniform, rotation-invariant …) and histogrammed per cell of a grid; the cell histograms,
 * each normalised to sum 1, are concatenated row by row.
 */
public final class LocalBinaryPatterns implements FeatureExtractor, FeatureVisuals {

	/** How raw codes become histogram bins. */
	public enum Mapping {
		/** Every code its own bin: 2^P bins. */
		NONE,
		/** Uniform patterns (at most two 0/1 transitions around the circle) each a bin, all others one bin: P(P-1)+3 bins. */
		UNIFORM,
		/** The smallest code over all rotations: 36 bins for P = 8. */
		ROTATION_INVARIANT,
		/** Uniform patterns by their number of ones (0 … P), all others one bin: P+2 bins. */
		UNIFORM_ROTATION_INVARIANT;

		public static Mapping parse(String text) {
			return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
		}
	}

	private final int radius;
	private final int neighbours;
	private final Mapping mapping;
	private final int cellsX;
	private final int cellsY;
	private final int[] table;
	private final int bins;
	private final double[] dx;
	private final double[] dy;

	public LocalBinaryPatterns(int radius, int neighbours, Mapping mapping, int cellsX, int cellsY) {
		if (radius < 1 || neighbours < 4 || neighbours > 16 || cellsX < 1 || cellsY < 1) {
			throw new IllegalArgumentException("LBP needs radius >= 1, 4 to 16 neighbours and at least one cell, got radius " + radius
					+ ", " + neighbours + " neighbours, " + cellsX + "x" + cellsY + " cells");
		}
		this.radius = radius;
		this.neighbours = neighbours;
		this.mapping = mapping;
		this.cellsX = cellsX;
		this.cellsY = cellsY;
		this.table = mappingTable(neighbours, mapping);
		this.bins = Arrays.stream(table).max().orElse(0) + 1;
		this.dx = new double[neighbours];
		this.dy = new double[neighbours];
		for (int p = 0; p < neighbours; p++) {
			double angle = 2 * Math.PI * p / neighbours;
			// rounded so that axis-aligned neighbours land exactly on pixels
			dx[p] = Math.round(radius * Math.cos(angle) * 1e6) / 1e6;
			dy[p] = -Math.round(radius * Math.sin(angle) * 1e6) / 1e6;
		}
	}

	/** Histogram bins per cell. */
	public int bins() {
		return bins;
	}

	/**
	 * The bin of each raw code under a mapping: an array of length 2^P whose values run from 0
	 * to bins-1.
	 */
	public static int[] mappingTable(int neighbours, Mapping mapping) {
		int n = 1 << neighbours;
		int[] table = new int[n];
		switch (mapping) {
			case NONE -> {
				for (int c = 0; c < n; c++) {
					table[c] = c;
				}
			}
			case UNIFORM -> {
				int next = 0;
				int nonUniform = neighbours * (neighbours - 1) + 2;
				for (int c = 0; c < n; c++) {
					table[c] = transitions(c, neighbours) <= 2 ? next++ : nonUniform;
				}
			}
			case ROTATION_INVARIANT -> {
				Map<Integer, Integer> bins = new LinkedHashMap<>();
				for (int c = 0; c < n; c++) {
					int min = minimalRotation(c, neighbours);
					table[c] = bins.computeIfAbsent(min, k -> bins.size());
				}
			}
			case UNIFORM_ROTATION_INVARIANT -> {
				for (int c = 0; c < n; c++) {
					table[c] = transitions(c, neighbours) <= 2 ? Integer.bitCount(c) : neighbours + 1;
				}
			}
		}
		return table;
	}

	/** Number of 0/1 changes going once around the circle of bits. */
	public static int transitions(int code, int neighbours) {
		int rotated = ((code >>> 1) | ((code & 1) << (neighbours - 1)));
		return Integer.bitCount(code ^ rotated);
	}

	private static int minimalRotation(int code, int neighbours) {
		int mask = (1 << neighbours) - 1;
		int min = code;
		int c = code;
		for (int i = 1; i < neighbours; i++) {
			c = ((c >>> 1) | ((c & 1) << (neighbours - 1))) & mask;
			min = Math.min(min, c);
		}
		return min;
	}

	/** The raw code of the pixel at (x, y), which must be at least {@code radius} from every border. */
	public int code(GrayImage image, int x, int y) {
		float centre = image.values()[y * image.width() + x];
		int code = 0;
		for (int p = 0; p < neighbours; p++) {
			if (image.sample(x + dx[p], y + dy[p]) >= centre) {
				code |= 1 << p;
			}
		}
		return code;
	}

	/** The mapped code (bin) of every pixel; the border of width {@code radius} gets -1. */
	public int[] mappedCodes(GrayImage image) {
		int w = image.width();
		int h = image.height();
		checkSize(w, h);
		int[] out = new int[w * h];
		Arrays.fill(out, -1);
		for (int y = radius; y < h - radius; y++) {
			for (int x = radius; x < w - radius; x++) {
				out[y * w + x] = table[code(image, x, y)];
			}
		}
		return out;
	}

	@Override
	public int length(int width, int height) {
		checkSize(width, height);
		return cellsX * cellsY * bins;
	}

	private void checkSize(int width, int height) {
		if (width - 2 * radius < cellsX || height - 2 * radius < cellsY) {
			throw new IllegalArgumentException("LBP with radius " + radius + " and " + cellsX + "x" + cellsY + " cells needs an image of at least "
					+ (cellsX + 2 * radius) + "x" + (cellsY + 2 * radius) + " pixels, got " + width + "x" + height);
		}
	}

	@Override
	public float[] extract(ImageRaster raster) {
		GrayImage image = GrayImage.of(raster);
		return histograms(image.width(), image.height(), mappedCodes(image));
	}

	private float[] histograms(int w, int h, int[] codes) {
		float[] out = new float[length(w, h)];
		int[] counts = new int[cellsX * cellsY];
		int validW = w - 2 * radius;
		int validH = h - 2 * radius;
		for (int y = radius; y < h - radius; y++) {
			int cy = (y - radius) * cellsY / validH;
			for (int x = radius; x < w - radius; x++) {
				int cell = cy * cellsX + (x - radius) * cellsX / validW;
				out[cell * bins + codes[y * w + x]]++;
				counts[cell]++;
			}
		}
		for (int cell = 0; cell < counts.length; cell++) {
			for (int b = 0; b < bins; b++) {
				out[cell * bins + b] /= counts[cell];
			}
		}
		return out;
	}

	@Override
	public Map<String, ImageRaster> visualize(ImageRaster raster) {
		GrayImage image = GrayImage.of(raster);
		int w = image.width();
		int h = image.height();
		int[] codes = mappedCodes(image);
		float[] picture = new float[w * h];
		for (int i = 0; i < picture.length; i++) {
			picture[i] = codes[i] < 0 ? 0 : codes[i];
		}
		Map<String, ImageRaster> out = new LinkedHashMap<>();
		out.put("codes", Drawing.enlarge(GrayImage.picture(w, h, picture), Math.max(1, 256 / Math.max(w, h))));
		out.put("histograms", Drawing.histogramGrid(histograms(w, h, codes), cellsX, cellsY, bins));
		return out;
	}
}
