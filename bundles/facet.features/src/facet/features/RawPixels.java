package facet.features;

import facet.core.ImageRaster;
import facet.core.spi.FeatureExtractor;

/**
 * The gray values themselves, in [0, 1], row by row, after averaging {@code step}×{@code step}
 * blocks (a step of 1 keeps every pixel; partial blocks at the right and bottom are dropped).
 */
public final class RawPixels implements FeatureExtractor {

	private final int step;

	public RawPixels(int step) {
		if (step < 1) {
			throw new IllegalArgumentException("the step of raw pixels is >= 1, got " + step);
		}
		this.step = step;
	}

	@Override
	public int length(int width, int height) {
		if (width < step || height < step) {
			throw new IllegalArgumentException("raw pixels averaged over " + step + "x" + step + " blocks need an image of at least " + step + "x"
					+ step + " pixels, got " + width + "x" + height);
		}
		return (width / step) * (height / step);
	}

	@Override
	public float[] extract(ImageRaster raster) {
		GrayImage image = GrayImage.of(raster);
		int ow = image.width() / step;
		int oh = image.height() / step;
		float[] out = new float[length(image.width(), image.height())];
		float norm = 255f * step * step;
		for (int y = 0; y < oh * step; y++) {
			for (int x = 0; x < ow * step; x++) {
				out[(y / step) * ow + x / step] += image.values()[y * image.width() + x] / norm;
			}
		}
		return out;
	}
}
