package facet.core.spi;

import java.io.IOException;
import java.nio.file.Path;

import facet.core.Progress;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;

/**
 * Implemented by a {@link DetectorFactory} whose detector is trained by Facet itself, so that
 * the command line ({@code facet detector train}) and the workbench can train it through the
 * registry without importing the module's bundle. The detector later reads the written model
 * through its own {@code model} parameter.
 * <p>
 * Annotation files that every trainer reads:
 * <ul>
 * <li>a {@link DatasetWriter#SCENES} table ({@code annotations.tsv}, tab-separated, header
 * {@code image x1 y1 x2 y2 ...}, one row per face, image paths relative to the images
 * folder);</li>
 * <li>WIDER FACE ground truth ({@code wider_face_*_bbx_gt.txt}: an image path, a face count,
 * then one {@code x y w h ...} line per face).</li>
 * </ul>
 */
public interface TrainableDetector {

	/**
	 * Trains a model from annotated images and writes it.
	 *
	 * @param settings validated settings of this detector; its training parameters included
	 * @param annotations the annotation file
	 * @param images the folder image paths in the annotations are relative to; {@code null}:
	 *            the annotation file's folder
	 * @param out the model file (or folder, as the detector documents) to write
	 * @param progress reports stages and is asked for cancellation
	 * @return a one-paragraph summary of what was trained (stages, features, loss)
	 * @throws ModuleException for settings that cannot be honoured or data too small to train on
	 * @throws IOException naming the file that could not be read or written
	 */
	String train(ModuleSettings settings, Path annotations, Path images, Path out, Progress progress)
			throws ModuleException, IOException;
}
