package facet.core.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import facet.core.Progress;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;

/**
 * Implemented by a dataset factory that can write its samples to files, so that the command
 * line and the workbench can export a generated or converted dataset through the registry
 * without importing the module's bundle.
 * <p>
 * The formats are exactly those the dataset readers read:
 * <ul>
 * <li>{@value #FER2013}: one {@code fer2013.csv} with the header {@code emotion,pixels,Usage},
 * {@code emotion} in {@link facet.core.LabelOrder#FER2013} numbering, {@code Usage} one of
 * {@code Training} (train), {@code PublicTest} (val), {@code PrivateTest} (test), and
 * {@code pixels} 48×48 gray values separated by single spaces;</li>
 * <li>{@value #IMAGE_FOLDER}: {@code train|val|test/<class label>/<name>.png}, the class folder
 * named by {@link facet.core.ExpressionClass#label()};</li>
 * <li>{@value #SCENES}: whole images with several faces for detectors, under {@code images/},
 * with one annotation row per face (box and five landmarks in image pixels) in
 * {@code annotations.tsv}.</li>
 * </ul>
 */
public interface DatasetWriter {

	/** FER2013 CSV. */
	String FER2013 = "fer2013";
	/** Split / class / image folders. */
	String IMAGE_FOLDER = "imagefolder";
	/** Scenes with face boxes and landmarks, for detectors. */
	String SCENES = "scenes";

	/** The formats this writer supports, among {@link #FER2013}, {@link #IMAGE_FOLDER}, {@link #SCENES}. */
	List<String> formats();

	/**
	 * Writes the dataset the settings describe into {@code out} (created if missing).
	 *
	 * @param settings validated settings of this module
	 * @param out the folder to write into
	 * @param format one of {@link #formats()}
	 * @param progress reports per written image and is asked for cancellation
	 * @throws ModuleException for a format or settings this writer cannot honour, naming what was expected
	 * @throws IOException naming the file that could not be written
	 */
	void write(ModuleSettings settings, Path out, String format, Progress progress) throws ModuleException, IOException;
}
