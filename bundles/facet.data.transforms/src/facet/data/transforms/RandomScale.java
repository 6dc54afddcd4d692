package facet.data.transforms;

import java.awt.geom.AffineTransform;
import java.util.Optional;
import java.util.random.RandomGenerator;

import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.spi.ImageOperation;
import facet.data.transforms.internal.Warp;

/**
 * Zooms about the image centre by a factor drawn uniformly from {@code [min, max]}, keeping the
 * size: above 1 the face grows and its border is cut, below 1 it shrinks inside a black frame.
 */
public final class RandomScale implements ImageOperation {

	private final double min;
	private final double max;

	public RandomScale(double min, double max) {
		if (!(min > 0) || !(max >= min)) {
			throw new IllegalArgumentException("scale needs 0 < min <= max, got min " + min + ", max " + max);
		}
		this.min = min;
		this.max = max;
	}

	@Override
	public Result apply(ImageRaster image, Optional<FaceBox> face, RandomGenerator random) {
		double factor = min == max ? min : random.nextDouble(min, max);
		if (factor == 1) {
			return new Result(image, face);
		}
		double cx = image.width() / 2.0;
		double cy = image.height() / 2.0;
		AffineTransform forward = new AffineTransform();
		forward.translate(cx, cy);
		forward.scale(factor, factor);
		forward.translate(-cx, -cy);
		return new Result(Warp.affine(image, forward, image.width(), image.height(), 0), Warp.face(face, forward));
	}
}
