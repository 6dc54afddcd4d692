package facet.core.spi;

import java.util.Map;

/**
 * A post-processing stage of feature vectors (PCA, standardisation): fitted on the training
 * vectors, then applied to every vector. Its fitted state is saved beside the model as named
 * float arrays, so that a run can be reloaded without refitting.
 */
public non-sealed interface FeatureTransform extends FeatureStage {

	/**
	 * Learns the transform from the training vectors (rows of equal length).
	 *
	 * @throws IllegalArgumentException when there are too few vectors for the settings
	 */
	void fit(float[][] training);

	/** Whether {@link #fit(float[][])} or {@link #restore(Map)} has run. */
	boolean fitted();

	/** Length of the vectors it was fitted on. */
	int inputLength();

	/** Length of the vectors it returns; known once fitted. */
	int outputLength();

	/**
	 * Transforms one vector.
	 *
	 * @throws IllegalStateException before fitting
	 * @throws IllegalArgumentException for a vector of another length than {@link #inputLength()}
	 */
	float[] apply(float[] vector);

	/** The fitted state, to be given back to {@link #restore(Map)}. */
	Map<String, float[]> state();

	/**
	 * Sets the fitted state saved by {@link #state()}.
	 *
	 * @throws IllegalArgumentException naming the entry that is missing or malformed
	 */
	void restore(Map<String, float[]> state);
}
