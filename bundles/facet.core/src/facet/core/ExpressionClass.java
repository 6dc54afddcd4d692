package facet.core;

import java.util.Locale;
import java.util.Optional;

/**
 * The seven expression classes in Facet's one canonical order.
 * <p>
 * Every tensor of class scores, confusion matrix and label file inside Facet uses this order
 * (the ordinal is the class index). Datasets and imported models that use another order go
 * through a {@link LabelOrder}.
 */
public enum ExpressionClass {
	ANGER, DISGUST, FEAR, HAPPINESS, NEUTRAL, SADNESS, SURPRISE;

	/** Number of classes; the length of every probability vector. */
	public static final int COUNT = values().length;

	/** The lower-case name used in JSON, CSV and on screen: {@code "anger"} … {@code "surprise"}. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The class at a canonical index. */
	public static ExpressionClass ofIndex(int index) {
		if (index < 0 || index >= COUNT) {
			throw new IllegalArgumentException("expression class index must be in [0, " + (COUNT - 1) + "], got " + index);
		}
		return values()[index];
	}

	/**
	 * The most probable class of a score vector in canonical order; on a tie the lower index, as
	 * Facet's evaluation counts it.
	 */
	public static ExpressionClass mostProbable(float[] probabilities) {
		if (probabilities.length != COUNT) {
			throw new IllegalArgumentException("a score vector has " + COUNT + " entries, got " + probabilities.length);
		}
		int best = 0;
		for (int i = 1; i < COUNT; i++) {
			if (probabilities[i] > probabilities[best]) {
				best = i;
			}
		}
		return values()[best];
	}

	/**
	 * Finds a class by its label or by a common synonym used by datasets and folder names
	 * ("angry", "happy", "sad", "surprised", "fearful", "disgusted", "neutrality" …), ignoring case.
	 */
	public static Optional<ExpressionClass> fromName(String name) {
		if (name == null) {
			return Optional.empty();
		}
		String key = name.trim().toLowerCase(Locale.ROOT);
		return Optional.ofNullable(switch (key) {
			case "anger", "angry", "an" -> ANGER;
			case "disgust", "disgusted", "di" -> DISGUST;
			case "fear", "fearful", "afraid", "scared", "fe" -> FEAR;
			case "happiness", "happy", "joy", "ha" -> HAPPINESS;
			case "neutral", "neutrality", "calm", "ne" -> NEUTRAL;
			case "sadness", "sad", "sa" -> SADNESS;
			case "surprise", "surprised", "su" -> SURPRISE;
			default -> null;
		});
	}
}
