package facet.engine.data;

import java.util.SplittableRandom;

/**
 * Random generators derived from a run's seed and a position (epoch, sample, batch), never from
 * the order in which threads happen to run: the same seed gives the same batches whatever the
 * thread count.
 */
public final class Seeds {

	/** Purposes, so that the streams of shuffling, preprocessing, augmentation and mixing never coincide. */
	static final long PREPROCESS = 0x5052455052L;
	static final long AUGMENT = 0x4155474dL;
	static final long SHUFFLE = 0x5348554646L;
	static final long MIX = 0x4d4958L;

	private Seeds() {
	}

	/** A generator for one purpose at one position; equal arguments give equal sequences. */
	public static SplittableRandom generator(long seed, long purpose, long a, long b) {
		long h = mix64(seed ^ 0x9E3779B97F4A7C15L);
		h = mix64(h ^ purpose);
		h = mix64(h + a * 0xC2B2AE3D27D4EB4FL);
		h = mix64(h + b * 0x165667B19E3779F9L);
		return new SplittableRandom(h);
	}

	/** SplitMix64's finalizer: a bijection that spreads every input bit over the output. */
	static long mix64(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}
}
