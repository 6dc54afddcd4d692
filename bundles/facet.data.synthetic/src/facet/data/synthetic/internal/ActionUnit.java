package facet.data.synthetic.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import facet.core.ExpressionClass;

/**
 * The facial action units (Ekman and Friesen's FACS) the generator can move, and the
 * prototypes of the seven expressions built from them (the EMFACS-style combinations).
 */
public enum ActionUnit {
	/** Inner brow raiser. */
	AU1,
	/** Outer brow raiser. */
	AU2,
	/** Brow lowerer. */
	AU4,
	/** Upper lid raiser. */
	AU5,
	/** Cheek raiser. */
	AU6,
	/** Lid tightener. */
	AU7,
	/** Nose wrinkler. */
	AU9,
	/** Upper lip raiser. */
	AU10,
	/** Lip corner puller. */
	AU12,
	/** Lip corner depressor. */
	AU15,
	/** Chin raiser. */
	AU17,
	/** Lip stretcher. */
	AU20,
	/** Lip tightener. */
	AU23,
	/** Lips part. */
	AU25,
	/** Jaw drop. */
	AU26;

	public static final int COUNT = values().length;

	private static final Map<ExpressionClass, List<ActionUnit>> PROTOTYPES = new EnumMap<>(ExpressionClass.class);

	static {
		PROTOTYPES.put(ExpressionClass.HAPPINESS, List.of(AU6, AU12));
		PROTOTYPES.put(ExpressionClass.SADNESS, List.of(AU1, AU4, AU15));
		PROTOTYPES.put(ExpressionClass.ANGER, List.of(AU4, AU5, AU7, AU23));
		PROTOTYPES.put(ExpressionClass.SURPRISE, List.of(AU1, AU2, AU5, AU26));
		PROTOTYPES.put(ExpressionClass.FEAR, List.of(AU1, AU2, AU4, AU5, AU20, AU26));
		PROTOTYPES.put(ExpressionClass.DISGUST, List.of(AU9, AU10, AU17));
		PROTOTYPES.put(ExpressionClass.NEUTRAL, List.of());
	}

	/** The action units of an expression's prototype; empty for neutral. */
	public static List<ActionUnit> prototype(ExpressionClass expression) {
		return PROTOTYPES.get(expression);
	}
}
