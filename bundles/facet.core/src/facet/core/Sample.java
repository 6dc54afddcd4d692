package facet.core;

import java.util.Optional;

/**
 * One labelled face of a dataset.
 *
 * @param id stable identifier within the dataset (a path, or file:line), used to pair
 *        per-sample predictions of different runs
 * @param split the split it belongs to ("train", "val", "test", or the dataset's own names)
 * @param label the canonical class
 * @param face the face box in the source image, absent when the image is already a face crop
 */
public record Sample(String id, String split, ExpressionClass label, Optional<FaceBox> face) {

	public Sample {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("a sample needs an id");
		}
		face = face == null ? Optional.empty() : face;
	}
}
