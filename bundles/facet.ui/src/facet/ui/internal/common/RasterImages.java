package facet.ui.internal.common;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;

import facet.core.ImageRaster;

/** Engine rasters (8-bit gray or RGB, interleaved) as SWT image data. */
public final class RasterImages {

	private RasterImages() {
	}

	public static ImageData toImageData(ImageRaster raster) {
		ImageData data = new ImageData(raster.width(), raster.height(), 24, new PaletteData(0xff0000, 0x00ff00, 0x0000ff));
		byte[] p = raster.pixels();
		int[] row = new int[raster.width()];
		for (int y = 0; y < raster.height(); y++) {
			for (int x = 0; x < raster.width(); x++) {
				int i = y * raster.width() + x;
				if (raster.channels() == 1) {
					int g = p[i] & 0xff;
					row[x] = g << 16 | g << 8 | g;
				} else {
					row[x] = (p[3 * i] & 0xff) << 16 | (p[3 * i + 1] & 0xff) << 8 | p[3 * i + 2] & 0xff;
				}
			}
			data.setPixels(0, y, raster.width(), row, 0);
		}
		return data;
	}
}
