package facet.data.transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.spi.ImageOperation;

/**
 * Cutout (DeVries and Taylor, 2017), the "cropping mask" augmentation: with a probability,
 * blanks {@code holes} black squares whose side is {@code size} times the image's shorter side.
 * Each centre is uniform over the whole image and a square is clipped at the border, as in the
 * paper, so a hole near an edge covers less. Faces and landmarks do not move.
 */
public final class Cutout implements ImageOperation {

	private final int holes;
	private final double size;
	private final double probability;

	public Cutout(int holes, double size, double probability) {
		if (holes < 0 || !(size > 0 && size <= 1)) {
			throw new IllegalArgumentException("cutout needs holes >= 0 and size in (0, 1], got " + holes + " and " + size);
		}
		this.holes = holes;
		this.size = size;
		this.probability = probability;
	}

	/** The side of a hole, in pixels, for an image of this size. */
	public int side(int width, int height) {
		return Math.max(1, (int) Math.round(size * Math.min(width, height)));
	}

	/** The regions this operation blanks, drawing from {@code random} exactly as {@link #apply} does. */
	public List<Region> regions(int width, int height, RandomGenerator random) {
		if (holes == 0 || !(random.nextDouble() < probability)) {
			return List.of();
		}
		int side = side(width, height);
		List<Region> regions = new ArrayList<>(holes);
		for (int i = 0; i < holes; i++) {
			int cx = random.nextInt(width);
			int cy = random.nextInt(height);
			int x0 = cx - side / 2;
			int y0 = cy - side / 2;
			regions.add(new Region(Math.max(0, x0), Math.max(0, y0), Math.min(width, x0 + side), Math.min(height, y0 + side)));
		}
		return regions;
	}

	@Override
	public Result apply(ImageRaster image, Optional<FaceBox> face, RandomGenerator random) {
		List<Region> regions = regions(image.width(), image.height(), random);
		if (regions.isEmpty()) {
			return new Result(image, face);
		}
		byte[] out = image.pixels().clone();
		int[] black = new int[image.channels()];
		for (Region region : regions) {
			region.fill(out, image.width(), image.channels(), black);
		}
		return new Result(new ImageRaster(image.width(), image.height(), image.channels(), out), face);
	}
}
