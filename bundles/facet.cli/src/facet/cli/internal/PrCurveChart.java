package facet.cli.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import facet.core.runs.AtomicFiles;

/**
 * Draws precision–recall curves into a PNG: with SWTChart on an offscreen image when SWT can
 * open a display, otherwise with Java2D (a headless machine, or a runtime without SWT), so that
 * {@code facet detect-eval} never needs a display.
 */
final class PrCurveChart {

	static final int WIDTH = 800;
	static final int HEIGHT = 600;

	/** One curve: recall on x, precision on y. */
	record Series(String name, double[] recall, double[] precision) {
	}

	private PrCurveChart() {
	}

	/**
	 * Writes the chart.
	 *
	 * @return how it was drawn: {@code "SWTChart"} or {@code "Java2D (why SWT was not used)"}
	 */
	static String write(String title, List<Series> series, Path png) throws IOException {
		String why;
		String display = System.getenv("DISPLAY");
		if ((display == null || display.isBlank()) && System.getenv("WAYLAND_DISPLAY") == null) {
			why = "no display";
		} else {
			try {
				SwtPrCurveChart.write(title, series, png, WIDTH, HEIGHT);
				return "SWTChart";
			} catch (LinkageError e) {
				// facet.cli imports SWT and SWTChart optionally: a runtime without them lands here
				why = "SWT not available: " + e;
			} catch (IOException e) {
				throw e;
			} catch (RuntimeException e) {
				why = "SWT failed: " + e.getMessage();
			}
		}
		writeJava2d(title, series, png);
		return "Java2D (" + why + ")";
	}

	private static final Color[] COLOURS = { new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
			new Color(0xff7f0e), new Color(0x8c564b) };

	static void writeJava2d(String title, List<Series> series, Path png) throws IOException {
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, WIDTH, HEIGHT);
			int left = 80;
			int top = 50;
			int right = WIDTH - 30;
			int bottom = HEIGHT - 70;
			g.setColor(Color.BLACK);
			g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
			g.drawString(title, left, 30);
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
			for (int i = 0; i <= 10; i++) {
				double v = i / 10.0;
				int x = left + (int) Math.round(v * (right - left));
				int y = bottom - (int) Math.round(v * (bottom - top));
				g.setColor(new Color(0xe0e0e0));
				g.drawLine(x, top, x, bottom);
				g.drawLine(left, y, right, y);
				g.setColor(Color.BLACK);
				String label = String.format(Locale.ROOT, "%.1f", v);
				g.drawString(label, x - 10, bottom + 18);
				g.drawString(label, left - 30, y + 5);
			}
			g.drawRect(left, top, right - left, bottom - top);
			g.drawString("recall", (left + right) / 2 - 20, bottom + 40);
			g.rotate(-Math.PI / 2);
			g.drawString("precision", -(top + bottom) / 2 - 30, 25);
			g.rotate(Math.PI / 2);
			g.setStroke(new BasicStroke(2.5f));
			for (int s = 0; s < series.size(); s++) {
				Series curve = series.get(s);
				g.setColor(COLOURS[s % COLOURS.length]);
				int px = -1;
				int py = -1;
				for (int i = 0; i < curve.recall().length; i++) {
					int x = left + (int) Math.round(curve.recall()[i] * (right - left));
					int y = bottom - (int) Math.round(curve.precision()[i] * (bottom - top));
					if (px >= 0) {
						g.drawLine(px, py, x, y);
					}
					g.fillOval(x - 3, y - 3, 7, 7);
					px = x;
					py = y;
				}
				int ly = top + 20 + 20 * s;
				g.drawLine(left + 15, ly - 5, left + 40, ly - 5);
				g.drawString(curve.name(), left + 48, ly);
			}
		} finally {
			g.dispose();
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ImageIO.write(image, "png", bytes);
		AtomicFiles.write(png, bytes.toByteArray());
	}
}
