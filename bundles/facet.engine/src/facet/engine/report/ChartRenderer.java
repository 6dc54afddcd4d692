package facet.engine.report;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Draws a chart into a raster image. The engine has no UI toolkit; the {@code facet.charts}
 * bundle implements this with SWT and SWTChart (and needs a display).
 */
public interface ChartRenderer {

	/** Writes the chart as a PNG of the given size. */
	void writePng(ChartSpec chart, int width, int height, Path file) throws IOException;
}
