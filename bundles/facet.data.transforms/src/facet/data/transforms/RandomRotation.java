package facet.data.transforms;

import java.awt.geom.AffineTransform;
import java.util.Optional;
import java.util.random.RandomGenerator;

import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.spi.ImageOperation;
import facet.data.transforms.internal.Warp;

/**
 * Rotates about the image centre by an angle drawn uniformly from
 * {@code [-maxDegrees, maxDegrees]} (positive is clockwise on screen), keeping the size;
 * corners that come from outside are black. An angle of 0 returns the image unchanged.
 */
public final class RandomRotation implements ImageOperation {

	private final double maxDegrees;

	public RandomRotation(double maxDegrees) {
		if (!(maxDegrees >= 0)) {
			throw new IllegalArgumentException("rotate needs maxDegrees >= 0, got " + maxDegrees);
		}
		this.maxDegrees = maxDegrees;
	}

	@Override
	public Result apply(ImageRaster image, Optional<FaceBox> face, RandomGenerator random) {
		double degrees = maxDegrees == 0 ? 0 : random.nextDouble(-maxDegrees, maxDegrees);
		return rotate(image, face, degrees);
	}

	/** Rotation by a given angle, exposed for tests and tools. */
	public static Result rotate(ImageRaster image, Optional<FaceBox> face, double degrees) {
		if (degrees == 0) {
			return new Result(image, face);
		}
		AffineTransform forward = AffineTransform.getRotateInstance(Math.toRadians(degrees), image.width() / 2.0,
				image.height() / 2.0);
		return new Result(Warp.affine(image, forward, image.width(), image.height(), 0), Warp.face(face, forward));
	}
}
