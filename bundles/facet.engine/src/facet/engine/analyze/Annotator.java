package facet.engine.analyze;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

import facet.core.ExpressionClass;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.Point;

/**
 * Draws an analysis onto a copy of the image: each face's box, its five landmarks, the top
 * expression with its probability, and a small bar chart of the seven probabilities beside the
 * box. Java2D, so it runs headless.
 */
public final class Annotator {

	/** One colour per class, in canonical order, the same in every picture Facet draws. */
	public static final Color[] CLASS_COLORS = { new Color(0xd62728), new Color(0x8c564b), new Color(0x9467bd), new Color(0xffbf00),
			new Color(0x7f7f7f), new Color(0x1f77b4), new Color(0x2ca02c) };

	private static final Color[] LANDMARK_COLORS = { Color.RED, Color.BLUE, Color.YELLOW, Color.MAGENTA, Color.CYAN };

	private Annotator() {
	}

	public static ImageRaster annotate(ImageRaster raster, List<FaceAnalyzer.Face> faces) {
		return ImageFiles.toRaster(annotatedImage(raster, faces), false);
	}

	/** The same drawing as an image, for writing without converting it back to a raster. */
	public static BufferedImage annotatedImage(ImageRaster raster, List<FaceAnalyzer.Face> faces) {
		BufferedImage image = ImageFiles.toBufferedImage(raster.channels() == 3 ? raster : rgb(raster));
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			float unit = Math.max(1f, raster.width() / 640f);
			for (FaceAnalyzer.Face face : faces) {
				var b = face.box();
				int x = (int) Math.round(b.x1());
				int y = (int) Math.round(b.y1());
				int w = (int) Math.round(b.width());
				int h = (int) Math.round(b.height());
				g.setStroke(new BasicStroke(2 * unit));
				g.setColor(Color.GREEN);
				g.drawRect(x, y, w, h);
				int r = (int) Math.max(2, w / 40.0);
				for (int i = 0; i < b.landmarks().size(); i++) {
					Point p = b.landmarks().get(i);
					g.setColor(LANDMARK_COLORS[i]);
					g.fillOval((int) Math.round(p.x()) - r, (int) Math.round(p.y()) - r, 2 * r, 2 * r);
				}
				if (face.probabilities().isPresent()) {
					float[] p = face.probabilities().get();
					int best = ExpressionClass.mostProbable(p).ordinal();
					g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(12 * unit)));
					String label = String.format(Locale.ROOT, "%s %.0f%%", ExpressionClass.ofIndex(best).label(), 100 * p[best]);
					int textHeight = g.getFontMetrics().getHeight();
					int textWidth = g.getFontMetrics().stringWidth(label);
					int ty = Math.max(textHeight, y - 4);
					g.setColor(new Color(0, 0, 0, 170));
					g.fillRect(x, ty - textHeight + 3, textWidth + 6, textHeight);
					g.setColor(CLASS_COLORS[best]);
					g.drawString(label, x + 3, ty);
					// seven bars beside the box, one per class, longest = most probable
					int barHeight = Math.max(3, h / 9);
					int maxLength = Math.max(20, w / 2);
					int bx = x + w + Math.round(4 * unit);
					if (bx + maxLength > image.getWidth()) {
						bx = Math.max(0, x - maxLength - Math.round(4 * unit));
					}
					g.setColor(new Color(0, 0, 0, 120));
					g.fillRect(bx - 1, y - 1, maxLength + 2, barHeight * ExpressionClass.COUNT + 2);
					for (int c = 0; c < ExpressionClass.COUNT; c++) {
						g.setColor(CLASS_COLORS[c]);
						g.fillRect(bx, y + c * barHeight, Math.max(1, Math.round(maxLength * p[c])), barHeight - 1);
					}
				}
			}
		} finally {
			g.dispose();
		}
		return image;
	}

	private static ImageRaster rgb(ImageRaster gray) {
		byte[] rgb = new byte[gray.pixels().length * 3];
		for (int i = 0; i < gray.pixels().length; i++) {
			rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = gray.pixels()[i];
		}
		return new ImageRaster(gray.width(), gray.height(), 3, rgb);
	}
}
