package facet.data.synthetic.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.SplittableRandom;

/**
 * Draws one face from its {@link FaceGeometry} with Java 2D, through a placement transform from
 * the canonical face frame to image pixels. A turn of the head (yaw) is imitated by squeezing
 * the head and shifting the inner features towards the turn, more for the nose, which sticks
 * out furthest.
 */
public final class FaceRenderer {

	/** Where a drawn face ended up, in image pixels. */
	public record Placement(Rectangle2D box, Point2D.Double[] landmarks) {
	}

	private final Identity face;
	private final FaceGeometry geometry;
	private final double yaw;
	private final AffineTransform headTransform;
	private final AffineTransform featureTransform;
	private final AffineTransform noseTransform;

	/**
	 * @param placement canonical frame → image pixels
	 * @param yaw turn of the head, -1 … 1 (positive: features move to the image right)
	 */
	public FaceRenderer(Identity face, FaceGeometry geometry, AffineTransform placement, double yaw) {
		this.face = face;
		this.geometry = geometry;
		this.yaw = yaw;
		headTransform = new AffineTransform(placement);
		headTransform.translate(FaceGeometry.CENTER_X, FaceGeometry.CENTER_Y);
		headTransform.scale(1 - 0.14 * Math.abs(yaw), 1);
		headTransform.translate(-FaceGeometry.CENTER_X, -FaceGeometry.CENTER_Y);
		featureTransform = new AffineTransform(headTransform);
		featureTransform.translate(6 * yaw, 0);
		noseTransform = new AffineTransform(headTransform);
		noseTransform.translate(10 * yaw, 0);
	}

	/** The head's box (cheeks to chin, top of the skull) and the five landmarks, in image pixels. */
	public Placement placement() {
		Rectangle2D box = headTransform.createTransformedShape(headOutline()).getBounds2D();
		Point2D.Double[] landmarks = geometry.landmarks();
		for (int i = 0; i < landmarks.length; i++) {
			AffineTransform t = i == 2 ? noseTransform : featureTransform;
			Point2D.Double p = landmarks[i];
			if (i < 2) {
				p = new Point2D.Double(eyeCenterX(i), p.y);
			}
			t.transform(p, landmarks[i]);
		}
		return new Placement(box, landmarks);
	}

	public void draw(Graphics2D g) {
		AffineTransform saved = g.getTransform();
		g.setTransform(concat(saved, headTransform));
		drawBody(g);
		drawHead(g);
		g.setTransform(concat(saved, featureTransform));
		drawBrows(g);
		drawEyes(g);
		drawFolds(g);
		g.setTransform(concat(saved, noseTransform));
		drawNose(g);
		g.setTransform(concat(saved, featureTransform));
		drawMouth(g);
		g.setTransform(concat(saved, headTransform));
		drawHair(g);
		g.setTransform(concat(saved, featureTransform));
		if (face.glasses != 0) {
			drawGlasses(g, face.glassesColor, false);
		}
		g.setTransform(saved);
	}

	/**
	 * Covers part of the face.
	 *
	 * @param r draws where and how
	 */
	public void drawOccluder(Graphics2D g, Occluder occluder, SplittableRandom r) {
		AffineTransform saved = g.getTransform();
		g.setTransform(concat(saved, featureTransform));
		switch (occluder) {
			case HAND -> drawHand(g, r);
			case SCARF -> drawScarf(g, r);
			case SUNGLASSES -> drawGlasses(g, new Color(20 + r.nextInt(30), 20 + r.nextInt(30), 25 + r.nextInt(30)), true);
			case BLOCK -> {
				double w = Identity.range(r, 24, 45);
				double h = Identity.range(r, 20, 40);
				double x = Identity.range(r, 50 - 30, 50 + 30 - w);
				double y = Identity.range(r, 30, 88 - h);
				g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
				g.fill(new Rectangle2D.Double(x, y, w, h));
				g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
				for (int i = 0; i < 3; i++) {
					g.fill(new Rectangle2D.Double(x + r.nextDouble() * w * 0.7, y + r.nextDouble() * h * 0.7, w * 0.3, h * 0.3));
				}
			}
			case NONE -> {
				// nothing covers the face
			}
		}
		g.setTransform(saved);
	}

