package facet.engine.report;

import java.util.List;
import java.util.Optional;

import facet.engine.heatmap.FaceAttentionStudy;
import facet.engine.heatmap.ModuleMaps;

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

	/**
	 * The measured faces of one run; {@code map} names the map (e.g. {@code gradcam-stage3});
	 * {@code modules} holds each attention module's maps of the same faces in forward order
	 * (empty for a model without attention modules).
	 */
	public record FaceAttention(String run, String map, List<FaceAttentionStudy.Measured> measured, List<ModuleMaps> modules) {

		public FaceAttention {
			measured = List.copyOf(measured);
			modules = List.copyOf(modules);
			for (ModuleMaps m : modules) {
				if (m.maps().size() != measured.size()) {
					throw new IllegalArgumentException("module " + m.name() + " has maps of " + m.maps().size() + " faces, the study " + measured.size());
				}
			}
		}

		/** Grad-CAM maps alone, no attention modules. */
		public FaceAttention(String run, String map, List<FaceAttentionStudy.Measured> measured) {
			this(run, map, measured, List.of());
		}
	}

	public ReportExtras {
		faceAttention = List.copyOf(faceAttention);
	}
}
