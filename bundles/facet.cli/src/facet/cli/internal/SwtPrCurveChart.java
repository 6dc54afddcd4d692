package facet.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTError;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.Range;

/**
 * The SWTChart rendering of {@link PrCurveChart}; only loaded when SWT is wanted, so that a
 * runtime without SWT fails on loading this class and falls back to Java2D.
 */
final class SwtPrCurveChart {

	private static final RGB[] COLOURS = { new RGB(0x1f, 0x77, 0xb4), new RGB(0xd6, 0x27, 0x28), new RGB(0x2c, 0xa0, 0x2c),
			new RGB(0x94, 0x67, 0xbd), new RGB(0xff, 0x7f, 0x0e), new RGB(0x8c, 0x56, 0x4b) };

	private SwtPrCurveChart() {
	}

	static void write(String title, List<PrCurveChart.Series> series, Path png, int width, int height) throws IOException {
		Display display = Display.getCurrent();
		boolean own = display == null;
		try {
			if (own) {
				display = new Display();
			}
			Shell shell = new Shell(display);
			try {
				shell.setSize(width + 40, height + 40);
				Chart chart = new Chart(shell, SWT.NONE);
				chart.setBounds(0, 0, width, height);
				chart.getTitle().setText(title);
				chart.getAxisSet().getXAxis(0).getTitle().setText("recall");
				chart.getAxisSet().getYAxis(0).getTitle().setText("precision");
				for (int s = 0; s < series.size(); s++) {
					PrCurveChart.Series curve = series.get(s);
					ILineSeries<?> line = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE, curve.name());
					line.setXSeries(curve.recall());
					line.setYSeries(curve.precision());
					line.setLineColor(new Color(COLOURS[s % COLOURS.length]));
					line.setSymbolColor(new Color(COLOURS[s % COLOURS.length]));
					line.setLineWidth(2);
				}
				chart.getAxisSet().getXAxis(0).setRange(new Range(0, 1));
				chart.getAxisSet().getYAxis(0).setRange(new Range(0, 1.02));
				shell.open();
				while (display.readAndDispatch()) {
					// let GTK map the shell and lay the chart out before printing it
				}
				Image image = new Image(display, width, height);
				GC gc = new GC(image);
				ImageData data;
				try {
					chart.print(gc);
					data = image.getImageData();
				} finally {
					gc.dispose();
					image.dispose();
				}
				Files.createDirectories(png.toAbsolutePath().getParent());
				Path temporary = Files.createTempFile(png.toAbsolutePath().getParent(), ".chart", ".png");
				ImageLoader loader = new ImageLoader();
				loader.data = new ImageData[] { data };
				loader.save(temporary.toString(), SWT.IMAGE_PNG);
				Files.move(temporary, png, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
			} finally {
				shell.dispose();
			}
		} catch (SWTError | SWTException e) {
			throw new IllegalStateException(e.getMessage(), e);
		} finally {
			if (own && display != null) {
				display.dispose();
			}
		}
	}
}
