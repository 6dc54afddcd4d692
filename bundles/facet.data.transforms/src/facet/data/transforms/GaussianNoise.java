package facet.data.transforms;

import java.util.Optional;
import java.util.random.RandomGenerator;

import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.spi.ImageOperation;
import facet.data.transforms.internal.Warp;

/** Adds independent Gaussian noise of standard deviation {@code sigma} (in 0–255 units) to every value, with a probability. */
public final class GaussianNoise implements ImageOperation {

	private final double sigma;
	private final double probability;

	public GaussianNoise(double sigma, double probability) {
		if (!(sigma >= 0)) {
			throw new IllegalArgumentException("noise sigma must be >= 0, got " + sigma);
		}
		this.sigma = sigma;
		this.probability = probability;
	}

	@Override
	public Result apply(ImageRaster image, Optional<FaceBox> face, RandomGenerator random) {
		if (sigma == 0 || !(random.nextDouble() < probability)) {
			return new Result(image, face);
		}
		byte[] in = image.pixels();
		byte[] out = new byte[in.length];
		for (int i = 0; i < in.length; i++) {
			out[i] = (byte) Warp.clamp(Math.round((in[i] & 0xff) + sigma * random.nextGaussian()));
		}
		return new Result(new ImageRaster(image.width(), image.height(), image.channels(), out), face);
	}
}
