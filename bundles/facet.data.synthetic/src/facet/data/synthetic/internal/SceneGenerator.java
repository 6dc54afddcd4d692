package facet.data.synthetic.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import facet.core.ExpressionClass;
import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.Point;

/**
 * Whole images for face detectors: several faces of varied size, turned and tilted, on a
 * cluttered background, each with its ground-truth box and five landmarks in scene pixels.
 */
public final class SceneGenerator {

	/** One annotated face of a scene. */
	public record SceneFace(FaceBox box, ExpressionClass label, Occluder occluder) {
	}

	/** A scene and its faces. */
	public record Scene(int index, ImageRaster image, List<SceneFace> faces) {

		public String name() {
			return String.format("scene%05d", index);
		}
	}

	/** Smallest face drawn, head height in pixels. */
	public static final int MIN_FACE = 20;

	private final GeneratorOptions options;

	public SceneGenerator(GeneratorOptions options) {
		this.options = options;
	}

	public Scene render(int index) {
		SplittableRandom r = Seeds.random(options.seed(), Seeds.SCENE, index);
		Difficulty d = options.difficulty();
		int w = options.sceneWidth();
		int h = options.sceneHeight();
		BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = FaceGenerator.createGraphics(image);
		drawClutter(g, w, h, r);

		record Planned(AffineTransform placement, double yaw, Rectangle2D square) {
		}
		List<Planned> planned = new ArrayList<>();
		int wanted = 1 + r.nextInt(6);
		double largest = Math.min(w, h) * 0.55;
		for (int attempt = 0; attempt < 60 && planned.size() < wanted; attempt++) {
			// head height is about 0.85 of the canonical square; sizes drawn log-uniformly
			double square = Math.exp(Identity.range(r, Math.log(MIN_FACE / 0.85), Math.log(Math.max(MIN_FACE / 0.85 + 1, largest))));
			double scale = square / 100;
			AffineTransform placement = new AffineTransform();
			placement.translate(Identity.range(r, 0, w), Identity.range(r, 0, h));
			placement.rotate(Math.toRadians(Identity.range(r, -d.rotationDegrees(), d.rotationDegrees())));
			placement.scale(scale, scale);
			placement.translate(-FaceGeometry.CENTER_X, -FaceGeometry.CENTER_Y);
			// the square with a margin for the chin of an open mouth and for hair
			Rectangle2D bounds = placement.createTransformedShape(new Rectangle2D.Double(-5, -5, 110, 112)).getBounds2D();
			if (bounds.getMinX() < 0 || bounds.getMinY() < 0 || bounds.getMaxX() > w || bounds.getMaxY() > h) {
				continue;
			}
			if (planned.stream().anyMatch(p -> p.square().intersects(bounds))) {
				continue;
			}
			planned.add(new Planned(placement, Identity.range(r, -d.yaw(), d.yaw()), bounds));
		}
		// top to bottom, so that a body (drawn below its head) never covers a face drawn before it
		planned.sort(Comparator.comparingDouble(p -> p.square().getMinY()));
		List<SceneFace> faces = new ArrayList<>();
		for (int i = 0; i < planned.size(); i++) {
			Planned p = planned.get(i);
			Identity face = Identity.of(options.seed() ^ 0x5CE7E5L, index * 8 + i, d);
			ExpressionClass label = ExpressionClass.ofIndex(r.nextInt(ExpressionClass.COUNT));
			double[] au = new double[ActionUnit.COUNT];
			FaceGenerator.expression(label, face, d, r, au);
			FaceRenderer renderer = new FaceRenderer(face, new FaceGeometry(face, au), p.placement(), p.yaw());
			renderer.draw(g);
			Occluder occluder = r.nextDouble() < options.occlusion() ? Occluder.KINDS[r.nextInt(Occluder.KINDS.length)] : Occluder.NONE;
			renderer.drawOccluder(g, occluder, r);
			FaceRenderer.Placement where = renderer.placement();
			Rectangle2D b = where.box().createIntersection(new Rectangle2D.Double(0, 0, w, h));
			List<Point> landmarks = new ArrayList<>();
			for (Point2D.Double l : where.landmarks()) {
				landmarks.add(new Point(l.x, l.y));
			}
			faces.add(new SceneFace(new FaceBox(b.getMinX(), b.getMinY(), b.getMaxX(), b.getMaxY(), 1, landmarks), label, occluder));
		}
		g.dispose();
		Difficulty mild = new Difficulty(d.name(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, d.lighting(), d.blurSigma() * 0.5, d.noiseSigma(),
				d.jpegProbability(), Math.max(0.4, d.jpegMinQuality()));
		return new Scene(index, Degradation.apply(image, options.channels(), mild, 1, r), faces);
	}

	/** Shapes, stripes and lines in many colours: something for a detector to mistake for a face. */
	private static void drawClutter(Graphics2D g, int w, int h, SplittableRandom r) {
		g.setPaint(new GradientPaint(0, 0, FaceGenerator.randomColor(r, 30, 230), w, h, FaceGenerator.randomColor(r, 30, 230)));
		g.fillRect(0, 0, w, h);
		int shapes = 25 + r.nextInt(40);
		for (int i = 0; i < shapes; i++) {
			g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256), 120 + r.nextInt(136)));
			double x = r.nextDouble() * w;
			double y = r.nextDouble() * h;
			double s = Math.exp(Identity.range(r, Math.log(4), Math.log(Math.min(w, h) * 0.4)));
			switch (r.nextInt(5)) {
				case 0 -> g.fill(new Ellipse2D.Double(x, y, s, s * Identity.range(r, 0.5, 1.5)));
				case 1 -> g.fill(new Rectangle2D.Double(x, y, s, s * Identity.range(r, 0.3, 2)));
				case 2 -> {
					g.setStroke(new BasicStroke((float) Identity.range(r, 0.5, 4)));
					g.draw(new Line2D.Double(x, y, x + Identity.range(r, -s, s) * 2, y + Identity.range(r, -s, s) * 2));
				}
				case 3 -> {
					Path2D.Double polygon = new Path2D.Double();
					polygon.moveTo(x, y);
					for (int k = 0; k < 3 + r.nextInt(4); k++) {
						polygon.lineTo(x + Identity.range(r, -s, s), y + Identity.range(r, -s, s));
					}
					polygon.closePath();
					g.fill(polygon);
				}
				default -> {
					// a blob with two dark spots: the kind of thing a weak detector calls a face
					g.fill(new Ellipse2D.Double(x, y, s, s * 1.2));
					g.setColor(new Color(30, 30, 30, 200));
					g.fill(new Ellipse2D.Double(x + s * 0.25, y + s * 0.4, s * 0.12, s * 0.08));
					g.fill(new Ellipse2D.Double(x + s * 0.62, y + s * 0.4, s * 0.12, s * 0.08));
				}
			}
		}
	}
}
