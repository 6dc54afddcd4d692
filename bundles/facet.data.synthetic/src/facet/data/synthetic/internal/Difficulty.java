package facet.data.synthetic.internal;

import java.util.Locale;

/**
 * How far the generator strays from clean, full-intensity, frontal faces. Each level widens
 * every range at once; {@link #DEFAULT} is meant to be hard for a linear model on pixels and
 * still learnable by a small network.
 *
 * @param minIntensity lowest expression intensity (0 is neutral); subtle expressions overlap neutral
 * @param maxIntensity highest expression intensity
 * @param auJitter relative spread of each action unit around the drawn intensity
 * @param dropProbability chance that one action unit of the prototype is left out
 * @param strayUnits how many unrelated action units may fire weakly
 * @param strayIntensity the most such a stray unit fires
 * @param rotationDegrees largest in-plane rotation either way
 * @param yaw largest out-of-plane turn either way (1 would be a profile)
 * @param scaleSpread relative spread of the face's size
 * @param shift largest shift as a share of the image side
 * @param lighting largest strength of the lighting gradient
 * @param blurSigma largest Gaussian blur, in pixels of a 48-pixel face
 * @param noiseSigma largest Gaussian pixel noise, in gray levels
 * @param jpegProbability chance of a JPEG round trip
 * @param jpegMinQuality lowest JPEG quality (0 to 1)
 */
public record Difficulty(String name, double minIntensity, double maxIntensity, double auJitter, double dropProbability,
		int strayUnits, double strayIntensity, double rotationDegrees, double yaw, double scaleSpread, double shift,
		double lighting, double blurSigma, double noiseSigma, double jpegProbability, double jpegMinQuality) {

	public static final Difficulty EASY = new Difficulty("easy", 0.65, 1.0, 0.1, 0.0, 0, 0.0, 5, 0.08, 0.05, 0.02, 0.15, 0.3,
			2, 0.2, 0.6);
	public static final Difficulty DEFAULT = new Difficulty("default", 0.15, 1.0, 0.3, 0.25, 2, 0.3, 14, 0.3, 0.12, 0.05,
			0.4, 0.8, 6, 0.5, 0.25);
	public static final Difficulty HARD = new Difficulty("hard", 0.05, 0.9, 0.45, 0.4, 3, 0.45, 22, 0.45, 0.18, 0.08, 0.6,
			1.2, 11, 0.8, 0.1);

	/** The level named {@code easy}, {@code default} or {@code hard}. */
	public static Difficulty parse(String name) {
		return switch (name.trim().toLowerCase(Locale.ROOT)) {
			case "easy" -> EASY;
			case "default" -> DEFAULT;
			case "hard" -> HARD;
			default -> throw new IllegalArgumentException("difficulty must be easy, default or hard, got \"" + name + "\"");
		};
	}
}
