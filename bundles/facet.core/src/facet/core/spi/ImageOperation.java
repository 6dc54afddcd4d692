package facet.core.spi;

import java.util.Optional;
import java.util.random.RandomGenerator;

import facet.core.FaceBox;
import facet.core.ImageRaster;

/**
 * One step of preprocessing or augmentation. Deterministic given the random generator, so that
 * the same seed gives the same batches whatever the thread count.
 */
public interface ImageOperation {

	/**
	 * @param image the input, never modified
	 * @param face the face (with landmarks where known) in {@code image}'s pixels, if known
	 * @param random this sample's generator, derived from the run's seed and the sample
	 */
	Result apply(ImageRaster image, Optional<FaceBox> face, RandomGenerator random);

	/** The transformed image and the face moved along with it. */
	record Result(ImageRaster image, Optional<FaceBox> face) {
	}
}
