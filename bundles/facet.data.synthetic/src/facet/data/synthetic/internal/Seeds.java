package facet.data.synthetic.internal;

import java.util.SplittableRandom;

/**
 * Derives an independent generator for every identity, sample and scene from the dataset's
 * seed, so that an image depends only on the seed and its own index, never on which thread
 * drew it or in which order.
 */
public final class Seeds {

	public static final long IDENTITY = 1;
	public static final long SAMPLE = 2;
	public static final long OCCLUSION = 3;
	public static final long SCENE = 4;

	private Seeds() {
	}

	public static SplittableRandom random(long seed, long stream, long index) {
		return new SplittableRandom(mix(mix(seed ^ 0x9E3779B97F4A7C15L * (stream + 1)) + index));
	}

	/** Stafford's variant 13 of the SplitMix64 finalizer. */
	static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}
}
