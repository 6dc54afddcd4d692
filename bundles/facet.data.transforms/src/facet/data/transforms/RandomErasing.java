package facet.data.transforms;

import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.spi.ImageOperation;

/**
 * Random Erasing (Zhong et al., AAAI 2020): with a probability, one rectangle whose area is a
 * uniform share in {@code [minArea, maxArea]} of the image and whose aspect ratio is
 * log-uniform in {@code [minAspect, 1/minAspect]} is filled with random values, black, or the
 * image's per-channel mean. Up to 100 draws are tried for a rectangle that fits, as in the paper.
 */
public final class RandomErasing implements ImageOperation {

	/** What the erased rectangle is filled with. */
	public enum Fill {
		RANDOM, ZERO, MEAN;

		public static Fill parse(String text) {
			return valueOf(text.trim().toUpperCase(Locale.ROOT));
		}
	}

	private final double probability;
	private final double minArea;
	private final double maxArea;
	private final double minAspect;
	private final Fill fill;

	public RandomErasing(double probability, double minArea, double maxArea, double minAspect, Fill fill) {
		if (!(minArea > 0 && minArea <= maxArea && maxArea <= 1 && minAspect > 0 && minAspect <= 1)) {
			throw new IllegalArgumentException("random-erasing needs 0 < minArea <= maxArea <= 1 and minAspect in (0, 1], got minArea "
					+ minArea + ", maxArea " + maxArea + ", minAspect " + minAspect);
		}
		this.probability = probability;
		this.minArea = minArea;
		this.maxArea = maxArea;
		this.minAspect = minAspect;
		this.fill = fill;
	}

	/** The rectangle erased, or empty, drawing from {@code random} exactly as {@link #apply} does before filling. */
	public Optional<Region> region(int width, int height, RandomGenerator random) {
		if (!(random.nextDouble() < probability)) {
			return Optional.empty();
		}
		double logAspect = Math.log(minAspect);
		for (int attempt = 0; attempt < 100; attempt++) {
			double area = random.nextDouble(minArea, Math.nextUp(maxArea)) * width * height;
			double aspect = logAspect == 0 ? 1 : Math.exp(random.nextDouble(logAspect, -logAspect));
			int h = (int) Math.round(Math.sqrt(area * aspect));
			int w = (int) Math.round(Math.sqrt(area / aspect));
			if (w >= 1 && h >= 1 && w < width && h < height) {
				int x0 = random.nextInt(width - w + 1);
				int y0 = random.nextInt(height - h + 1);
				return Optional.of(new Region(x0, y0, x0 + w, y0 + h));
			}
		}
		return Optional.empty();
	}

	@Override
	public Result apply(ImageRaster image, Optional<FaceBox> face, RandomGenerator random) {
		Optional<Region> found = region(image.width(), image.height(), random);
		if (found.isEmpty()) {
			return new Result(image, face);
		}
		Region region = found.get();
		int c = image.channels();
		byte[] out = image.pixels().clone();
		switch (fill) {
			case ZERO -> region.fill(out, image.width(), c, new int[c]);
			case MEAN -> region.fill(out, image.width(), c, mean(image));
			case RANDOM -> {
				for (int y = region.y0(); y < region.y1(); y++) {
					for (int i = (y * image.width() + region.x0()) * c; i < (y * image.width() + region.x1()) * c; i++) {
						out[i] = (byte) random.nextInt(256);
					}
				}
			}
		}
		return new Result(new ImageRaster(image.width(), image.height(), c, out), face);
	}

	private static int[] mean(ImageRaster image) {
		int c = image.channels();
		long[] sums = new long[c];
		byte[] p = image.pixels();
		for (int i = 0; i < p.length; i++) {
			sums[i % c] += p[i] & 0xff;
		}
		int[] mean = new int[c];
		long count = (long) image.width() * image.height();
		for (int k = 0; k < c; k++) {
			mean[k] = (int) Math.round(sums[k] / (double) count);
		}
		return mean;
	}
}
