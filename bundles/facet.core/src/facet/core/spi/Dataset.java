package facet.core.spi;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import facet.core.ImageRaster;
import facet.core.Sample;

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
}
