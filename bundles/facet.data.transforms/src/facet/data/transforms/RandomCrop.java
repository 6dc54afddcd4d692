package facet.data.transforms;

import java.util.Optional;
import java.util.random.RandomGenerator;

import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.spi.ImageOperation;
import facet.data.transforms.internal.Warp;

/**
 * Pads the image with {@code padding} black pixels on every side and crops a window of the
 * original size at a random position: a random shift of up to {@code padding} pixels per axis
 * (the CIFAR-style "random crop with padding").
 */
public final class RandomCrop implements ImageOperation {

	private final int padding;

	public RandomCrop(int padding) {
		if (padding < 0) {
			throw new IllegalArgumentException("random-crop padding must be >= 0, got " + padding);
		}
		this.padding = padding;
	}

	@Override
	public Result apply(ImageRaster image, Optional<FaceBox> face, RandomGenerator random) {
		if (padding == 0) {
			return new Result(image, face);
		}
		int ox = random.nextInt(2 * padding + 1) - padding;
		int oy = random.nextInt(2 * padding + 1) - padding;
		return new Result(FaceCrop.crop(image, ox, oy, image.width(), image.height()), Warp.translate(face, -ox, -oy));
	}
}
