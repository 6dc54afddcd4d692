package facet.engine.report;

import java.util.List;

/**
 * A chart as data, drawn the same way by every renderer: the SVG writer here and the SWT
 * renderer of {@code facet.charts} (PNG, workbench). Colours are indices into {@link #PALETTE}.
 */
public sealed interface ChartSpec permits ChartSpec.LineChart, ChartSpec.BarChart, ChartSpec.MatrixChart {

	/** Colour-blind-safe qualitative colours (Okabe–Ito, then Tol's), as RGB. */
	int[][] PALETTE = { { 0, 114, 178 }, { 213, 94, 0 }, { 0, 158, 115 }, { 204, 121, 167 }, { 230, 159, 0 }, { 86, 180, 233 },
			{ 0, 0, 0 }, { 136, 34, 85 }, { 68, 170, 153 }, { 153, 153, 51 } };

	String title();

	/** The palette colour of an index, cycling. */
	static int[] colour(int index) {
		return PALETTE[Math.floorMod(index, PALETTE.length)];
	}

	/** Lines over a shared x axis (training curves). */
	record LineChart(String title, String xTitle, String yTitle, List<Line> lines) implements ChartSpec {
		public LineChart {
			lines = List.copyOf(lines);
		}
	}

	/** One line; NaN values are gaps. */
	record Line(String name, double[] x, double[] y, int colour, boolean dashed) {
	}

	/** Grouped bars: one group of bars per category, one bar per series. */
	record BarChart(String title, String yTitle, List<String> categories, List<Bars> series) implements ChartSpec {
		public BarChart {
			categories = List.copyOf(categories);
			series = List.copyOf(series);
		}
	}

	/** One series of bars, a value per category. */
	record Bars(String name, double[] values, int colour) {
	}

	/** Matrices side by side, e.g. confusion matrices and their difference. */
	record MatrixChart(String title, List<Matrix> panels) implements ChartSpec {
		public MatrixChart {
			panels = List.copyOf(panels);
		}
	}

	/**
	 * One heat-map panel. Values are shares in [0, 1] (sequential colours) or, when
	 * {@code diverging}, differences in [-1, 1] (blue for negative, red for positive); cells
	 * show the value in percent.
	 *
	 * @param title the panel's title
	 * @param labels row and column labels (rows true class, columns predicted)
	 * @param values the cells
	 * @param diverging whether the values are signed differences
	 */
	record Matrix(String title, List<String> labels, double[][] values, boolean diverging) {
		public Matrix {
			labels = List.copyOf(labels);
		}

		/** The text shown in a cell. */
		public String cellText(int row, int column) {
			double v = values[row][column];
			if (Double.isNaN(v)) {
				return "";
			}
			long rounded = Math.round(100 * v);
			return diverging ? (rounded > 0 ? "+" : "") + rounded : Long.toString(rounded);
		}

		/** The fill colour of a cell as RGB: white to blue for shares; blue–white–red for differences. */
		public int[] cellColour(int row, int column) {
			double v = values[row][column];
			if (Double.isNaN(v)) {
				return new int[] { 235, 235, 235 };
			}
			if (diverging) {
				double t = Math.max(-1, Math.min(1, v * 2.5)); // ±40 points is full colour
				int[] end = t >= 0 ? new int[] { 202, 0, 32 } : new int[] { 5, 113, 176 };
				return mix(new int[] { 255, 255, 255 }, end, Math.abs(t));
			}
			return mix(new int[] { 255, 255, 255 }, new int[] { 8, 69, 148 }, Math.max(0, Math.min(1, v)));
		}

		/** Whether the cell's text should be white for contrast. */
		public boolean darkCell(int row, int column) {
			int[] c = cellColour(row, column);
			return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2] < 140;
		}

		private static int[] mix(int[] from, int[] to, double t) {
			return new int[] { (int) Math.round(from[0] + (to[0] - from[0]) * t), (int) Math.round(from[1] + (to[1] - from[1]) * t),
					(int) Math.round(from[2] + (to[2] - from[2]) * t) };
		}
	}
}
