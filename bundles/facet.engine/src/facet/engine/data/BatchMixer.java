package facet.engine.data;

import java.util.List;
import java.util.SplittableRandom;

import facet.core.ExpressionClass;
import facet.core.Permutations;
import facet.core.spi.SampleMixing;

/**
 * Mixup and CutMix on a whole batch: sample {@code i} is mixed with sample {@code perm[i]} of
 * the same batch, one λ ~ Beta(α, α) and (for CutMix) one rectangle per batch, as in the
 * papers' reference code. With several mixing modules one is chosen per batch.
 */
final class BatchMixer {

	private BatchMixer() {
	}

	/**
	 * Mixes {@code data} in place and returns the soft labels ({@code n × classes}); a batch
	 * left unmixed gets one-hot labels.
	 */
	static float[] mix(List<SampleMixing> mixings, SplittableRandom random, float[] data, float[] labels, int n, int c, int h,
			int w) {
		int classes = ExpressionClass.COUNT;
		float[] soft = new float[n * classes];
		SampleMixing mixing = mixings.get(mixings.size() == 1 ? 0 : random.nextInt(mixings.size()));
		if (n < 2 || !(random.nextDouble() < mixing.probability())) {
			for (int i = 0; i < n; i++) {
				soft[i * classes + (int) labels[i]] = 1;
			}
			return soft;
		}
		double lambda = beta(random, mixing.alpha());
		int[] perm = new int[n];
		for (int i = 0; i < n; i++) {
			perm[i] = i;
		}
		Permutations.shuffle(perm, random);
		int length = c * h * w;
		float[] original = data.clone();
		if (mixing.kind() == SampleMixing.Kind.MIXUP) {
			float a = (float) lambda;
			float b = (float) (1 - lambda);
			for (int i = 0; i < n; i++) {
				int o = i * length;
				int p = perm[i] * length;
				for (int j = 0; j < length; j++) {
					data[o + j] = a * original[o + j] + b * original[p + j];
				}
			}
		} else {
			double cut = Math.sqrt(1 - lambda);
			int cw = (int) Math.round(w * cut);
			int ch = (int) Math.round(h * cut);
			int cx = random.nextInt(w);
			int cy = random.nextInt(h);
			int x0 = Math.max(0, cx - cw / 2);
			int x1 = Math.min(w, cx - cw / 2 + cw);
			int y0 = Math.max(0, cy - ch / 2);
			int y1 = Math.min(h, cy - ch / 2 + ch);
			for (int i = 0; i < n; i++) {
				for (int k = 0; k < c; k++) {
					for (int y = y0; y < y1; y++) {
						int row = k * h * w + y * w;
						System.arraycopy(original, perm[i] * length + row + x0, data, i * length + row + x0, Math.max(0, x1 - x0));
					}
				}
			}
			lambda = 1 - (double) Math.max(0, x1 - x0) * Math.max(0, y1 - y0) / (w * h);
		}
		for (int i = 0; i < n; i++) {
			soft[i * classes + (int) labels[i]] += (float) lambda;
			soft[i * classes + (int) labels[perm[i]]] += (float) (1 - lambda);
		}
		return soft;
	}

	/** A draw from Beta(α, α) as X / (X + Y) of two Gamma(α) draws. */
	static double beta(SplittableRandom random, double alpha) {
		double x = gamma(random, alpha);
		double y = gamma(random, alpha);
		return x + y == 0 ? 0.5 : x / (x + y);
	}

	/** Marsaglia and Tsang's method, boosted for α &lt; 1. */
	private static double gamma(SplittableRandom random, double alpha) {
		if (alpha < 1) {
			double u = random.nextDouble();
			return gamma(random, alpha + 1) * Math.pow(u, 1 / alpha);
		}
		double d = alpha - 1.0 / 3;
		double c = 1 / Math.sqrt(9 * d);
		while (true) {
			double x = random.nextGaussian();
			double v = 1 + c * x;
			if (v <= 0) {
				continue;
			}
			v = v * v * v;
			double u = random.nextDouble();
			if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
				return d * v;
			}
		}
	}
}
