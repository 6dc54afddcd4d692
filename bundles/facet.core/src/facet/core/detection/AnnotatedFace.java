package facet.core.detection;

import facet.core.FaceBox;

/**
 * One face of a ground-truth annotation.
 *
 * @param box the face in image pixels (score 1; landmarks when the annotation has them)
 * @param ignored true when the annotation itself marks the face as not to be scored (WIDER
 *            FACE's {@code invalid} flag); {@link DetectionEvaluation} also ignores faces
 *            smaller than its minimum size
 */
public record AnnotatedFace(FaceBox box, boolean ignored) {

	public AnnotatedFace {
		if (box == null) {
			throw new IllegalArgumentException("an annotated face needs a box");
		}
	}

	public static AnnotatedFace of(double x1, double y1, double x2, double y2) {
		return new AnnotatedFace(FaceBox.of(x1, y1, x2, y2, 1), false);
	}
}
