package facet.engine.heatmap.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import facet.core.ImageRaster;
import facet.engine.heatmap.Colormap;
import facet.engine.heatmap.Heatmap;
import facet.engine.heatmap.HeatmapRenderer;
import facet.engine.heatmap.MeanHeatmaps;
import facet.engine.heatmap.SquareCrop;

/** Colormaps, heatmap arithmetic, overlays, projection onto the photo, bar charts and class means. */
class RenderingTest {

	@Test
	void jetEndpointsAreDarkBlueAndDarkRedThroughGreen() {
		assertEquals(0x000080, Colormap.JET.rgb(0));
		assertEquals(0x800000, Colormap.JET.rgb(1));
		assertEquals(0xff, (Colormap.JET.rgb(0.5) >> 8) & 0xff, "full green in the middle");
		assertEquals(Colormap.JET.rgb(0), Colormap.JET.rgb(-3), "clamped below");
		assertEquals(Colormap.JET.rgb(1), Colormap.JET.rgb(7), "clamped above");
	}

	@Test
	void turboRunsFromNearBlackAndBlueToDarkRed() {
		// the polynomial approximation is nearly black at 0 (the table's (48, 18, 59)) and blue just above
		int zero = Colormap.TURBO.rgb(0);
		assertTrue(red(zero) < 64 && green(zero) < 64 && blue(zero) < 64, Integer.toHexString(zero));
		int low = Colormap.TURBO.rgb(0.1);
		int high = Colormap.TURBO.rgb(1);
		assertTrue(blue(low) > red(low) && blue(low) > green(low), Integer.toHexString(low));
		assertTrue(red(high) > green(high) && red(high) > blue(high) && red(high) < 200, Integer.toHexString(high));
		int middle = Colormap.TURBO.rgb(0.5);
		assertTrue(green(middle) > red(middle) && green(middle) > blue(middle), Integer.toHexString(middle));
		assertEquals(Colormap.TURBO, Colormap.named("Turbo"));
		assertThrows(IllegalArgumentException.class, () -> Colormap.named("viridis"));
	}

	@Test
	void normalizingCutsNegativesAndScalesToOne() {
		Heatmap h = new Heatmap(2, 2, new float[] { -1, 0.5f, 2, 1 }).normalized();
		assertArrayEquals(new float[] { 0, 0.25f, 1, 0.5f }, h.values(), 1e-6f);
		assertArrayEquals(new float[4], new Heatmap(2, 2, new float[4]).normalized().values());
		Heatmap big = new Heatmap(2, 1, new float[] { 0, 1 }).resized(4, 1);
		assertArrayEquals(new float[] { 0, 0.25f, 0.75f, 1 }, big.values(), 1e-6f, "bilinear with aligned pixel centres");
		assertThrows(IllegalArgumentException.class, () -> new Heatmap(2, 2, new float[3]));
	}

	@Test
	void overlayBlendsByOpacity() {
		ImageRaster gray = new ImageRaster(4, 4, 1, filled(16, (byte) 100));
		Heatmap hot = new Heatmap(1, 1, new float[] { 1 });
		assertArrayEquals(filled(48, (byte) 100), new HeatmapRenderer(Colormap.JET, 0).overlay(gray, hot).pixels(), "opacity 0: the image");
		ImageRaster full = new HeatmapRenderer(Colormap.JET, 1).overlay(gray, hot);
		assertEquals(3, full.channels());
		assertEquals(0x80, full.get(2, 2, 0));
		assertEquals(0, full.get(2, 2, 1));
		ImageRaster half = new HeatmapRenderer(Colormap.JET, 0.5).overlay(gray, hot);
		assertEquals(Math.round(0.5 * 100 + 0.5 * 128), half.get(0, 0, 0));
		assertThrows(IllegalArgumentException.class, () -> new HeatmapRenderer(Colormap.JET, 1.5));
	}

	@Test
	void projectionLandsInTheFaceSquareAndIsClippedAtTheEdges() {
		ImageRaster photo = new ImageRaster(100, 80, 3, new byte[100 * 80 * 3]);
		Heatmap hot = new Heatmap(1, 1, new float[] { 1 });
		ImageRaster projected = new HeatmapRenderer(Colormap.JET, 1).project(photo, new SquareCrop(70, 50, 40), hot);
		assertEquals(100, projected.width());
		assertEquals(0x80, projected.get(85, 65, 0), "inside the square");
		assertEquals(0, projected.get(30, 20, 0), "outside the square");
		SquareCrop crop = new SquareCrop(-10, -10, 30);
		ImageRaster cut = crop.extract(new ImageRaster(100, 80, 1, filled(8000, (byte) 200)));
		assertEquals(30, cut.width());
		assertEquals(0, cut.get(5, 5, 0), "black outside the photo");
		assertEquals(200, cut.get(15, 15, 0));
	}

	@Test
	void channelBarsShowTheTopChannels() {
		float[] weights = { 0.1f, 0.9f, 0.5f, 0.7f, 0.2f };
		assertArrayEquals(new int[] { 1, 3, 2 }, HeatmapRenderer.topChannels(weights, 3));
		ImageRaster chart = HeatmapRenderer.channelBars(weights, 3, "se channel weights");
		assertEquals(640, chart.width());
		assertEquals(360, chart.height());
		boolean coloured = false;
		for (int i = 0; i < chart.pixels().length; i += 3) {
			coloured |= chart.pixels()[i] != chart.pixels()[i + 1] || chart.pixels()[i + 1] != chart.pixels()[i + 2];
		}
		assertTrue(coloured, "bars are drawn in colour");
	}

	@Test
	void meansPerClassOverMapsOfAnySize() {
		MeanHeatmaps means = new MeanHeatmaps(2, 2);
		means.add("happiness", new Heatmap(2, 2, new float[] { 1, 0, 0, 0 }));
		means.add("happiness", new Heatmap(2, 2, new float[] { 0, 0, 0, 1 }));
		means.add("anger", new Heatmap(1, 1, new float[] { 0.5f }));
		assertEquals(2, means.count("happiness"));
		assertArrayEquals(new float[] { 0.5f, 0, 0, 0.5f }, means.means().get("happiness").values(), 1e-6f);
		assertArrayEquals(new float[] { 0.5f, 0.5f, 0.5f, 0.5f }, means.means().get("anger").values(), 1e-6f);
	}

	private static byte[] filled(int n, byte value) {
		byte[] b = new byte[n];
		Arrays.fill(b, value);
		return b;
	}

	private static int red(int rgb) {
		return rgb >> 16 & 0xff;
	}

	private static int green(int rgb) {
		return rgb >> 8 & 0xff;
	}

	private static int blue(int rgb) {
		return rgb & 0xff;
	}
}
