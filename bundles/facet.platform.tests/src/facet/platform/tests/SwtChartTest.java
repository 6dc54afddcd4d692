package facet.platform.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.eclipse.swt.SWT;
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
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SWTChart (Debian's bundle) draws a line chart with the target's SWT. The image is written to
 * target/swtchart-test.png so that a person can look at what the assertions accept.
 */
class SwtChartTest {

	private static final int WIDTH = 640;
	private static final int HEIGHT = 480;
	// A colour no default of SWTChart uses, so finding it proves the series itself was drawn.
	private static final RGB SERIES = new RGB(200, 0, 200);

	private Display display;
	private Shell shell;

	@BeforeEach
	void openShell() {
		String x11 = System.getenv("DISPLAY");
		if ((x11 == null || x11.isBlank()) && System.getenv("WAYLAND_DISPLAY") == null) {
			fail("no DISPLAY is set: run under Xvfb (xvfb-run -a)");
		}
		// The headless test application runs tests on the launcher's main thread, where GTK wants its Display.
		display = Display.getDefault();
		shell = new Shell(display);
		shell.setSize(WIDTH + 40, HEIGHT + 40);
	}

	@AfterEach
	void closeShell() {
		if (shell != null) {
			shell.dispose();
		}
		if (display != null) {
			display.dispose();
		}
	}

	@Test
	void rendersALineSeries() throws Exception {
		Chart chart = new Chart(shell, SWT.NONE);
		chart.setBounds(0, 0, WIDTH, HEIGHT);
		chart.getTitle().setText("Facet SWTChart probe");
		chart.getAxisSet().getXAxis(0).getTitle().setText("epoch");
		chart.getAxisSet().getYAxis(0).getTitle().setText("loss");

		double[] x = new double[50];
		double[] y = new double[50];
		for (int i = 0; i < x.length; i++) {
			x[i] = i;
			y[i] = 2 * Math.exp(-i / 12.0) + 0.2 * Math.sin(i / 3.0);
		}
		ILineSeries<?> series = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE, "loss");
		series.setXSeries(x);
		series.setYSeries(y);
		Color colour = new Color(SERIES);
		series.setLineColor(colour);
		series.setLineWidth(3);
		// Antialiasing would blend the line into the background: no pixel would carry the exact colour.
		series.setAntialias(SWT.OFF);
		series.setSymbolType(PlotSymbolType.NONE);
		chart.getAxisSet().adjustRange();

		shell.open();
		while (display.readAndDispatch()) {
			// let GTK map the shell and run the first layout
		}
		assertEquals(WIDTH, chart.getSize().x);
		assertEquals(HEIGHT, chart.getSize().y);

		Image image = new Image(display, WIDTH, HEIGHT);
		GC gc = new GC(image);
		try {
			chart.print(gc);
		} finally {
			gc.dispose();
		}
		ImageData data = image.getImageData();
		image.dispose();
		// tycho-surefire runs the tests in the bundle's folder
		save(data, Path.of("target", "swtchart-test.png"));

		Set<RGB> colours = new HashSet<>();
		int seriesPixels = 0;
		for (int row = 0; row < data.height; row++) {
			for (int column = 0; column < data.width; column++) {
				RGB rgb = data.palette.getRGB(data.getPixel(column, row));
				colours.add(rgb);
				if (rgb.equals(SERIES)) {
					seriesPixels++;
				}
			}
		}
		assertTrue(colours.size() >= 3, "the chart image is (nearly) blank: " + colours);
		// A 3 px line across most of a 640 px plot covers well over a thousand pixels.
		assertTrue(seriesPixels > 500, "series colour found on " + seriesPixels + " pixels only");
	}

	private static void save(ImageData data, Path file) throws Exception {
		Files.createDirectories(file.getParent());
		ImageLoader loader = new ImageLoader();
		loader.data = new ImageData[] { data };
		loader.save(file.toString(), SWT.IMAGE_PNG);
	}
}