	private static AffineTransform concat(AffineTransform outer, AffineTransform inner) {
		AffineTransform t = new AffineTransform(outer);
		t.concatenate(inner);
		return t;
	}

	private double eyeCenterX(int side) {
		return geometry.eye[side].x;
	}

	/** Far-side parts look narrower when the head turns. */
	private double sideScale(int side) {
		return 1 + (side == 0 ? 0.18 : -0.18) * yaw;
	}

	Shape headOutline() {
		double cx = FaceGeometry.CENTER_X;
		double cy = FaceGeometry.CENTER_Y;
		double w = geometry.headHalfWidth;
		double top = geometry.headTop;
		double chin = geometry.chinY;
		double jaw = w * (0.55 - 0.3 * geometry.chinTaper);
		Path2D.Double p = new Path2D.Double();
		p.moveTo(cx - w, cy);
		p.curveTo(cx - w, top + 8, cx - w * 0.6, top, cx, top);
		p.curveTo(cx + w * 0.6, top, cx + w, top + 8, cx + w, cy);
		p.curveTo(cx + w, cy + (chin - cy) * 0.55, cx + jaw, chin, cx, chin);
		p.curveTo(cx - jaw, chin, cx - w, cy + (chin - cy) * 0.55, cx - w, cy);
		p.closePath();
		return p;
	}

	private void drawBody(Graphics2D g) {
		double cx = FaceGeometry.CENTER_X;
		g.setColor(face.clothes);
		g.fill(new Ellipse2D.Double(cx - 55, geometry.chinY + 8, 110, 60));
		if (face.hairStyle == 4) {
			g.setColor(face.hair);
			g.fill(new RoundRectangle2D.Double(cx - geometry.headHalfWidth - 6, geometry.headTop - 3, 2 * geometry.headHalfWidth + 12,
					geometry.chinY - geometry.headTop + 12, 30, 20));
		}
		g.setColor(shade(face.skin, 0.8));
		g.fill(new Rectangle2D.Double(cx - geometry.headHalfWidth * 0.48, FaceGeometry.CENTER_Y + 10, geometry.headHalfWidth * 0.96,
				geometry.chinY - FaceGeometry.CENTER_Y + 14));
		for (int side = 0; side < 2; side++) {
			double s = side == 0 ? -1 : 1;
			g.setColor(shade(face.skin, 0.88));
			g.fill(new Ellipse2D.Double(cx + s * geometry.headHalfWidth - 4, face.eyeY - 3, 8, 15));
		}
	}

	private void drawHead(Graphics2D g) {
		Shape head = headOutline();
		double cx = FaceGeometry.CENTER_X;
		float radius = (float) (geometry.chinY - geometry.headTop) * 0.62f;
		g.setPaint(new RadialGradientPaint(new Point2D.Double(cx - 4 * yaw, FaceGeometry.CENTER_Y - 4), radius, new float[] { 0.55f, 1f },
				new Color[] { face.skin, shade(face.skin, 0.78) }, MultipleGradientPaint.CycleMethod.NO_CYCLE));
		g.fill(head);
	}

