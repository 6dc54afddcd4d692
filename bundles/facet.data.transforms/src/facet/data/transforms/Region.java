package facet.data.transforms;

/** A rectangle of pixels {@code [x0, x1) × [y0, y1)} that an erasing augmentation fills. */
public record Region(int x0, int y0, int x1, int y1) {

	public int area() {
		return Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
	}

	/** Fills the region of an interleaved pixel array with one value per channel. */
	void fill(byte[] pixels, int width, int channels, int[] values) {
		for (int y = y0; y < y1; y++) {
			for (int x = x0; x < x1; x++) {
				int o = (y * width + x) * channels;
				for (int k = 0; k < channels; k++) {
					pixels[o + k] = (byte) values[k];
				}
			}
		}
	}
}
