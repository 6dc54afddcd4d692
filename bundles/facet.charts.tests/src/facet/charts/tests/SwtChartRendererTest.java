package facet.charts.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.RGB;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.charts.SwtChartRenderer;
import facet.core.runs.Run;
import facet.engine.compare.RunComparison;
import facet.engine.report.ChartSpec;
import facet.engine.report.ComparisonCharts;
import facet.engine.report.ComparisonReport;
import facet.engine.tests.fixtures.FakeRuns;

/**
 * The comparison charts drawn offscreen with SWT/SWTChart. The PNGs are also written to
 * target/charts/ so that a person can look at what the assertions accept.
 */
class SwtChartRendererTest {

	private static final int N = 40;

	private static SwtChartRenderer renderer;

	@TempDir
	Path dir;

	@BeforeAll
	static void open() {
		String x11 = System.getenv("DISPLAY");
		if ((x11 == null || x11.isBlank()) && System.getenv("WAYLAND_DISPLAY") == null) {
			fail("no DISPLAY is set: run under Xvfb (xvfb-run -a)");
		}
		renderer = SwtChartRenderer.open();
	}

	@AfterAll
	static void close() {
		if (renderer != null) {
			renderer.close();
		}
	}

	private RunComparison comparison() throws IOException {
		FakeRuns fake = new FakeRuns(dir.resolve("runs"));
		boolean[] b = new boolean[N];
		for (int i = 12; i < 32; i++) {
			b[i] = true;
		}
		Run a1 = fake.run(FakeRuns.experiment("resnet-cam", 1, true, true, false), FakeRuns.firstRight(N, 30), 0);
		Run a2 = fake.run(FakeRuns.experiment("resnet-cam", 2, true, true, false), FakeRuns.firstRight(N, 33), 0.1);
		Run r = fake.run(FakeRuns.experiment("resnet", 1, false, true, false), b, 0.4);
		return RunComparison.of(List.of(a1.folder(), a2.folder(), r.folder()), "test");
	}

	private static int pixelsOf(ImageData data, int[] rgb, int tolerance) {
		int count = 0;
		for (int y = 0; y < data.height; y++) {
			for (int x = 0; x < data.width; x++) {
				RGB p = data.palette.getRGB(data.getPixel(x, y));
				if (Math.abs(p.red - rgb[0]) <= tolerance && Math.abs(p.green - rgb[1]) <= tolerance && Math.abs(p.blue - rgb[2]) <= tolerance) {
					count++;
				}
			}
		}
		return count;
	}

	private static ImageData save(ImageData data, String name) throws IOException {
		Path file = Path.of("target", "charts", name);
		Files.createDirectories(file.getParent());
		ImageLoader loader = new ImageLoader();
		loader.data = new ImageData[] { data };
		loader.save(file.toString(), org.eclipse.swt.SWT.IMAGE_PNG);
		return data;
	}

	@Test
	void lineChartDrawsEveryRunInItsColour() throws IOException {
		ChartSpec chart = ComparisonCharts.loss(comparison());
		ImageData data = save(renderer.render(chart, 900, 480), "loss.png");
		assertEquals(900, data.width);
		assertEquals(480, data.height);
		for (int run = 0; run < 3; run++) {
			int pixels = pixelsOf(data, ChartSpec.colour(run), 10);
			assertTrue(pixels > 200, "run " + run + "'s colour on " + pixels + " pixels only");
		}
	}

	@Test
	void barChartDrawsOneSeriesPerExperiment() throws IOException {
		ImageData data = save(renderer.render(ComparisonCharts.recall(comparison()), 900, 480), "recall.png");
		// SWTChart blends bars a little with the background: near the series colour, not exact
		assertTrue(pixelsOf(data, ChartSpec.colour(0), 50) > 1000);
		assertTrue(pixelsOf(data, ChartSpec.colour(1), 50) > 1000);
	}

	@Test
	void confusionMatricesAndTheirDifferenceAreHeatmapCells() throws IOException {
		ImageData data = save(renderer.render(ComparisonCharts.confusion(comparison()), 990, 420), "confusion.png");
		// the three classes with 75 % recall (fear, happiness, neutral of resnet-cam) are cells of 0.75 of the way to (8, 69, 148)
		assertTrue(pixelsOf(data, new int[] { 70, 116, 175 }, 3) > 1500);
		// the difference panel has red and blue cells
		assertTrue(pixelsOf(data, new int[] { 202, 0, 32 }, 60) + pixelsOf(data, new int[] { 5, 113, 176 }, 60) > 300);
	}

	@Test
	void reportWritesPngAndSvgOfEveryChart() throws IOException {
		RunComparison c = comparison();
		Path out = dir.resolve("report");
		ComparisonReport.write(c, c.group("resnet-cam"), out, renderer);
		String index = Files.readString(out.resolve("index.html"));
		for (String chart : ComparisonReport.CHARTS) {
			for (String type : List.of(".png", ".svg")) {
				assertTrue(Files.size(out.resolve(chart + type)) > 1000, chart + type);
				assertTrue(index.contains("\"" + chart + type + "\""), chart + type + " is not referenced");
			}
			ImageData png = new ImageLoader().load(out.resolve(chart + ".png").toString())[0];
			assertTrue(png.width >= 640, chart);
		}
		// keep a copy of the whole report to look at
		Path keep = Path.of("target", "report");
		Files.createDirectories(keep);
		try (var files = Files.list(out)) {
			for (Path f : files.filter(Files::isRegularFile).toList()) {
				Files.copy(f, keep.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}
}
