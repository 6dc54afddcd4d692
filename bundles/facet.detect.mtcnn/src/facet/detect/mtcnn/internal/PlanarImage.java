package facet.detect.mtcnn.internal;

import java.util.stream.IntStream;

import facet.core.ImageRaster;

/**
 * An RGB image as three float planes laid out [channel][x][y] (transposed, as MTCNN's networks
 * read it), normalized to (v − 127.5) / 128.
 */
public final class PlanarImage {

	/** What a black pixel becomes; crops are padded with it, as the reference pads with zeros. */
	static final float BLACK = -127.5f / 128f;

	private final int width;
	private final int height;
	private final float[] planes;

	private PlanarImage(int width, int height, float[] planes) {
		this.width = width;
		this.height = height;
		this.planes = planes;
	}

	/** Gray images are repeated into three channels. */
	public static PlanarImage normalized(ImageRaster image) {
		int w = image.width();
		int h = image.height();
		int n = image.channels();
		byte[] p = image.pixels();
		float[] planes = new float[3 * w * h];
		// one channel per task; each writes its plane in order, reading the pixels with a stride
		IntStream.range(0, 3).parallel().forEach(c -> {
			int from = n == 3 ? c : 0;
			for (int x = 0; x < w; x++) {
				int target = (c * w + x) * h;
				for (int y = 0; y < h; y++) {
					planes[target + y] = ((p[(y * w + x) * n + from] & 0xff) - 127.5f) / 128f;
				}
			}
		});
		return new PlanarImage(w, h, planes);
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** The whole image resized to {@code w × h}, layout [c][x][y]. */
	public float[] resized(int w, int h) {
		float[] out = new float[3 * w * h];
		ImageResampler.resize(planes, 3, width, height, w, h, out, 0);
		return out;
	}

	/**
	 * Crops the box with 1-based inclusive corners (the reference's convention), padding outside
	 * the image with black, and resizes it to {@code size × size} into {@code target}.
	 */
	public void crop(int x1, int y1, int x2, int y2, int size, float[] target, int offset) {
		int cw = x2 - x1 + 1;
		int ch = y2 - y1 + 1;
		if (cw <= 0 || ch <= 0) {
			java.util.Arrays.fill(target, offset, offset + 3 * size * size, BLACK);
			return;
		}
		float[] crop = new float[3 * cw * ch];
		java.util.Arrays.fill(crop, BLACK);
		int fromX = Math.max(0, x1 - 1);
		int toX = Math.min(width, x2);
		int fromY = Math.max(0, y1 - 1);
		int toY = Math.min(height, y2);
		for (int c = 0; c < 3; c++) {
			for (int x = fromX; x < toX; x++) {
				if (toY > fromY) {
					System.arraycopy(planes, (c * width + x) * height + fromY, crop, (c * cw + (x - (x1 - 1))) * ch + (fromY - (y1 - 1)), toY - fromY);
				}
			}
		}
		ImageResampler.resize(crop, 3, cw, ch, size, size, target, offset);
	}
}
