package facet.detect.adaboost.internal;

import facet.core.image.IntegralImage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A Haar-like feature of the paper (figure 1): equal cells in a row, a column or a 2×2 block,
 * each weighted so that the weights times the cell areas sum to zero. The value is therefore
 * blind to the window's mean; dividing it by the window's standard deviation and the cell area
 * (variance normalization) makes it blind to contrast and comparable across cell sizes.
 *
 * @param type the cell layout
 * @param x left of the first cell in the window
 * @param y top of the first cell
 * @param cellWidth width of one cell
 * @param cellHeight height of one cell
 */
public record HaarFeature(Type type, int x, int y, int cellWidth, int cellHeight) {

	/** The cell layouts: two-rectangle (edge), three-rectangle (line) and four-rectangle features. */
	public enum Type {
		/** Left minus right. */
		EDGE_HORIZONTAL("edge-horizontal", 2, 1, 1, -1),
		/** Top minus bottom. */
		EDGE_VERTICAL("edge-vertical", 1, 2, 1, -1),
		/** Twice the centre minus both sides, left to right. */
		LINE_HORIZONTAL("line-horizontal", 3, 1, -1, 2, -1),
		/** Twice the centre minus both sides, top to bottom. */
		LINE_VERTICAL("line-vertical", 1, 3, -1, 2, -1),
		/** One diagonal minus the other (cells in reading order). */
		CHECKER("four-rectangle", 2, 2, 1, -1, -1, 1);

		private final String id;
		private final int columns;
		private final int rows;
		private final int[] weights;

		Type(String id, int columns, int rows, int... weights) {
			this.id = id;
			this.columns = columns;
			this.rows = rows;
			this.weights = weights;
		}

		public String id() {
			return id;
		}

		public int columns() {
			return columns;
		}

		public int rows() {
			return rows;
		}

		public static Type of(String id) {
			for (Type t : values()) {
				if (t.id.equals(id)) {
					return t;
				}
			}
			throw new IllegalArgumentException("unknown feature type '" + id + "'");
		}
	}

	public HaarFeature {
		if (cellWidth < 1 || cellHeight < 1 || x < 0 || y < 0) {
			throw new IllegalArgumentException("a feature needs cells of at least 1x1 at a non-negative position, got " + describe(type, x, y, cellWidth, cellHeight));
		}
	}

	/** Whether it lies inside a square window of the given side. */
	public boolean fits(int window) {
		return x + type.columns * cellWidth <= window && y + type.rows * cellHeight <= window;
	}

	/** The raw weighted sum in the window whose top left corner is {@code (left, top)}. */
	public double raw(IntegralImage image, int left, int top) {
		double value = 0;
		int k = 0;
		for (int r = 0; r < type.rows; r++) {
			for (int c = 0; c < type.columns; c++) {
				value += type.weights[k++] * image.sum(left + x + c * cellWidth, top + y + r * cellHeight, cellWidth, cellHeight);
			}
		}
		return value;
	}

	/** The variance-normalized value: raw sum divided by the window's deviation and the cell area. */
	public float value(IntegralImage image, int left, int top, double deviation) {
		return (float) (raw(image, left, top) / (deviation * cellWidth * cellHeight));
	}

	/**
	 * Every feature of every type at every position and cell size in a square window: 162,336
	 * of them at 24×24 (the paper counts 160,000+ for its set).
	 */
	public static List<HaarFeature> all(int window) {
		List<HaarFeature> all = new ArrayList<>();
		for (Type type : Type.values()) {
			for (int ch = 1; ch * type.rows <= window; ch++) {
				for (int cw = 1; cw * type.columns <= window; cw++) {
					for (int y = 0; y + ch * type.rows <= window; y++) {
						for (int x = 0; x + cw * type.columns <= window; x++) {
							all.add(new HaarFeature(type, x, y, cw, ch));
						}
					}
				}
			}
		}
		return all;
	}

	/**
	 * A random subset of {@link #all(int)} without repetition, the same for the same seed: the
	 * full pool makes each boosting round a minute on two cores; a few thousand features give
	 * cascades nearly as good in seconds.
	 */
	public static List<HaarFeature> sample(int window, int count, long seed) {
		List<HaarFeature> all = all(window);
		if (count >= all.size()) {
			return all;
		}
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < count; i++) {
			int j = i + random.nextInt(all.size() - i);
			HaarFeature t = all.get(i);
			all.set(i, all.get(j));
			all.set(j, t);
		}
		return new ArrayList<>(all.subList(0, count));
	}

	@Override
	public String toString() {
		return describe(type, x, y, cellWidth, cellHeight);
	}

	private static String describe(Type type, int x, int y, int w, int h) {
		return String.format(Locale.ROOT, "%s at (%d, %d) cells %dx%d", type == null ? "?" : type.id, x, y, w, h);
	}
}
