package facet.core;

/**
 * An 8-bit image in interleaved row-major layout, the engine-neutral currency between
 * datasets, detectors, preprocessors and augmentations.
 *
 * @param width pixels per row
 * @param height rows
 * @param channels 1 (gray) or 3 (RGB, in that order)
 * @param pixels {@code width * height * channels} bytes, unsigned
 */
public record ImageRaster(int width, int height, int channels, byte[] pixels) {

	public ImageRaster {
		if (width <= 0 || height <= 0) {
			throw new IllegalArgumentException("an image needs a positive size, got " + width + "x" + height);
		}
		if (channels != 1 && channels != 3) {
			throw new IllegalArgumentException("an image has 1 or 3 channels, got " + channels);
		}
		if (pixels == null || pixels.length != (long) width * height * channels) {
			throw new IllegalArgumentException("a " + width + "x" + height + "x" + channels + " image needs "
					+ ((long) width * height * channels) + " bytes, got " + (pixels == null ? 0 : pixels.length));
		}
	}

	/** The unsigned value of one channel of one pixel. */
	public int get(int x, int y, int channel) {
		return pixels[(y * width + x) * channels + channel] & 0xff;
	}
}
