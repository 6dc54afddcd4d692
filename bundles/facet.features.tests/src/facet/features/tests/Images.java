package facet.features.tests;

import facet.core.ImageRaster;

/** Small drawn test images. */
final class Images {

	private Images() {
	}

	/** A face-like drawing: a bright oval, two dark eyes and a mouth, on a gray gradient. */
	static ImageRaster face(int size) {
		byte[] p = new byte[size * size];
		double c = size / 2.0;
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				double v = 60 + 40.0 * y / size;
				double dx = (x - c) / (size * 0.38);
				double dy = (y - c) / (size * 0.46);
				if (dx * dx + dy * dy < 1) {
					v = 190;
				}
				for (int side = -1; side <= 1; side += 2) {
					double ex = x - (c + side * size * 0.17);
					double ey = y - size * 0.4;
					if (ex * ex + ey * ey < size * size * 0.004) {
						v = 30;
					}
				}
				if (Math.abs(y - size * 0.7) < size * 0.03 && Math.abs(x - c) < size * 0.15) {
					v = 50;
				}
				p[y * size + x] = (byte) Math.round(v);
			}
		}
		return new ImageRaster(size, size, 1, p);
	}

	/** value = f(x, y), rounded and clamped to [0, 255]. */
	static ImageRaster of(int w, int h, java.util.function.IntBinaryOperator f) {
		byte[] p = new byte[w * h];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				p[y * w + x] = (byte) Math.max(0, Math.min(255, f.applyAsInt(x, y)));
			}
		}
		return new ImageRaster(w, h, 1, p);
	}
}
