package facet.data.synthetic.internal;

import java.awt.Color;
import java.util.SplittableRandom;

/**
 * One synthetic person: the parameters of face, hair and accessories that stay the same in
 * every image of the subject, and a resting tension of a few action units (some faces look
 * a little sad or angry at rest), which is what makes a subtle expression hard to tell from
 * neutral. Lengths are in the canonical face frame of {@link FaceGeometry}.
 */
public final class Identity {

	public final int id;
	public final double headHalfWidth;
	public final double headHalfHeight;
	/** 0 round chin … 1 pointed chin. */
	public final double chinTaper;
	public final Color skin;
	/** 0 none, 1 short, 2 fringe, 3 side parting, 4 long. */
	public final int hairStyle;
	public final Color hair;
	public final double hairline;
	public final double eyeY;
	public final double eyeSpacing;
	public final double eyeHalfWidth;
	public final double eyeHalfHeight;
	public final double irisRadius;
	public final Color iris;
	public final double browGap;
	public final double browThickness;
	public final double browHalfLength;
	public final double browArch;
	public final double noseTipY;
	public final double noseHalfWidth;
	public final double mouthY;
	public final double mouthHalfWidth;
	public final double upperLip;
	public final double lowerLip;
	public final Color lips;
	/** 0 none, 1 round, 2 rectangular. */
	public final int glasses;
	public final Color glassesColor;
	public final boolean moustache;
	public final Color clothes;
	/** Resting intensity per {@link ActionUnit} ordinal. */
	public final double[] resting;

	private Identity(int id, SplittableRandom r, Difficulty difficulty) {
		this.id = id;
		headHalfWidth = range(r, 29, 35);
		headHalfHeight = range(r, 37, 43);
		chinTaper = range(r, 0.1, 0.8);
		double tone = r.nextDouble();
		skin = mix(new Color(246, 214, 190), new Color(92, 62, 45), tone, r, 12);
		hairStyle = r.nextInt(10) < 1 ? 0 : 1 + r.nextInt(4);
		Color[] hairs = { new Color(25, 20, 18), new Color(70, 45, 30), new Color(120, 85, 50), new Color(200, 170, 110),
				new Color(150, 150, 150), new Color(130, 60, 30) };
		hair = jitter(hairs[r.nextInt(hairs.length)], r, 12);
		hairline = range(r, 20, 28);
		eyeY = range(r, 45, 49);
		eyeSpacing = range(r, 11.5, 14.5);
		eyeHalfWidth = range(r, 5.2, 6.8);
		eyeHalfHeight = range(r, 2.4, 3.3);
		irisRadius = eyeHalfHeight * range(r, 0.85, 1.05);
		Color[] irises = { new Color(60, 40, 25), new Color(90, 60, 35), new Color(70, 110, 150), new Color(90, 120, 80) };
		iris = irises[r.nextInt(irises.length)];
		browGap = range(r, 7.5, 10);
		browThickness = range(r, 1.3, 2.8);
		browHalfLength = range(r, 6.5, 8.5);
		browArch = range(r, 0.3, 2.2);
		noseTipY = range(r, 60, 64);
		noseHalfWidth = range(r, 4.2, 6.5);
		mouthY = range(r, 71, 75);
		mouthHalfWidth = range(r, 8.5, 11.5);
		upperLip = range(r, 1.4, 2.6);
		lowerLip = range(r, 1.8, 3.4);
		lips = mix(new Color(200, 110, 110), new Color(110, 55, 50), tone, r, 10);
		double g = r.nextDouble();
		glasses = g < 0.12 ? 1 : g < 0.22 ? 2 : 0;
		glassesColor = jitter(new Color(40, 35, 30), r, 30);
		moustache = r.nextInt(12) == 0;
		clothes = new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256));
		resting = new double[ActionUnit.COUNT];
		for (int i = 0; i < difficulty.strayUnits(); i++) {
			resting[r.nextInt(ActionUnit.COUNT)] += range(r, 0, difficulty.strayIntensity() * 0.6);
		}
	}

	/** The subject {@code id} of a dataset whose generator is seeded with {@code seed}. */
	public static Identity of(long seed, int id, Difficulty difficulty) {
		return new Identity(id, Seeds.random(seed, Seeds.IDENTITY, id), difficulty);
	}

	static double range(SplittableRandom r, double from, double to) {
		return from + (to - from) * r.nextDouble();
	}

	private static Color mix(Color a, Color b, double t, SplittableRandom r, int spread) {
		return jitter(new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
				(int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
				(int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t)), r, spread);
	}

	static Color jitter(Color c, SplittableRandom r, int spread) {
		return new Color(clamp(c.getRed() + r.nextInt(-spread, spread + 1)), clamp(c.getGreen() + r.nextInt(-spread, spread + 1)),
				clamp(c.getBlue() + r.nextInt(-spread, spread + 1)));
	}

	static int clamp(int v) {
		return Math.max(0, Math.min(255, v));
	}
}
