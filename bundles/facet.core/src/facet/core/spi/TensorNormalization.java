package facet.core.spi;

import java.util.Optional;
import java.util.random.RandomGenerator;

import facet.core.FaceBox;
import facet.core.ImageRaster;

/**
 * A preprocessor that works on the float tensor, not on pixels: the pipeline turns each image
 * into floats {@code v = pixel / 255} and then into {@code (v - mean[c]) / std[c]}. It is
 * declared as a preprocessor so that experiments choose it like any other; on pixels it does
 * nothing.
 */
public interface TensorNormalization extends ImageOperation {

	/**
	 * Whether mean and std are measured on the training split (after preprocessing, before
	 * augmentation) instead of being fixed.
	 */
	boolean fromDataset();

	/** Per-channel mean in [0, 1] units: one value for every channel, or one per channel. */
	double[] mean();

	/** Per-channel standard deviation in [0, 1] units, each &gt; 0; one value or one per channel. */
	double[] std();

	@Override
	default Result apply(ImageRaster image, Optional<FaceBox> face, RandomGenerator random) {
		return new Result(image, face);
	}
}
