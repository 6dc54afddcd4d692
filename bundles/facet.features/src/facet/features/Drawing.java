package facet.features;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

import facet.core.ImageFiles;
import facet.core.ImageRaster;

/** Pictures of features, drawn headless with Java2D; package-private helpers of the extractors. */
final class Drawing {

	private Drawing() {
	}

	/** Nearest-neighbour enlargement, so that single pixels stay visible. */
	static ImageRaster enlarge(ImageRaster image, int factor) {
		if (factor <= 1) {
			return image;
		}
		int w = image.width() * factor;
		int h = image.height() * factor;
		int c = image.channels();
		byte[] out = new byte[w * h * c];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				System.arraycopy(image.pixels(), ((y / factor) * image.width() + x / factor) * c, out, (y * w + x) * c, c);
			}
		}
		return new ImageRaster(w, h, c, out);
	}

	/** Equal-sized gray images in a grid of {@code columns}, 2 pixels apart. */
	static ImageRaster tile(List<ImageRaster> images, int columns, int factor) {
		int tw = images.get(0).width() * factor;
		int th = images.get(0).height() * factor;
		int rows = (images.size() + columns - 1) / columns;
		BufferedImage canvas = new BufferedImage(columns * (tw + 2), rows * (th + 2), BufferedImage.TYPE_BYTE_GRAY);
		Graphics2D g = canvas.createGraphics();
		g.setColor(Color.DARK_GRAY);
		g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
		for (int i = 0; i < images.size(); i++) {
			g.drawImage(ImageFiles.toBufferedImage(enlarge(images.get(i), factor)), (i % columns) * (tw + 2) + 1, (i / columns) * (th + 2) + 1,
					null);
		}
		g.dispose();
		return ImageFiles.toRaster(canvas, true);
	}

	/** One bar chart per cell, cells in their grid, bars scaled to the largest bin of all. */
	static ImageRaster histogramGrid(float[] histograms, int cellsX, int cellsY, int bins) {
		int barWidth = Math.max(1, 120 / bins);
		int cw = bins * barWidth + 6;
		int ch = 60;
		float max = 0;
		for (float v : histograms) {
			max = Math.max(max, v);
		}
		BufferedImage canvas = new BufferedImage(cellsX * cw, cellsY * ch, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = canvas.createGraphics();
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
		for (int cy = 0; cy < cellsY; cy++) {
			for (int cx = 0; cx < cellsX; cx++) {
				int x0 = cx * cw + 3;
				int y0 = cy * ch;
				g.setColor(new Color(0xdddddd));
				g.drawRect(cx * cw, y0, cw - 1, ch - 1);
				g.setColor(new Color(0x2060a0));
				for (int b = 0; b < bins; b++) {
					int height = max > 0 ? Math.round(histograms[(cy * cellsX + cx) * bins + b] / max * (ch - 6)) : 0;
					g.fillRect(x0 + b * barWidth, y0 + ch - 3 - height, Math.max(1, barWidth - (barWidth > 2 ? 1 : 0)), height);
				}
			}
		}
		g.dispose();
		return ImageFiles.toRaster(canvas, false);
	}

	/**
	 * Dalal–Triggs glyphs: in each cell, a line per orientation bin along the edge (perpendicular
	 * to the gradient), as bright as the bin's share of the strongest cell bin.
	 */
	static ImageRaster hogGlyphs(float[][][] hist, boolean signed, int cellPixels) {
		int cy = hist.length;
		int cx = hist[0].length;
		int bins = hist[0][0].length;
		float max = 0;
		for (float[][] row : hist) {
			for (float[] h : row) {
				for (float v : h) {
					max = Math.max(max, v);
				}
			}
		}
		BufferedImage canvas = new BufferedImage(cx * cellPixels, cy * cellPixels, BufferedImage.TYPE_BYTE_GRAY);
		Graphics2D g = canvas.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setColor(Color.BLACK);
		g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
		g.setStroke(new BasicStroke(Math.max(1f, cellPixels / 16f)));
		double range = signed ? 2 * Math.PI : Math.PI;
		double r = cellPixels * 0.45;
		for (int y = 0; y < cy; y++) {
			for (int x = 0; x < cx; x++) {
				double mx = (x + 0.5) * cellPixels;
				double my = (y + 0.5) * cellPixels;
				for (int b = 0; b < bins; b++) {
					float v = max > 0 ? hist[y][x][b] / max : 0;
					if (v <= 0.02f) {
						continue;
					}
					double edge = (b + 0.5) * range / bins + Math.PI / 2;
					int level = Math.round(Math.min(1f, v) * 255);
					g.setColor(new Color(level, level, level));
					double ex = Math.cos(edge) * r;
					double ey = Math.sin(edge) * r;
					g.drawLine((int) Math.round(mx - ex), (int) Math.round(my - ey), (int) Math.round(mx + ex), (int) Math.round(my + ey));
				}
			}
		}
		g.dispose();
		return ImageFiles.toRaster(canvas, true);
	}
}
