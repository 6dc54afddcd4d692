package facet.core.spi;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import facet.core.ImageRaster;
import facet.core.Sample;
import facet.core.data.ClassCounts;
import facet.core.data.SkippedEntry;

/** A labelled set of faces, split as the dataset itself defines. */
public interface Dataset {

	/** Samples by split name ("train", "val", "test" or the dataset's own), in a stable order. */
	Map<String, List<Sample>> splits() throws IOException;

	/**
	 * Loads the pixels of a sample.
	 *
	 * @throws IOException naming the file (and line) and what was expected
	 */
	ImageRaster load(Sample sample) throws IOException;

	/**
	 * Samples per split and canonical class, indexed by {@link facet.core.ExpressionClass#ordinal()}.
	 */
	default Map<String, int[]> classCounts() throws IOException {
		return ClassCounts.of(splits());
	}

	/**
	 * Entries that did not become samples, known once {@link #splits()} has been read: malformed
	 * ones skipped on request and ones excluded by a documented rule, each with its location and
	 * reason, so that a run can record them. Empty by default.
	 */
	default List<SkippedEntry> skipped() {
		return List.of();
	}
}
