package facet.detect.cascadecnn.internal;

import facet.core.image.IntegralImage;

import facet.core.FaceBox;

/** Square windows cut out of a gray image and normalized as the nets expect. */
public final class Windows {

	private Windows() {
	}

	/** The window of side {@code size} resampled from {@code box} (area averaging), scaled to about [-1, 1]. */
	public static float[] cut(IntegralImage image, double x, double y, double side, int size) {
		float[] v = image.resample(x, y, side, size);
		normalize(v);
		return v;
	}

	public static float[] cut(IntegralImage image, FaceBox box, int size) {
		double side = 0.5 * (box.width() + box.height());
		return cut(image, 0.5 * (box.x1() + box.x2()) - side / 2, 0.5 * (box.y1() + box.y2()) - side / 2, side, size);
	}

	public static void normalize(float[] v) {
		for (int i = 0; i < v.length; i++) {
			v[i] = (v[i] - 127.5f) / 128f;
		}
	}

	public static float[] mirror(float[] patch, int size) {
		float[] m = new float[patch.length];
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				m[y * size + x] = patch[y * size + size - 1 - x];
			}
		}
		return m;
	}

	/** The square a face box is trained and detected as: centred, side the mean of width and height. */
	public static FaceBox square(FaceBox face) {
		double side = 0.5 * (face.width() + face.height());
		double cx = 0.5 * (face.x1() + face.x2());
		double cy = 0.5 * (face.y1() + face.y2());
		return FaceBox.of(cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2, face.score());
	}
}
