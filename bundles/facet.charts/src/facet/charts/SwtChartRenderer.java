package facet.charts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTError;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.IBarSeries;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.LineStyle;
import org.eclipse.swtchart.Range;

import facet.engine.report.ChartRenderer;
import facet.engine.report.ChartSpec;
import facet.engine.report.ChartSpec.BarChart;
import facet.engine.report.ChartSpec.Bars;
import facet.engine.report.ChartSpec.Line;
import facet.engine.report.ChartSpec.LineChart;
import facet.engine.report.ChartSpec.Matrix;
import facet.engine.report.ChartSpec.MatrixChart;

/**
 * Draws {@link ChartSpec}s offscreen: lines and bars with SWTChart, matrices with a GC, written
 * as PNG with SWT's ImageLoader. Use it on one thread (the one that opened it) and close it: a
 * display this renderer created is disposed on close; one that already existed is left alone.
 */
public final class SwtChartRenderer implements ChartRenderer, AutoCloseable {

	private final Display display;
	private final boolean ownDisplay;

	private SwtChartRenderer(Display display, boolean ownDisplay) {
		this.display = display;
		this.ownDisplay = ownDisplay;
	}

	/**
	 * Opens a renderer on the calling thread's display, creating one when there is none.
	 *
	 * @throws NoDisplayException when no X11 or Wayland display can be opened
	 */
	public static SwtChartRenderer open() {
		Display current = Display.getCurrent();
		if (current != null) {
			return new SwtChartRenderer(current, false);
		}
		String x11 = System.getenv("DISPLAY");
		String wayland = System.getenv("WAYLAND_DISPLAY");
		if ((x11 == null || x11.isBlank()) && (wayland == null || wayland.isBlank())) {
			throw new NoDisplayException(null);
		}
		try {
			return new SwtChartRenderer(new Display(), true);
		} catch (SWTError | UnsatisfiedLinkError e) {
			throw new NoDisplayException("DISPLAY=" + x11 + ": " + e.getMessage());
		}
	}

	@Override
	public void close() {
		if (ownDisplay && !display.isDisposed()) {
			display.dispose();
		}
	}

	@Override
	public void writePng(ChartSpec chart, int width, int height, Path file) throws IOException {
		ImageData data = render(chart, width, height);
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		ImageLoader loader = new ImageLoader();
		loader.data = new ImageData[] { data };
		try {
			loader.save(file.toString(), SWT.IMAGE_PNG);
		} catch (org.eclipse.swt.SWTException e) {
			throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
		}
	}

	/** Draws a chart into image data of the given size. */
	public ImageData render(ChartSpec chart, int width, int height) {
		return switch (chart) {
		case LineChart line -> withChart(width, height, c -> lines(c, line));
		case BarChart bar -> withChart(width, height, c -> bars(c, bar));
		case MatrixChart matrix -> matrices(matrix, width, height);
		};
	}

	private ImageData withChart(int width, int height, java.util.function.Consumer<Chart> setUp) {
		Shell shell = new Shell(display, SWT.NO_TRIM);
		try {
			shell.setSize(width, height);
			// out of sight on a real screen; Xvfb does not care
			shell.setLocation(-width - 100, -height - 100);
			Chart chart = new Chart(shell, SWT.NONE);
			chart.setBounds(0, 0, width, height);
			chart.setBackground(display.getSystemColor(SWT.COLOR_WHITE));
			chart.setBackgroundInPlotArea(display.getSystemColor(SWT.COLOR_WHITE));
			setUp.accept(chart);
			shell.open();
			while (display.readAndDispatch()) {
				// let GTK map the shell and lay the chart out
			}
			Image image = new Image(display, width, height);
			GC gc = new GC(image);
			try {
				chart.print(gc);
			} finally {
				gc.dispose();
			}
			ImageData data = image.getImageData();
			image.dispose();
			return data;
		} finally {
			shell.dispose();
		}
	}

	private static void style(Chart chart, String title, String xTitle, String yTitle) {
		Color black = chart.getDisplay().getSystemColor(SWT.COLOR_BLACK);
		chart.getTitle().setText(title);
		chart.getTitle().setForeground(black);
		IAxis x = chart.getAxisSet().getXAxis(0);
		IAxis y = chart.getAxisSet().getYAxis(0);
		x.getTitle().setText(xTitle);
		y.getTitle().setText(yTitle);
		for (IAxis axis : new IAxis[] { x, y }) {
			axis.getTitle().setForeground(black);
			axis.getTick().setForeground(black);
			axis.getGrid().setForeground(new Color(new RGB(224, 224, 224)));
			axis.getGrid().setStyle(LineStyle.SOLID);
		}
		chart.getLegend().setPosition(SWT.RIGHT);
	}

