package facet.data.transforms;

import facet.core.spi.SampleMixing;

/** The {@code mixup} and {@code cutmix} augmentations: declarations that the pipeline applies to whole batches. */
public record Mixing(Kind kind, double alpha, double probability) implements SampleMixing {

	public Mixing {
		if (!(alpha > 0) || !(probability >= 0 && probability <= 1)) {
			throw new IllegalArgumentException(kind + " needs alpha > 0 and probability in [0, 1], got " + alpha + " and " + probability);
		}
	}
}
