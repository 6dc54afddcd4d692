package facet.data.synthetic.internal;

import java.awt.geom.Point2D;

/**
 * Where the parts of one face are, in the canonical face frame (a 100 × 100 square, the head
 * centred at (50, 52), y down), given an identity and the intensities of the action units.
 * Each action unit moves the parts FACS says it moves; the renderer only draws what this
 * computes, so the tests can check the geometry of every expression without looking at
 * pixels. Sides are indexed 0 for the image-left part, 1 for the image-right one.
 */
public final class FaceGeometry {

	public static final double CENTER_X = 50;
	public static final double CENTER_Y = 52;

	public final double headHalfWidth;
	public final double headTop;
	public final double chinY;
	public final double chinTaper;

	/** Brow points per side: inner, middle, outer. */
	public final Point2D.Double[][] brow = new Point2D.Double[2][3];
	public final double browThickness;

	public final Point2D.Double[] eye = new Point2D.Double[2];
	public final double eyeHalfWidth;
	/** How far the upper lid rises above the eye's centre line. */
	public final double upperLid;
	/** How far the lower lid falls below it. */
	public final double lowerLid;
	public final double irisRadius;

	public final double noseTopY;
	public final double noseTipY;
	public final double nostrilHalfWidth;

	public final Point2D.Double[] mouthCorner = new Point2D.Double[2];
	public final double upperLipTopY;
	public final double upperLipInnerY;
	public final double lowerLipInnerY;
	public final double lowerLipBottomY;

	/** Depth of folds and wrinkles, 0 (none) to about 1. */
	public final double glabellaLines;
	public final double noseWrinkles;
	public final double nasolabialFolds;
	public final double crowsFeet;
	public final double chinBoss;
	public final double teeth;