	private void drawBrows(Graphics2D g) {
		for (int side = 0; side < 2; side++) {
			Point2D.Double[] b = geometry.brow[side];
			double sx = sideScale(side);
			double ex = eyeCenterX(side);
			Point2D.Double inner = scaled(b[0], ex, sx);
			Point2D.Double middle = scaled(b[1], ex, sx);
			Point2D.Double outer = scaled(b[2], ex, sx);
			GeneralPath path = new GeneralPath();
			path.moveTo(inner.x, inner.y);
			quadThrough(path, inner, middle, outer);
			g.setColor(shade(face.hair, 0.85));
			g.setStroke(new BasicStroke((float) geometry.browThickness, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
			g.draw(path);
			// the inner half is thicker, as real brows are
			GeneralPath head = new GeneralPath();
			head.moveTo(inner.x, inner.y + 0.2);
			head.lineTo((inner.x + middle.x) / 2, (inner.y + middle.y) / 2 + 0.2);
			g.setStroke(new BasicStroke((float) (geometry.browThickness * 1.5), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
			g.draw(head);
		}
		if (geometry.glabellaLines > 0) {
			g.setColor(alpha(shade(face.skin, 0.55), geometry.glabellaLines));
			g.setStroke(new BasicStroke(0.7f));
			double y = geometry.brow[0][0].y;
			g.draw(new Line2D.Double(48.5, y - 1, 48.0, y + 4));
			g.draw(new Line2D.Double(51.5, y - 1, 52.0, y + 4));
		}
		double raised = (geometry.brow[0][1].y - (face.eyeY - face.browGap - face.browArch));
		if (raised < -2.5) {
			// forehead lines when the brows go up
			g.setColor(alpha(shade(face.skin, 0.6), Math.min(1, (-raised - 2.5) / 3)));
			g.setStroke(new BasicStroke(0.6f));
			for (int i = 1; i <= 2; i++) {
				double y = geometry.brow[0][1].y - 3.5 * i;
				GeneralPath line = new GeneralPath();
				line.moveTo(38, y + 0.8);
				line.quadTo(50, y - 0.8, 62, y + 0.8);
				g.draw(line);
			}
		}
	}

	private static Point2D.Double scaled(Point2D.Double p, double aroundX, double scale) {
		return new Point2D.Double(aroundX + (p.x - aroundX) * scale, p.y);
	}

	private void drawEyes(Graphics2D g) {
		for (int side = 0; side < 2; side++) {
			double ex = eyeCenterX(side);
			double ey = geometry.eye[side].y;
			double w = geometry.eyeHalfWidth * sideScale(side);
			double s = side == 0 ? -1 : 1;
			// the inner corner sits a little lower than the outer one
			Point2D.Double inner = new Point2D.Double(ex - s * w, ey + 0.4);
			Point2D.Double outer = new Point2D.Double(ex + s * w, ey - 0.3);
			GeneralPath eye = new GeneralPath();
			eye.moveTo(inner.x, inner.y);
			quadThrough(eye, inner, new Point2D.Double(ex, ey - geometry.upperLid), outer);
			quadThrough(eye, outer, new Point2D.Double(ex, ey + geometry.lowerLid), inner);
			eye.closePath();
			// socket shadow and lid crease
			g.setColor(shade(face.skin, 0.82));
			g.fill(new Ellipse2D.Double(ex - w - 1.5, ey - geometry.upperLid - 3.2, 2 * w + 3, geometry.upperLid + 4.5));
			g.setColor(new Color(238, 236, 230));
			g.fill(eye);
			Shape clip = g.getClip();
			g.clip(eye);
			double irisX = ex + 4 * yaw * 0.3;
			g.setColor(face.iris);
			g.fill(new Ellipse2D.Double(irisX - geometry.irisRadius, ey - geometry.irisRadius, 2 * geometry.irisRadius,
					2 * geometry.irisRadius));
			g.setColor(new Color(15, 12, 10));
			double pupil = geometry.irisRadius * 0.5;
			g.fill(new Ellipse2D.Double(irisX - pupil, ey - pupil, 2 * pupil, 2 * pupil));
			g.setClip(clip);
			GeneralPath upper = new GeneralPath();
			upper.moveTo(inner.x, inner.y);
			quadThrough(upper, inner, new Point2D.Double(ex, ey - geometry.upperLid), outer);
			g.setColor(new Color(30, 22, 20));
			g.setStroke(new BasicStroke(1.1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
			g.draw(upper);
			GeneralPath lower = new GeneralPath();
			lower.moveTo(inner.x, inner.y);
			quadThrough(lower, inner, new Point2D.Double(ex, ey + geometry.lowerLid), outer);
			g.setColor(shade(face.skin, 0.55));
			g.setStroke(new BasicStroke(0.5f));
			g.draw(lower);
			if (geometry.crowsFeet > 0) {
				g.setColor(alpha(shade(face.skin, 0.55), geometry.crowsFeet));
				g.setStroke(new BasicStroke(0.5f));
				for (int i = -1; i <= 1; i++) {
					g.draw(new Line2D.Double(outer.x + s * 1.2, outer.y + i * 1.2, outer.x + s * 3.5, outer.y + i * 2.2));
				}
				// the raised cheek below the eye
				GeneralPath cheek = new GeneralPath();
				Point2D.Double a = new Point2D.Double(ex - w, ey + geometry.lowerLid + 2.2);
				Point2D.Double b = new Point2D.Double(ex + w, ey + geometry.lowerLid + 2.2);
				cheek.moveTo(a.x, a.y);
				quadThrough(cheek, a, new Point2D.Double(ex, ey + geometry.lowerLid + 3.4), b);
				g.setStroke(new BasicStroke(0.8f));
				g.draw(cheek);
			}
		}
	}

	private void drawFolds(Graphics2D g) {
		if (geometry.nasolabialFolds <= 0) {
			return;
		}
		g.setColor(alpha(shade(face.skin, 0.6), geometry.nasolabialFolds));
		g.setStroke(new BasicStroke(0.9f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
		for (int side = 0; side < 2; side++) {
			double s = side == 0 ? -1 : 1;
			Point2D.Double from = new Point2D.Double(50 + s * (geometry.nostrilHalfWidth + 1.5), geometry.noseTipY - 1);
			Point2D.Double corner = geometry.mouthCorner[side];
			Point2D.Double to = new Point2D.Double(corner.x + s * 2.5, corner.y + 3);
			GeneralPath fold = new GeneralPath();
			fold.moveTo(from.x, from.y);
			quadThrough(fold, from, new Point2D.Double((from.x + to.x) / 2 + s * 2.2, (from.y + to.y) / 2), to);
			g.draw(fold);
		}
	}

	private void drawNose(Graphics2D g) {
		double tip = geometry.noseTipY;
		double w = geometry.nostrilHalfWidth;
		double side = yaw >= 0 ? -1 : 1;
		g.setColor(shade(face.skin, 0.75));
		g.setStroke(new BasicStroke(0.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
		GeneralPath bridge = new GeneralPath();
		bridge.moveTo(50 + side * 2.5, geometry.noseTopY + 3);
		bridge.quadTo(50 + side * 2.8, tip - 6, 50 + side * 3.5, tip - 2);
		g.draw(bridge);
		g.setColor(shade(face.skin, 0.85));
		g.fill(new Ellipse2D.Double(50 - w * 0.75, tip - 3.5, w * 1.5, 4.5));
		g.setColor(shade(face.skin, 0.6));
		g.setStroke(new BasicStroke(0.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
		for (int i = 0; i < 2; i++) {
			double s = i == 0 ? -1 : 1;
			GeneralPath wing = new GeneralPath();
			wing.moveTo(50 + s * w * 0.55, tip - 3.5);
			wing.quadTo(50 + s * (w + 0.8), tip - 1, 50 + s * w * 0.6, tip + 0.8);
			g.draw(wing);
		}
		g.setColor(new Color(40, 25, 22));
		g.fill(new Ellipse2D.Double(50 - w * 0.55, tip - 0.2, w * 0.4, 1.4));
		g.fill(new Ellipse2D.Double(50 + w * 0.15, tip - 0.2, w * 0.4, 1.4));
		if (geometry.noseWrinkles > 0) {
			g.setColor(alpha(shade(face.skin, 0.5), geometry.noseWrinkles));
			g.setStroke(new BasicStroke(0.6f));
			for (int i = 0; i < 3; i++) {
				double y = face.eyeY + 1 + 2 * i;
				GeneralPath line = new GeneralPath();
				line.moveTo(46.5, y + 0.6);
				line.quadTo(50, y - 0.8, 53.5, y + 0.6);
				g.draw(line);
			}
		}
	}

	private void drawMouth(Graphics2D g) {
		Point2D.Double left = geometry.mouthCorner[0];
		Point2D.Double right = geometry.mouthCorner[1];
		if (face.moustache) {
			GeneralPath m = new GeneralPath();
			Point2D.Double a = new Point2D.Double(left.x + 0.5, left.y - 0.5);
			Point2D.Double b = new Point2D.Double(right.x - 0.5, right.y - 0.5);
			m.moveTo(a.x, a.y);
			quadThrough(m, a, new Point2D.Double(50, geometry.upperLipTopY - 1.6), b);
			g.setColor(face.hair);
			g.setStroke(new BasicStroke(2.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
			g.draw(m);
		}
		GeneralPath outer = new GeneralPath();
		outer.moveTo(left.x, left.y);
		Point2D.Double bowLeft = new Point2D.Double(48.3, geometry.upperLipTopY);
		Point2D.Double bowRight = new Point2D.Double(51.7, geometry.upperLipTopY);
		outer.quadTo((left.x + bowLeft.x) / 2, geometry.upperLipTopY + 0.3, bowLeft.x, bowLeft.y);
		outer.lineTo(50, geometry.upperLipTopY + 0.6);
		outer.lineTo(bowRight.x, bowRight.y);
		outer.quadTo((right.x + bowRight.x) / 2, geometry.upperLipTopY + 0.3, right.x, right.y);
		quadThrough(outer, right, new Point2D.Double(50, geometry.lowerLipBottomY), left);
		outer.closePath();
		g.setColor(face.lips);
		g.fill(outer);

		GeneralPath cavity = new GeneralPath();
		cavity.moveTo(left.x, left.y);
		quadThrough(cavity, left, new Point2D.Double(50, geometry.upperLipInnerY), right);
		quadThrough(cavity, right, new Point2D.Double(50, geometry.lowerLipInnerY), left);
		cavity.closePath();
		if (geometry.mouthOpening() > 0.9) {
			g.setColor(new Color(45, 18, 20));
			g.fill(cavity);
			if (geometry.teeth > 0) {
				Shape clip = g.getClip();
				g.clip(cavity);
				g.setColor(new Color(235, 232, 220));
				double h = Math.min(3.0, geometry.mouthOpening() * 0.45) * geometry.teeth;
				g.fill(new Rectangle2D.Double(left.x, geometry.upperLipInnerY - 3, right.x - left.x, 3 + h));
				g.setClip(clip);
			}
		}
		GeneralPath line = new GeneralPath();
		line.moveTo(left.x, left.y);
		quadThrough(line, left, new Point2D.Double(50, geometry.upperLipInnerY), right);
		g.setColor(new Color(60, 28, 28));
		g.setStroke(new BasicStroke(0.9f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
		g.draw(line);
		if (geometry.chinBoss > 0) {
			g.setColor(alpha(shade(face.skin, 0.6), geometry.chinBoss));
			g.setStroke(new BasicStroke(0.7f));
			GeneralPath boss = new GeneralPath();
			double y = geometry.lowerLipBottomY + 2.5;
			boss.moveTo(45, y + 1);
			boss.quadTo(50, y - 1.5, 55, y + 1);
			g.draw(boss);
		}
	}

	private void drawHair(Graphics2D g) {
		if (face.hairStyle == 0) {
			return;
		}
		double cx = FaceGeometry.CENTER_X;
		double w = geometry.headHalfWidth + 1.5;
		double top = geometry.headTop - 3;
		Area cap = new Area(new Ellipse2D.Double(cx - w, top, 2 * w, (FaceGeometry.CENTER_Y - top) * 2));
		double line = face.hairline + (face.hairStyle == 2 ? 7 : 0);
		Path2D.Double cut = new Path2D.Double();
		cut.moveTo(0, 0);
		cut.lineTo(100, 0);
		if (face.hairStyle == 3) {
			cut.lineTo(100, line + 10);
			cut.quadTo(cx + 10, line - 4, cx - 12, line + 2);
			cut.quadTo(cx - w, line + 2, 0, line + 14);
		} else {
			cut.lineTo(100, line + 14);
			cut.quadTo(cx + w, line, cx, line);
			cut.quadTo(cx - w, line, 0, line + 14);
		}
		cut.closePath();
		cap.intersect(new Area(cut));
		g.setColor(face.hair);
		g.fill(cap);
	}

	private void drawGlasses(Graphics2D g, Color frame, boolean dark) {
		double r = Math.max(face.eyeHalfWidth + 2.5, 8);
		g.setStroke(new BasicStroke(dark ? 1.6f : 1.0f));
		for (int side = 0; side < 2; side++) {
			double ex = eyeCenterX(side);
			double ey = face.eyeY;
			double sx = sideScale(side);
			Shape lens = face.glasses == 2 || (dark && side >= 0 && face.id % 2 == 0)
					? new RoundRectangle2D.Double(ex - r * sx, ey - r * 0.7, 2 * r * sx, r * 1.4, 4, 4)
					: new Ellipse2D.Double(ex - r * sx, ey - r * 0.75, 2 * r * sx, r * 1.5);
			if (dark) {
				g.setColor(alpha(frame, 0.95));
				g.fill(lens);
			}
			g.setColor(frame);
			g.draw(lens);
			double s = side == 0 ? -1 : 1;
			g.draw(new Line2D.Double(ex + s * r * sx, ey - 1, 50 + s * (geometry.headHalfWidth + 1), ey - 2));
		}
		GeneralPath bridge = new GeneralPath();
		bridge.moveTo(eyeCenterX(0) + r * sideScale(0), face.eyeY - 1);
		bridge.quadTo(50, face.eyeY - 3, eyeCenterX(1) - r * sideScale(1), face.eyeY - 1);
		g.draw(bridge);
	}

	private void drawHand(Graphics2D g, SplittableRandom r) {
		Color skin = Identity.jitter(face.skin, r, 20);
		boolean overMouth = r.nextBoolean();
		double cx = overMouth ? Identity.range(r, 40, 60) : (r.nextBoolean() ? 34 : 66);
		double cy = overMouth ? Identity.range(r, 74, 82) : Identity.range(r, 50, 58);
		double angle = Math.toRadians(Identity.range(r, -40, 40));
		AffineTransform saved = g.getTransform();
		g.translate(cx, cy);
		g.rotate(angle);
		g.setColor(skin);
		g.fill(new RoundRectangle2D.Double(-11, -4, 22, 26, 10, 10));
		for (int i = 0; i < 4; i++) {
			double length = 16 + (i == 1 || i == 2 ? 3 : 0);
			g.fill(new RoundRectangle2D.Double(-11 + i * 5.6, -4 - length, 5.2, length + 4, 5, 5));
		}
		g.fill(new RoundRectangle2D.Double(9, -2, 6, 16, 5, 5));
		g.setColor(shade(skin, 0.7));
		g.setStroke(new BasicStroke(0.5f));
		for (int i = 1; i < 4; i++) {
			g.draw(new Line2D.Double(-11 + i * 5.6 - 0.2, -18, -11 + i * 5.6 - 0.2, -2));
		}
		g.setTransform(saved);
	}

	private void drawScarf(Graphics2D g, SplittableRandom r) {
		Color base = new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256));
		double top = Identity.range(r, geometry.noseTipY - 2, geometry.mouthCorner[0].y + 1);
		Area scarf = new Area(new Rectangle2D.Double(0, top, 100, 100 - top));
		GeneralPath edge = new GeneralPath();
		edge.moveTo(0, top + 10);
		edge.quadTo(50, top - 6, 100, top + 10);
		edge.lineTo(100, 100);
		edge.lineTo(0, 100);
		edge.closePath();
		scarf.intersect(new Area(edge));
		g.setColor(base);
		g.fill(scarf);
		g.setColor(shade(base, 0.6));
		g.setStroke(new BasicStroke(1.2f));
		Shape clip = g.getClip();
		g.clip(scarf);
		int stripes = r.nextInt(4);
		for (int i = 0; i < stripes; i++) {
			double y = top + 4 + i * 6;
			g.draw(new Line2D.Double(0, y, 100, y + 3));
		}
		g.setClip(clip);
	}

	/** Adds a quadratic segment from {@code from} (the current point) to {@code to} that passes through {@code through} at its middle. */
	static void quadThrough(Path2D path, Point2D.Double from, Point2D.Double through, Point2D.Double to) {
		double cx = 2 * through.x - (from.x + to.x) / 2;
		double cy = 2 * through.y - (from.y + to.y) / 2;
		path.quadTo(cx, cy, to.x, to.y);
	}

	static Color shade(Color c, double factor) {
		return new Color(Identity.clamp((int) Math.round(c.getRed() * factor)), Identity.clamp((int) Math.round(c.getGreen() * factor)),
				Identity.clamp((int) Math.round(c.getBlue() * factor)));
	}

	static Color alpha(Color c, double alpha) {
		return new Color(c.getRed(), c.getGreen(), c.getBlue(), Identity.clamp((int) Math.round(255 * Math.max(0, Math.min(1, alpha)))));
	}
}
