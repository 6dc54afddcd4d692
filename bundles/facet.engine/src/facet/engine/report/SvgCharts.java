package facet.engine.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import facet.engine.report.ChartSpec.BarChart;
import facet.engine.report.ChartSpec.Bars;
import facet.engine.report.ChartSpec.Line;
import facet.engine.report.ChartSpec.LineChart;
import facet.engine.report.ChartSpec.Matrix;
import facet.engine.report.ChartSpec.MatrixChart;

/**
 * Writes charts as standalone SVG documents from the same {@link ChartSpec} data that the PNG
 * renderer draws; SWTChart 0.13 has no SVG export, and an SVG written from the data stays
 * sharp at any size and needs no display.
 */
public final class SvgCharts {

	private static final int LEFT = 64;
	private static final int TOP = 40;
	private static final int BOTTOM = 52;
	private static final int LEGEND = 190;

	private SvgCharts() {
	}

	public static String toSvg(ChartSpec chart, int width, int height) {
		StringBuilder s = new StringBuilder();
		s.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n",
				width, height, width, height));
		s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", width, height));
		text(s, width / 2.0, 22, chart.title(), "middle", 15, "bold", "black");
		switch (chart) {
		case LineChart line -> lines(s, line, width, height);
		case BarChart bar -> bars(s, bar, width, height);
		case MatrixChart matrix -> matrices(s, matrix, width, height);
		}
		s.append("</svg>\n");
		return s.toString();
	}

	private static void lines(StringBuilder s, LineChart chart, int width, int height) {
		double xMin = Double.POSITIVE_INFINITY, xMax = Double.NEGATIVE_INFINITY, yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
		for (Line line : chart.lines()) {
			for (int i = 0; i < line.x().length; i++) {
				if (!Double.isNaN(line.y()[i])) {
					xMin = Math.min(xMin, line.x()[i]);
					xMax = Math.max(xMax, line.x()[i]);
					yMin = Math.min(yMin, line.y()[i]);
					yMax = Math.max(yMax, line.y()[i]);
				}
			}
		}
		if (xMin > xMax) {
			xMin = 0;
			xMax = 1;
			yMin = 0;
			yMax = 1;
		}
		Axis x = Axis.of(xMin, xMax);
		Axis y = Axis.of(yMin, yMax);
		Plot p = new Plot(LEFT, TOP, width - LEFT - LEGEND, height - TOP - BOTTOM);
		axes(s, p, x, y, chart.xTitle(), chart.yTitle());
		int entry = 0;
		for (Line line : chart.lines()) {
			int[] c = ChartSpec.colour(line.colour());
			String dash = line.dashed() ? " stroke-dasharray=\"6 4\"" : "";
			StringBuilder points = new StringBuilder();
			for (int i = 0; i < line.x().length; i++) {
				if (Double.isNaN(line.y()[i])) {
					flush(s, points, c, dash);
					continue;
				}
				points.append(String.format(Locale.ROOT, "%.1f,%.1f ", p.x(x, line.x()[i]), p.y(y, line.y()[i])));
			}
			flush(s, points, c, dash);
			double ly = TOP + 10 + 18 * entry++;
			double lx = width - LEGEND + 14;
			s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>\n", lx, ly,
					lx + 24, ly, rgb(c), dash));
			text(s, lx + 30, ly + 4, line.name(), "start", 11, "normal", "black");
		}
	}

	private static void flush(StringBuilder s, StringBuilder points, int[] c, String dash) {
		if (points.length() > 0) {
			s.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>\n", rgb(c), dash,
					points.toString().trim()));
			points.setLength(0);
		}
	}

	private static void bars(StringBuilder s, BarChart chart, int width, int height) {
		double yMax = 0;
		for (Bars b : chart.series()) {
			for (double v : b.values()) {
				if (!Double.isNaN(v)) {
					yMax = Math.max(yMax, v);
				}
			}
		}
		Axis y = Axis.of(0, yMax > 0 ? yMax : 1);
		Plot p = new Plot(LEFT, TOP, width - LEFT - LEGEND, height - TOP - BOTTOM);
		gridAndYAxis(s, p, y, chart.yTitle());
		int categories = chart.categories().size();
		int series = Math.max(1, chart.series().size());
		double slot = p.w / Math.max(1, categories);
		double bar = slot * 0.8 / series;
		for (int c = 0; c < categories; c++) {
			double x0 = p.left + c * slot + slot * 0.1;
			for (int k = 0; k < chart.series().size(); k++) {
				Bars b = chart.series().get(k);
				double v = b.values()[c];
				if (Double.isNaN(v)) {
					continue;
				}
				double top = p.y(y, v);
				s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n", x0 + k * bar, top,
						Math.max(1, bar - 1), p.top + p.h - top, rgb(ChartSpec.colour(b.colour()))));
			}
			text(s, p.left + c * slot + slot / 2, p.top + p.h + 16, chart.categories().get(c), "middle", 11, "normal", "black");
		}
		line(s, p.left, p.top + p.h, p.left + p.w, p.top + p.h, "black");
		for (int k = 0; k < chart.series().size(); k++) {
			Bars b = chart.series().get(k);
			double ly = TOP + 10 + 18 * k;
			double lx = width - LEGEND + 14;
			s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"10\" fill=\"%s\"/>\n", lx, ly - 5,
					rgb(ChartSpec.colour(b.colour()))));
			text(s, lx + 20, ly + 4, b.name(), "start", 11, "normal", "black");
		}
	}

	private static void matrices(StringBuilder s, MatrixChart chart, int width, int height) {
		int panels = chart.panels().size();
		double panelWidth = (width - 20.0) / Math.max(1, panels);
		for (int k = 0; k < panels; k++) {
			Matrix m = chart.panels().get(k);
			int n = m.labels().size();
			double labelSpace = 70;
			double cell = Math.min((panelWidth - labelSpace - 10) / n, (height - TOP - 40 - labelSpace) / n);
			double x0 = 10 + k * panelWidth + labelSpace;
			double y0 = TOP + 28;
			text(s, x0 + cell * n / 2, TOP + 12, m.title(), "middle", 12, "bold", "black");
			for (int r = 0; r < n; r++) {
				text(s, x0 - 4, y0 + r * cell + cell / 2 + 4, m.labels().get(r), "end", 10, "normal", "black");
				for (int c = 0; c < n; c++) {
					s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"#bbbbbb\"/>\n",
							x0 + c * cell, y0 + r * cell, cell, cell, rgb(m.cellColour(r, c))));
					text(s, x0 + c * cell + cell / 2, y0 + r * cell + cell / 2 + 4, m.cellText(r, c), "middle", 10, "normal",
							m.darkCell(r, c) ? "white" : "black");
				}
			}
			for (int c = 0; c < n; c++) {
				double cx = x0 + c * cell + cell / 2;
				double cy = y0 + n * cell + 6;
				s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\" transform=\"rotate(-45 %.1f %.1f)\">%s</text>\n",
						cx, cy, cx, cy, escape(m.labels().get(c))));
			}
		}
		text(s, width / 2.0, height - 6, "rows: true class, columns: predicted class; cells in % of the row", "middle", 11, "normal", "#444444");
	}

	private static void axes(StringBuilder s, Plot p, Axis x, Axis y, String xTitle, String yTitle) {
		gridAndYAxis(s, p, y, yTitle);
		for (double v : x.ticks()) {
			double px = p.x(x, v);
			line(s, px, p.top + p.h, px, p.top + p.h + 4, "black");
			text(s, px, p.top + p.h + 16, x.label(v), "middle", 11, "normal", "black");
		}
		line(s, p.left, p.top + p.h, p.left + p.w, p.top + p.h, "black");
		text(s, p.left + p.w / 2, p.top + p.h + 36, xTitle, "middle", 12, "normal", "black");
	}

	private static void gridAndYAxis(StringBuilder s, Plot p, Axis y, String yTitle) {
		for (double v : y.ticks()) {
			double py = p.y(y, v);
			line(s, p.left, py, p.left + p.w, py, "#e0e0e0");
			text(s, p.left - 6, py + 4, y.label(v), "end", 11, "normal", "black");
		}
		line(s, p.left, p.top, p.left, p.top + p.h, "black");
		double cx = 16;
		double cy = p.top + p.h / 2;
		s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 %.1f %.1f)\">%s</text>\n", cx, cy,
				cx, cy, escape(yTitle)));
	}

	private static void line(StringBuilder s, double x1, double y1, double x2, double y2, String colour) {
		s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n", x1, y1, x2, y2, colour));
	}

	private static void text(StringBuilder s, double x, double y, String text, String anchor, int size, String weight, String colour) {
		s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" font-weight=\"%s\" fill=\"%s\">%s</text>\n", x,
				y, anchor, size, weight, colour, escape(text)));
	}

	static String rgb(int[] c) {
		return String.format(Locale.ROOT, "#%02x%02x%02x", c[0], c[1], c[2]);
	}

	public static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	private record Plot(double left, double top, double w, double h) {
		double x(Axis a, double v) {
			return left + (v - a.min) / (a.max - a.min) * w;
		}

		double y(Axis a, double v) {
			return top + h - (v - a.min) / (a.max - a.min) * h;
		}
	}

	/** An axis range widened to round tick steps (1, 2 or 5 times a power of ten). */
	record Axis(double min, double max, double step) {
		static Axis of(double low, double high) {
			if (high - low < 1e-12) {
				low -= 0.5;
				high += 0.5;
			}
			double raw = (high - low) / 6;
			double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
			double step = raw / magnitude < 1.5 ? magnitude : raw / magnitude < 3.5 ? 2 * magnitude : raw / magnitude < 7.5 ? 5 * magnitude : 10 * magnitude;
			return new Axis(Math.floor(low / step) * step, Math.ceil(high / step) * step, step);
		}

		List<Double> ticks() {
			List<Double> ticks = new ArrayList<>();
			for (double v = min; v <= max + step / 2; v += step) {
				ticks.add(Math.abs(v) < step * 1e-9 ? 0 : v);
			}
			return ticks;
		}

		String label(double v) {
			int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
			return String.format(Locale.ROOT, "%." + decimals + "f", v);
		}
	}
}
