package facet.data.transforms;

import java.util.Optional;
import java.util.random.RandomGenerator;

import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.spi.ImageOperation;

/** RGB to one channel with ITU-R BT.601 luma weights, as {@link facet.core.ImageFiles} decodes gray; gray passes through. */
public final class Grayscale implements ImageOperation {

	@Override
	public Result apply(ImageRaster image, Optional<FaceBox> face, RandomGenerator random) {
		if (image.channels() == 1) {
			return new Result(image, face);
		}
		byte[] p = image.pixels();
		byte[] gray = new byte[image.width() * image.height()];
		for (int i = 0; i < gray.length; i++) {
			int r = p[3 * i] & 0xff;
			int g = p[3 * i + 1] & 0xff;
			int b = p[3 * i + 2] & 0xff;
			gray[i] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
		}
		return new Result(new ImageRaster(image.width(), image.height(), 1, gray), face);
	}
}
