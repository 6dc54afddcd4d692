package facet.data.transforms;

import java.util.Optional;
import java.util.random.RandomGenerator;

import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.spi.ImageOperation;
import facet.data.transforms.internal.Warp;

/**
 * Random photometric changes, in this order, each with a factor drawn uniformly from
 * {@code [1 - r, 1 + r]} for its range {@code r}: brightness (values multiplied), contrast
 * (distances from the image's mean multiplied), gamma ({@code 255·(v/255)^γ}). All channels
 * get the same mapping, so hues stay; a range of 0 leaves that property alone.
 */
public final class ColorJitter implements ImageOperation {

	private final double brightness;
	private final double contrast;
	private final double gamma;

	public ColorJitter(double brightness, double contrast, double gamma) {
		if (!(brightness >= 0 && brightness <= 1 && contrast >= 0 && contrast <= 1 && gamma >= 0 && gamma < 1)) {
			throw new IllegalArgumentException("color ranges must be in [0, 1] (gamma below 1), got brightness " + brightness
					+ ", contrast " + contrast + ", gamma " + gamma);
		}
		this.brightness = brightness;
		this.contrast = contrast;
		this.gamma = gamma;
	}

	@Override
	public Result apply(ImageRaster image, Optional<FaceBox> face, RandomGenerator random) {
		double b = brightness == 0 ? 1 : random.nextDouble(1 - brightness, 1 + brightness);
		double c = contrast == 0 ? 1 : random.nextDouble(1 - contrast, 1 + contrast);
		double g = gamma == 0 ? 1 : random.nextDouble(1 - gamma, 1 + gamma);
		if (b == 1 && c == 1 && g == 1) {
			return new Result(image, face);
		}
		byte[] in = image.pixels();
		long sum = 0;
		for (byte v : in) {
			sum += v & 0xff;
		}
		double mean = Math.min(255, sum / (double) in.length * b);
		int[] lut = new int[256];
		for (int v = 0; v < 256; v++) {
			double x = Math.min(255, v * b);
			x = Math.max(0, Math.min(255, mean + (x - mean) * c));
			x = 255 * Math.pow(x / 255, g);
			lut[v] = Warp.clamp(Math.round(x));
		}
		byte[] out = new byte[in.length];
		for (int i = 0; i < in.length; i++) {
			out[i] = (byte) lut[in[i] & 0xff];
		}
		return new Result(new ImageRaster(image.width(), image.height(), image.channels(), out), face);
	}
}
