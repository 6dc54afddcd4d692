package facet.data.transforms;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import facet.core.FaceBox;
import facet.core.FaceBox.Landmark;
import facet.core.ImageRaster;
import facet.core.Point;
import facet.core.spi.ImageOperation;

/**
 * Mirrors the image left-right with a probability. Landmarks are mirrored and relabelled: the
 * point that was the left eye is on the other side afterwards, so it becomes the right eye (the
 * same for the mouth corners); otherwise an aligner would see a face turned inside out.
 */
public final class HorizontalFlip implements ImageOperation {

	private final double probability;

	public HorizontalFlip(double probability) {
		this.probability = probability;
	}

	@Override
	public Result apply(ImageRaster image, Optional<FaceBox> face, RandomGenerator random) {
		if (!(random.nextDouble() < probability)) {
			return new Result(image, face);
		}
		return new Result(mirror(image), face.map(f -> mirror(f, image.width())));
	}

	/** The image mirrored left-right. */
	public static ImageRaster mirror(ImageRaster image) {
		int w = image.width();
		int c = image.channels();
		byte[] in = image.pixels();
		byte[] out = new byte[in.length];
		for (int y = 0; y < image.height(); y++) {
			int row = y * w * c;
			for (int x = 0; x < w; x++) {
				System.arraycopy(in, row + x * c, out, row + (w - 1 - x) * c, c);
			}
		}
		return new ImageRaster(w, image.height(), c, out);
	}

	/** A face mirrored in an image {@code width} pixels wide, its left and right landmarks swapped. */
	public static FaceBox mirror(FaceBox face, int width) {
		List<Point> landmarks = face.landmarks();
		if (!landmarks.isEmpty()) {
			Point[] swapped = new Point[landmarks.size()];
			swapped[Landmark.LEFT_EYE.ordinal()] = mirror(landmarks.get(Landmark.RIGHT_EYE.ordinal()), width);
			swapped[Landmark.RIGHT_EYE.ordinal()] = mirror(landmarks.get(Landmark.LEFT_EYE.ordinal()), width);
			swapped[Landmark.NOSE.ordinal()] = mirror(landmarks.get(Landmark.NOSE.ordinal()), width);
			swapped[Landmark.MOUTH_LEFT.ordinal()] = mirror(landmarks.get(Landmark.MOUTH_RIGHT.ordinal()), width);
			swapped[Landmark.MOUTH_RIGHT.ordinal()] = mirror(landmarks.get(Landmark.MOUTH_LEFT.ordinal()), width);
			landmarks = List.of(swapped);
		}
		return new FaceBox(width - face.x2(), face.y1(), width - face.x1(), face.y2(), face.score(), landmarks);
	}

	private static Point mirror(Point p, int width) {
		return new Point(width - p.x(), p.y());
	}
}
