package facet.core.spi;

import facet.core.ImageRaster;

/**
 * A hand-crafted feature extractor (LBP, HOG, Gabor …). Stateless after construction and safe to
 * call from several threads. Works on gray images: a colour image is read as its luma.
 */
public non-sealed interface FeatureExtractor extends FeatureStage {

	/**
	 * The length of every vector this configuration gives for images of this size; fixed, so
	 * that a classifier trained on it can check what it is given.
	 *
	 * @throws IllegalArgumentException when the image is too small for the configuration, saying
	 *         what size is needed
	 */
	int length(int width, int height);

	/** The feature vector of one image, {@link #length(int, int)} values long. */
	float[] extract(ImageRaster image);
}