	/**
	 * @param face the person
	 * @param au intensity per {@link ActionUnit} ordinal, 0 (absent) to about 1 (full)
	 */
	public FaceGeometry(Identity face, double[] au) {
		double au1 = au[ActionUnit.AU1.ordinal()];
		double au2 = au[ActionUnit.AU2.ordinal()];
		double au4 = au[ActionUnit.AU4.ordinal()];
		double au5 = au[ActionUnit.AU5.ordinal()];
		double au6 = au[ActionUnit.AU6.ordinal()];
		double au7 = au[ActionUnit.AU7.ordinal()];
		double au9 = au[ActionUnit.AU9.ordinal()];
		double au10 = au[ActionUnit.AU10.ordinal()];
		double au12 = au[ActionUnit.AU12.ordinal()];
		double au15 = au[ActionUnit.AU15.ordinal()];
		double au17 = au[ActionUnit.AU17.ordinal()];
		double au20 = au[ActionUnit.AU20.ordinal()];
		double au23 = au[ActionUnit.AU23.ordinal()];
		double au25 = au[ActionUnit.AU25.ordinal()];
		double au26 = au[ActionUnit.AU26.ordinal()];

		headHalfWidth = face.headHalfWidth;
		headTop = CENTER_Y - face.headHalfHeight;
		chinY = CENTER_Y + face.headHalfHeight + 5.5 * au26 + 1.5 * au25 - 1.0 * au17;
		chinTaper = face.chinTaper;

		// brows: AU1 lifts the inner end, AU2 the outer end, AU4 pulls both down and together; AU9 drags them down a little
		double browBaseY = face.eyeY - face.browGap;
		double innerX = 4.0 - 1.6 * au4;
		double innerY = browBaseY - 5.0 * au1 + 3.2 * au4 + 1.2 * au9 + 0.8 * au7 - 1.0 * au2;
		double middleY = browBaseY - face.browArch - 2.5 * au1 - 3.5 * au2 + 2.0 * au4 + 0.8 * au9 + 0.8 * au7;
		double outerY = browBaseY - 0.5 * face.browArch - 4.0 * au2 + 1.0 * au4 + 0.6 * au1 + 0.4 * au9;
		double outerX = innerX + 2 * face.browHalfLength;
		for (int side = 0; side < 2; side++) {
			double s = side == 0 ? -1 : 1;
			brow[side][0] = new Point2D.Double(CENTER_X + s * innerX, innerY);
			brow[side][1] = new Point2D.Double(CENTER_X + s * (innerX + face.browHalfLength), middleY);
			brow[side][2] = new Point2D.Double(CENTER_X + s * outerX, outerY);
			eye[side] = new Point2D.Double(CENTER_X + s * face.eyeSpacing, face.eyeY);
		}
		browThickness = face.browThickness * (1 + 0.25 * au4);

		// lids: AU5 opens wide, AU7 tightens both lids, AU6 pushes the lower lid up (the smiling squint), AU4 hoods the upper lid
		eyeHalfWidth = face.eyeHalfWidth * (1 + 0.05 * au20 - 0.04 * au7);
		upperLid = Math.max(0.25, face.eyeHalfHeight * (1 + 0.9 * au5 - 0.45 * au7 - 0.25 * au6 - 0.2 * au4 - 0.15 * au9));
		lowerLid = Math.max(0.2, face.eyeHalfHeight * (1 + 0.25 * au5 - 0.5 * au7 - 0.6 * au6 - 0.2 * au9));
		irisRadius = face.irisRadius;

		// nose: AU9 wrinkles the bridge and lifts and flares the wings; AU10 lifts them a little
		noseTopY = face.eyeY - 2;
		noseTipY = face.noseTipY - 1.8 * au9 - 0.6 * au10;
		nostrilHalfWidth = face.noseHalfWidth * (1 + 0.25 * au9 + 0.1 * au10 + 0.05 * au12);

		// mouth corners: AU12 pulls up and out, AU15 down, AU20 sideways, AU23 together; AU17 pushes them down a little
		double cornerX = face.mouthHalfWidth * (1 + 0.28 * au12 + 0.35 * au20 - 0.25 * au23 - 0.05 * au17 - 0.08 * au26);
		double cornerY = face.mouthY - 4.8 * au12 + 4.2 * au15 + 1.0 * au20 + 1.2 * au17 - 0.8 * au10 + 1.0 * au26;
		mouthCorner[0] = new Point2D.Double(CENTER_X - cornerX, cornerY);
		mouthCorner[1] = new Point2D.Double(CENTER_X + cornerX, cornerY);

		// lips: AU10 raises the upper lip, AU17 pushes the lower one up, AU23 thins both, AU25/26 part them, AU20 stretches them thin
		double thin = 1 - 0.55 * au23 - 0.3 * au20;
		double opening = 8.0 * au26 + 2.2 * au25 + 1.8 * au10 + 0.8 * au20 * au26 + 1.2 * au12 * au25;
		upperLipInnerY = face.mouthY - 0.2 - 2.6 * au10 - 0.4 * au12 * au25;
		upperLipTopY = upperLipInnerY - face.upperLip * thin - 0.4 * au10;
		lowerLipInnerY = upperLipInnerY + 0.4 + opening - 2.2 * au17 + 2.6 * au10;
		lowerLipBottomY = lowerLipInnerY + face.lowerLip * thin * (1 + 0.25 * au17);

		glabellaLines = clamp01(1.3 * au4 + 0.4 * au9 - 0.3);
		noseWrinkles = clamp01(1.3 * au9 - 0.15);
		nasolabialFolds = clamp01(0.15 + 0.7 * au12 + 0.6 * au10 + 0.5 * au9 + 0.3 * au6);
		crowsFeet = clamp01(1.2 * au6 - 0.3);
		chinBoss = clamp01(1.2 * au17 - 0.2);
		teeth = clamp01((lowerLipInnerY - upperLipInnerY - 1.2) / 3);
	}

	/** The five landmarks in {@link facet.core.FaceBox.Landmark} order, in the canonical frame. */
	public Point2D.Double[] landmarks() {
		return new Point2D.Double[] { (Point2D.Double) eye[0].clone(), (Point2D.Double) eye[1].clone(),
				new Point2D.Double(CENTER_X, noseTipY), (Point2D.Double) mouthCorner[0].clone(),
				(Point2D.Double) mouthCorner[1].clone() };
	}

	/** Height of the visible eye opening. */
	public double eyeOpening() {
		return upperLid + lowerLid;
	}

	/** Gap between the lips at the centre. */
	public double mouthOpening() {
		return lowerLipInnerY - upperLipInnerY;
	}

	/** How far the mouth corners sit above the lips' centre line (positive: a smile). */
	public double cornerLift() {
		return (upperLipInnerY + lowerLipInnerY) / 2 - mouthCorner[0].y;
	}

	private static double clamp01(double v) {
		return Math.max(0, Math.min(1, v));
	}
}
