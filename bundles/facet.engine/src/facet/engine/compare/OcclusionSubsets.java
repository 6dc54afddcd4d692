package facet.engine.compare;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import facet.core.eval.Prediction;

/**
 * Accuracy of a run on its occluded and on its clean samples. A sample is occluded when the last
 * segment of its id ends in {@code -occ-<kind>} (with or without a file extension), as the
 * synthetic set names the faces it draws an occluder over (and as anyone can name the files of
 * a folder dataset).
 *
 * @param occluded occluded samples
 * @param occludedCorrect occluded samples predicted right
 * @param clean the other samples
 * @param cleanCorrect the other samples predicted right
 */
public record OcclusionSubsets(int occluded, int occludedCorrect, int clean, int cleanCorrect) {

	private static final Pattern OCCLUDED = Pattern.compile("-occ-[A-Za-z0-9_]+(\\.[A-Za-z0-9]+)?$");

	/** Whether a sample id names an occluded face. */
	public static boolean isOccluded(String sampleId) {
		int slash = Math.max(sampleId.lastIndexOf('/'), sampleId.lastIndexOf('\\'));
		return OCCLUDED.matcher(sampleId.substring(slash + 1)).find();
	}

	/** The subsets of predictions; empty when none is occluded (a set without occluders says nothing about them). */
	public static Optional<OcclusionSubsets> of(List<Prediction> predictions) {
		int occluded = 0;
		int occludedCorrect = 0;
		int clean = 0;
		int cleanCorrect = 0;
		for (Prediction p : predictions) {
			if (isOccluded(p.sampleId())) {
				occluded++;
				occludedCorrect += p.correct() ? 1 : 0;
			} else {
				clean++;
				cleanCorrect += p.correct() ? 1 : 0;
			}
		}
		return occluded == 0 ? Optional.empty() : Optional.of(new OcclusionSubsets(occluded, occludedCorrect, clean, cleanCorrect));
	}

	/** Share right among the occluded samples. */
	public double occludedAccuracy() {
		return occluded == 0 ? Double.NaN : (double) occludedCorrect / occluded;
	}

	/** Share right among the clean samples; NaN when every sample is occluded. */
	public double cleanAccuracy() {
		return clean == 0 ? Double.NaN : (double) cleanCorrect / clean;
	}
}
