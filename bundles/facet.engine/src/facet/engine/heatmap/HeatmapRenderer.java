package facet.engine.heatmap;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.IntStream;

import facet.core.ImageFiles;
import facet.core.ImageRaster;

/**
 * Draws heatmaps headless (plain pixel arithmetic and Java2D on images in memory, no display):
 * as colours, blended over a face crop, projected back onto the photo the crop came from, and
 * channel weights as a bar chart. Every method returns a new RGB raster.
 */
public final class HeatmapRenderer {

	private final Colormap colormap;
	private final double opacity;

	/**
	 * @param opacity weight of the heatmap colour over the image, 0 (image only) to 1 (map only)
	 */
	public HeatmapRenderer(Colormap colormap, double opacity) {
		if (!(opacity >= 0 && opacity <= 1)) {
			throw new IllegalArgumentException("opacity must be in [0, 1], got " + opacity);
		}
		this.colormap = colormap;
		this.opacity = opacity;
	}

	public Colormap colormap() {
		return colormap;
	}

	public double opacity() {
		return opacity;
	}

	/** The map alone in colour, scaled to {@code width × height}. */
	public ImageRaster colorize(Heatmap map, int width, int height) {
		Heatmap m = map.resized(width, height);
		byte[] pixels = new byte[width * height * 3];
		for (int i = 0; i < width * height; i++) {
			int rgb = colormap.rgb(m.values()[i]);
			pixels[3 * i] = (byte) (rgb >> 16);
			pixels[3 * i + 1] = (byte) (rgb >> 8);
			pixels[3 * i + 2] = (byte) rgb;
		}
		return new ImageRaster(width, height, 3, pixels);
	}

	/** The map scaled to the face crop and blended over it. */
	public ImageRaster overlay(ImageRaster face, Heatmap map) {
		byte[] pixels = rgb(face).pixels().clone();
		blend(pixels, face.width(), face.height(), 0, 0, face.width(), face.height(), map);
		return new ImageRaster(face.width(), face.height(), 3, pixels);
	}

	/**
	 * The map scaled to the square the face crop was cut from and blended over the photo there,
	 * clipped to the photo, with the square outlined; call again on the result for more faces.
	 */
	public ImageRaster project(ImageRaster photo, SquareCrop crop, Heatmap map) {
		byte[] pixels = rgb(photo).pixels().clone();
		blend(pixels, photo.width(), photo.height(), crop.x(), crop.y(), crop.side(), crop.side(), map);
		BufferedImage image = ImageFiles.toBufferedImage(new ImageRaster(photo.width(), photo.height(), 3, pixels));
		Graphics2D g = image.createGraphics();
		try {
			g.setColor(Color.WHITE);
			g.setStroke(new BasicStroke(Math.max(1f, photo.width() / 800f)));
			g.drawRect(crop.x(), crop.y(), crop.side() - 1, crop.side() - 1);
		} finally {
			g.dispose();
		}
		return ImageFiles.toRaster(image, false);
	}

	/** Blends the map, scaled to mapWidth × mapHeight with its corner at (left, top), into an RGB buffer, clipped. */
	private void blend(byte[] pixels, int width, int height, int left, int top, int mapWidth, int mapHeight, Heatmap map) {
		Heatmap m = map.resized(mapWidth, mapHeight);
		for (int my = 0; my < mapHeight; my++) {
			int py = top + my;
			if (py < 0 || py >= height) {
				continue;
			}
			for (int mx = 0; mx < mapWidth; mx++) {
				int px = left + mx;
				if (px < 0 || px >= width) {
					continue;
				}
				int rgb = colormap.rgb(m.values()[my * mapWidth + mx]);
				int i = (py * width + px) * 3;
				pixels[i] = mix(pixels[i], rgb >> 16);
				pixels[i + 1] = mix(pixels[i + 1], rgb >> 8);
				pixels[i + 2] = mix(pixels[i + 2], rgb);
			}
		}
	}

	private byte mix(byte image, int color) {
		return (byte) Math.round((1 - opacity) * (image & 0xff) + opacity * (color & 0xff));
	}

	/**
	 * The {@code topK} largest channel weights as vertical bars, largest first, each labelled with
	 * its channel index, on a 0 … 1 axis.
	 */
	public static ImageRaster channelBars(float[] weights, int topK, String title) {
		if (weights.length == 0) {
			throw new IllegalArgumentException("no channel weights to draw");
		}
		int k = Math.min(Math.max(1, topK), weights.length);
		int[] order = topChannels(weights, k);
		int width = 640;
		int height = 360;
		int left = 48;
		int right = 16;
		int top = 40;
		int bottom = 44;
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, width, height);
			g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
			g.setColor(Color.BLACK);
			g.drawString(title, left, 24);
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
			FontMetrics fm = g.getFontMetrics();
			int plotHeight = height - top - bottom;
			int plotWidth = width - left - right;
			for (int t = 0; t <= 4; t++) {
				double v = t / 4.0;
				int y = top + plotHeight - (int) Math.round(v * plotHeight);
				g.setColor(new Color(0xdddddd));
				g.drawLine(left, y, width - right, y);
				g.setColor(Color.DARK_GRAY);
				String label = String.format(Locale.ROOT, "%.2f", v);
				g.drawString(label, left - 6 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
			}
			double slot = (double) plotWidth / k;
			int bar = (int) Math.max(1, Math.round(slot * 0.7));
			for (int i = 0; i < k; i++) {
				float w = Math.max(0, Math.min(1, weights[order[i]]));
				int h = (int) Math.round(w * plotHeight);
				int x = left + (int) Math.round(i * slot + (slot - bar) / 2);
				g.setColor(new Color(Colormap.TURBO.rgb(w)));
				g.fillRect(x, top + plotHeight - h, bar, h);
				g.setColor(Color.DARK_GRAY);
				String label = String.valueOf(order[i]);
				g.drawString(label, x + (bar - fm.stringWidth(label)) / 2, top + plotHeight + fm.getAscent() + 2);
			}
			g.setColor(Color.BLACK);
			g.drawLine(left, top + plotHeight, width - right, top + plotHeight);
			String axis = "channel (top " + k + " of " + weights.length + ", largest weight first)";
			g.drawString(axis, left + (plotWidth - fm.stringWidth(axis)) / 2, height - 8);
		} finally {
			g.dispose();
		}
		return ImageFiles.toRaster(image, false);
	}

	/** The indices of the {@code k} largest weights, largest first (what {@link #channelBars} draws). */
	public static int[] topChannels(float[] weights, int k) {
		return IntStream.range(0, weights.length).boxed().sorted(Comparator.comparingDouble((Integer c) -> -weights[c])).limit(k)
				.mapToInt(Integer::intValue).toArray();
	}

	private static ImageRaster rgb(ImageRaster raster) {
		if (raster.channels() == 3) {
			return raster;
		}
		byte[] rgb = new byte[raster.pixels().length * 3];
		for (int i = 0; i < raster.pixels().length; i++) {
			rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = raster.pixels()[i];
		}
		return new ImageRaster(raster.width(), raster.height(), 3, rgb);
	}
}
