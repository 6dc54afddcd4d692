package facet.core.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import facet.core.Progress;

/**
 * A trainable classifier of fixed-length feature vectors into {@code classes} classes
 * (Facet's seven canonical expressions, by index). Not thread-safe. A classifier is created
 * untrained; it is either fitted or loaded before it predicts.
 */
public interface Classifier extends AutoCloseable {

	/**
	 * Trains on the rows of {@code features}.
	 *
	 * @param features one vector per sample, all of the same length
	 * @param labels the class index of each sample, in [0, classes)
	 * @param classes the number of classes (the length of every probability vector)
	 * @param progress asked for cancellation between steps where the library allows it
	 * @throws IllegalArgumentException for empty data, ragged rows or labels out of range
	 */
	void fit(float[][] features, int[] labels, int classes, Progress progress);

	/** Whether it was fitted or loaded. */
	boolean trained();

	/** The vector length it was trained on. */
	int featureLength();

	/**
	 * One probability vector per row, {@code classes} long and summing to 1. Where the library
	 * gives no probabilities, the vector says so in {@link #probabilitiesAreHard()}.
	 *
	 * @throws IllegalStateException before training
	 * @throws IllegalArgumentException for a vector of another length than {@link #featureLength()}
	 */
	float[][] predictProbabilities(float[][] features);

	/** True when the probabilities are one-hot decisions rather than estimates. */
	default boolean probabilitiesAreHard() {
		return false;
	}

	/**
	 * Writes the trained model to a file in the library's own format.
	 *
	 * @throws IllegalStateException before training
	 */
	void save(Path file) throws IOException;

	/**
	 * Reads a model written by {@link #save(Path)} of the same module.
	 *
	 * @param classes the number of classes it was trained for
	 * @throws IOException naming the file and what was expected
	 */
	void load(Path file, int classes) throws IOException;

	/** Training settings the classifier chose itself (a grid search's C and gamma …), for the run's record. */
	default Map<String, Object> chosenSettings() {
		return Map.of();
	}

	/** Releases native memory; the default holds none. */
	@Override
	default void close() {
		// nothing held by default
	}
}
