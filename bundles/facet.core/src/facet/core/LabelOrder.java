package facet.core;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The class orders that datasets and imported models use, mapped to {@link ExpressionClass}.
 * <p>
 * A position holding {@code null} is a label that has no canonical class (AffectNet's
 * contempt and its non-expression codes); readers decide by parameter whether to drop it.
 */
public enum LabelOrder {
	/** FER2013 / FER+ {@code emotion} column: 0 angry … 6 neutral. */
	FER2013(ExpressionClass.ANGER, ExpressionClass.DISGUST, ExpressionClass.FEAR, ExpressionClass.HAPPINESS,
			ExpressionClass.SADNESS, ExpressionClass.SURPRISE, ExpressionClass.NEUTRAL),
	/** RAF-DB basic {@code list_patition_label.txt}: labels 1 surprise … 7 neutral, stored here from index 0. */
	RAF_DB(ExpressionClass.SURPRISE, ExpressionClass.FEAR, ExpressionClass.DISGUST, ExpressionClass.HAPPINESS,
			ExpressionClass.SADNESS, ExpressionClass.ANGER, ExpressionClass.NEUTRAL),
	/** AffectNet expression ids 0 … 10; 7 is contempt, 8 none, 9 uncertain, 10 no face. */
	AFFECTNET(ExpressionClass.NEUTRAL, ExpressionClass.HAPPINESS, ExpressionClass.SADNESS, ExpressionClass.SURPRISE,
			ExpressionClass.FEAR, ExpressionClass.DISGUST, ExpressionClass.ANGER, null, null, null, null),
	/** The face-api.js expression model's output order. */
	FACE_API(ExpressionClass.NEUTRAL, ExpressionClass.HAPPINESS, ExpressionClass.SADNESS, ExpressionClass.ANGER,
			ExpressionClass.FEAR, ExpressionClass.DISGUST, ExpressionClass.SURPRISE),
	/** Facet's own order, for symmetry. */
	CANONICAL(ExpressionClass.values());

	private final ExpressionClass[] classes;

	LabelOrder(ExpressionClass... classes) {
		this.classes = classes;
	}

	/** Number of label positions in this order, including those without a canonical class. */
	public int size() {
		return classes.length;
	}

	/** The canonical class at a position of this order, empty for a position with none. */
	public Optional<ExpressionClass> toCanonical(int index) {
		if (index < 0 || index >= classes.length) {
			throw new IllegalArgumentException(
					name() + " labels are in [0, " + (classes.length - 1) + "], got " + index);
		}
		return Optional.ofNullable(classes[index]);
	}

	/** The position of a canonical class in this order. */
	public int indexOf(ExpressionClass expression) {
		return Arrays.asList(classes).indexOf(expression);
	}

	/**
	 * Reorders a score vector given in this order into the canonical order; positions without
	 * a canonical class are dropped.
	 */
	public float[] toCanonicalScores(float[] scores) {
		if (scores.length != classes.length) {
			throw new IllegalArgumentException(name() + " score vectors have " + classes.length + " entries, got " + scores.length);
		}
		float[] canonical = new float[ExpressionClass.COUNT];
		for (int i = 0; i < classes.length; i++) {
			if (classes[i] != null) {
				canonical[classes[i].ordinal()] = scores[i];
			}
		}
		return canonical;
	}

	/** The classes of this order, position by position ({@code null} where none). */
	public List<ExpressionClass> classes() {
		return Arrays.asList(classes.clone());
	}
}