	private static void lines(Chart chart, LineChart spec) {
		style(chart, spec.title(), spec.xTitle(), spec.yTitle());
		int index = 0;
		for (Line line : spec.lines()) {
			ILineSeries<?> series = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE, (index++) + ":" + line.name());
			series.setDescription(line.name());
			series.setXSeries(line.x());
			series.setYSeries(line.y());
			series.setLineColor(colour(line.colour()));
			series.setLineWidth(2);
			series.setLineStyle(line.dashed() ? LineStyle.DASH : LineStyle.SOLID);
			series.setSymbolType(PlotSymbolType.NONE);
			series.setAntialias(SWT.ON);
		}
		chart.getAxisSet().adjustRange();
		chart.getAxisSet().getXAxis(0).setIntegerDataPointAxis(true);
	}

	private static void bars(Chart chart, BarChart spec) {
		style(chart, spec.title(), "", spec.yTitle());
		IAxis x = chart.getAxisSet().getXAxis(0);
		x.setCategorySeries(spec.categories().toArray(String[]::new));
		x.enableCategory(true);
		double max = 0;
		int index = 0;
		for (Bars bars : spec.series()) {
			IBarSeries<?> series = (IBarSeries<?>) chart.getSeriesSet().createSeries(SeriesType.BAR, (index++) + ":" + bars.name());
			series.setDescription(bars.name());
			double[] values = bars.values().clone();
			for (int i = 0; i < values.length; i++) {
				if (Double.isNaN(values[i])) {
					values[i] = 0;
				}
				max = Math.max(max, values[i]);
			}
			series.setYSeries(values);
			series.setBarColor(colour(bars.colour()));
			series.setBarPadding(15);
		}
		chart.getAxisSet().adjustRange();
		chart.getAxisSet().getYAxis(0).setRange(new Range(0, max > 0 ? max * 1.08 : 1));
	}

	private ImageData matrices(MatrixChart spec, int width, int height) {
		Image image = new Image(display, width, height);
		GC gc = new GC(image);
		Font small = new Font(display, new FontData("Sans", 8, SWT.NORMAL));
		Font bold = new Font(display, new FontData("Sans", 10, SWT.BOLD));
		Font title = new Font(display, new FontData("Sans", 11, SWT.BOLD));
		try {
			gc.setAntialias(SWT.ON);
			gc.setTextAntialias(SWT.ON);
			gc.setBackground(display.getSystemColor(SWT.COLOR_WHITE));
			gc.fillRectangle(0, 0, width, height);
			gc.setForeground(display.getSystemColor(SWT.COLOR_BLACK));
			gc.setFont(title);
			centre(gc, spec.title(), width / 2, 14);
			int panels = spec.panels().size();
			double panelWidth = (width - 20.0) / Math.max(1, panels);
			for (int k = 0; k < panels; k++) {
				Matrix m = spec.panels().get(k);
				int n = m.labels().size();
				int labelSpace = 70;
				int cell = (int) Math.min((panelWidth - labelSpace - 10) / n, (height - 40 - 28 - labelSpace) / (double) n);
				int x0 = (int) (10 + k * panelWidth + labelSpace);
				int y0 = 40 + 28;
				gc.setFont(bold);
				gc.setForeground(display.getSystemColor(SWT.COLOR_BLACK));
				centre(gc, m.title(), x0 + cell * n / 2, 40 + 6);
				gc.setFont(small);
				for (int r = 0; r < n; r++) {
					gc.setForeground(display.getSystemColor(SWT.COLOR_BLACK));
					Point extent = gc.textExtent(m.labels().get(r));
					gc.drawText(m.labels().get(r), x0 - 4 - extent.x, y0 + r * cell + (cell - extent.y) / 2, true);
					for (int c = 0; c < n; c++) {
						int[] rgb = m.cellColour(r, c);
						gc.setBackground(new Color(new RGB(rgb[0], rgb[1], rgb[2])));
						gc.fillRectangle(x0 + c * cell, y0 + r * cell, cell, cell);
						gc.setForeground(new Color(new RGB(187, 187, 187)));
						gc.drawRectangle(x0 + c * cell, y0 + r * cell, cell, cell);
						gc.setForeground(display.getSystemColor(m.darkCell(r, c) ? SWT.COLOR_WHITE : SWT.COLOR_BLACK));
						centre(gc, m.cellText(r, c), x0 + c * cell + cell / 2, y0 + r * cell + cell / 2);
					}
				}
				gc.setForeground(display.getSystemColor(SWT.COLOR_BLACK));
				for (int c = 0; c < n; c++) {
					// column labels turned 45° like the SVG's
					org.eclipse.swt.graphics.Transform t = new org.eclipse.swt.graphics.Transform(display);
					try {
						t.translate(x0 + c * cell + cell / 2f, y0 + n * cell + 6);
						t.rotate(-45);
						gc.setTransform(t);
						Point extent = gc.textExtent(m.labels().get(c));
						gc.drawText(m.labels().get(c), -extent.x, 0, true);
					} finally {
						gc.setTransform(null);
						t.dispose();
					}
				}
			}
			gc.setForeground(new Color(new RGB(68, 68, 68)));
			centre(gc, "rows: true class, columns: predicted class; cells in % of the row", width / 2, height - 12);
			return image.getImageData();
		} finally {
			small.dispose();
			bold.dispose();
			title.dispose();
			gc.dispose();
			image.dispose();
		}
	}

	private static void centre(GC gc, String text, int x, int y) {
		Point extent = gc.textExtent(text);
		gc.drawText(text, x - extent.x / 2, y - extent.y / 2, true);
	}

	private static Color colour(int index) {
		int[] c = ChartSpec.colour(index);
		return new Color(new RGB(c[0], c[1], c[2]));
	}
}
