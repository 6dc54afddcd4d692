package facet.core.spi;

import java.util.Optional;
import java.util.random.RandomGenerator;

import facet.core.FaceBox;
import facet.core.ImageRaster;

/**
 * An augmentation that mixes two training samples (mixup, CutMix) and so cannot work on one
 * image: the pipeline applies it to whole batches, pairing each sample with another of the same
 * batch and mixing the labels into soft targets. It is declared as an augmentation so that
 * experiments choose it like any other; on a single image it does nothing.
 */
public interface SampleMixing extends ImageOperation {

	/** How two images are mixed. */
	enum Kind {
		/** Pixel-wise {@code λ·a + (1-λ)·b} (Zhang et al., ICLR 2018). */
		MIXUP,
		/** A rectangle of {@code b} pasted into {@code a}, λ = the share of {@code a} left (Yun et al., ICCV 2019). */
		CUTMIX
	}

	Kind kind();

	/** Parameter of the Beta(α, α) distribution λ is drawn from; &gt; 0. */
	double alpha();

	/** Chance that a batch is mixed at all, in [0, 1]. */
	double probability();

	@Override
	default Result apply(ImageRaster image, Optional<FaceBox> face, RandomGenerator random) {
		return new Result(image, face);
	}
}
