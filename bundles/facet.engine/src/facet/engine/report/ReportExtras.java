package facet.engine.report;

import java.util.List;
import java.util.Optional;

import facet.engine.heatmap.FaceAttentionStudy;

/**
 * What a report shows beside the runs' own files: a detector comparison and, per run, the
 * attention-on-face study over a set of faces with landmarks.
 *
 * @param detectors the table of {@code facet detect-compare}, if given
 * @param faceSet what the faces are (e.g. the annotation file), for the report's text
 * @param faceAttention one study per run, in the comparison's run order
 */
public record ReportExtras(Optional<DetectorComparison> detectors, String faceSet, List<FaceAttention> faceAttention) {

	/** No detector table, no face study. */
	public static final ReportExtras NONE = new ReportExtras(Optional.empty(), "", List.of());

	/** The measured faces of one run; {@code map} names the map (e.g. {@code gradcam-stage3}). */
	public record FaceAttention(String run, String map, List<FaceAttentionStudy.Measured> measured) {

		public FaceAttention {
			measured = List.copyOf(measured);
		}
	}

	public ReportExtras {
		faceAttention = List.copyOf(faceAttention);
	}
}
