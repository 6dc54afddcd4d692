package facet.data.synthetic.internal;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;

import facet.core.ExpressionClass;
import facet.core.ImageRaster;

/** Draws the face crop of one {@link SampleSpec}; thread-safe, and every image depends only on the seed and its index. */
public final class FaceGenerator {

	/** Canonical face frame point that the crop centres on; slightly below the head centre, as FER crops are. */
	private static final double CROP_CENTER_Y = 55;
	/** How much of the canonical frame a crop shows: FER2013 crops cut off the hair and the chin's surroundings. */
	private static final double CROP_ZOOM = 1.12;

	/** A drawn face and what went into it. */
	public record Face(SampleSpec spec, ImageRaster image, double intensity, double[] actionUnits, FaceGeometry geometry,
			Rectangle2D box, Point2D.Double[] landmarks) {
	}

	private final GeneratorOptions options;

	public FaceGenerator(GeneratorOptions options) {
		this.options = options;
	}

	public GeneratorOptions options() {
		return options;
	}

	public Face render(SampleSpec spec) {
		Difficulty d = options.difficulty();
		SplittableRandom r = Seeds.random(options.seed(), Seeds.SAMPLE, spec.index());
		Identity face = Identity.of(options.seed(), spec.identity(), d);
		double[] au = new double[ActionUnit.COUNT];
		double intensity = expression(spec.label(), face, d, r, au);
		FaceGeometry geometry = new FaceGeometry(face, au);

		int size = options.size();
		BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = createGraphics(image);
		drawBackground(g, size, size, r);
		double scale = size / 100.0 * CROP_ZOOM * (1 + Identity.range(r, -d.scaleSpread(), d.scaleSpread()));
		AffineTransform placement = new AffineTransform();
		placement.translate(size / 2.0 + Identity.range(r, -d.shift(), d.shift()) * size,
				size / 2.0 + Identity.range(r, -d.shift(), d.shift()) * size);
		placement.rotate(Math.toRadians(Identity.range(r, -d.rotationDegrees(), d.rotationDegrees())));
		placement.scale(scale, scale);
		placement.translate(-FaceGeometry.CENTER_X, -CROP_CENTER_Y);
		FaceRenderer renderer = new FaceRenderer(face, geometry, placement, Identity.range(r, -d.yaw(), d.yaw()));
		renderer.draw(g);
		renderer.drawOccluder(g, spec.occluder(), Seeds.random(options.seed(), Seeds.OCCLUSION, spec.index()));
		g.dispose();
		ImageRaster raster = Degradation.apply(image, options.channels(), d, size / 48.0, r);
		FaceRenderer.Placement where = renderer.placement();
		return new Face(spec, raster, intensity, au, geometry, where.box(), where.landmarks());
	}

	static Graphics2D createGraphics(BufferedImage image) {
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
		g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
		g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
		return g;
	}

	/**
	 * Fills {@code au} with the action units of one expression: the prototype at a drawn
	 * intensity, each unit jittered, sometimes one left out, on top of the subject's resting
	 * tension and a few stray units.
	 *
	 * @return the drawn intensity (0 for neutral)
	 */
	public static double expression(ExpressionClass label, Identity face, Difficulty d, SplittableRandom r, double[] au) {
		System.arraycopy(face.resting, 0, au, 0, au.length);
		List<ActionUnit> prototype = ActionUnit.prototype(label);
		double intensity = prototype.isEmpty() ? 0 : Identity.range(r, d.minIntensity(), d.maxIntensity());
		int dropped = prototype.size() > 2 && r.nextDouble() < d.dropProbability() ? r.nextInt(prototype.size()) : -1;
		for (int i = 0; i < prototype.size(); i++) {
			double jitter = Identity.range(r, 1 - d.auJitter(), 1 + d.auJitter() / 2);
			au[prototype.get(i).ordinal()] += (i == dropped ? 0.15 : 1) * intensity * jitter;
		}
		switch (label) {
			case HAPPINESS -> au[ActionUnit.AU25.ordinal()] += r.nextBoolean() ? intensity * Identity.range(r, 0.3, 1) : 0;
			case SURPRISE, FEAR -> au[ActionUnit.AU25.ordinal()] += intensity * Identity.range(r, 0.3, 1);
			case SADNESS -> au[ActionUnit.AU17.ordinal()] += r.nextDouble() < 0.3 ? intensity * Identity.range(r, 0.2, 0.6) : 0;
			case DISGUST -> au[ActionUnit.AU4.ordinal()] += r.nextDouble() < 0.4 ? intensity * Identity.range(r, 0.2, 0.5) : 0;
			default -> {
				// the prototype says it all
			}
		}
		for (int i = 0; i < d.strayUnits(); i++) {
			if (r.nextBoolean()) {
				au[r.nextInt(ActionUnit.COUNT)] += r.nextDouble() * d.strayIntensity();
			}
		}
		return intensity;
	}

	/** A soft, low-contrast background: a gradient and a few blurred shapes, never a flat colour. */
	static void drawBackground(Graphics2D g, int w, int h, SplittableRandom r) {
		Color a = randomColor(r, 40, 220);
		Color b = Identity.jitter(a, r, 60);
		g.setPaint(new GradientPaint((float) (r.nextDouble() * w), 0, a, (float) (r.nextDouble() * w), h, b));
		g.fillRect(0, 0, w, h);
		int shapes = r.nextInt(4);
		for (int i = 0; i < shapes; i++) {
			g.setColor(Identity.jitter(a, r, 50));
			double s = Identity.range(r, 0.2, 0.6) * w;
			if (r.nextBoolean()) {
				g.fill(new Ellipse2D.Double(r.nextDouble() * w - s / 2, r.nextDouble() * h - s / 2, s, s));
			} else {
				g.fill(new Rectangle2D.Double(r.nextDouble() * w - s / 2, r.nextDouble() * h - s / 2, s, s * 0.7));
			}
		}
	}

	static Color randomColor(SplittableRandom r, int min, int max) {
		int base = r.nextInt(min, max);
		return new Color(Identity.clamp(base + r.nextInt(-30, 31)), Identity.clamp(base + r.nextInt(-30, 31)),
				Identity.clamp(base + r.nextInt(-30, 31)));
	}
}
