package facet.data.transforms.tests;

import java.util.List;

import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.Point;

/** Small images with known content for the tests. */
final class Images {

	private Images() {
	}

	/** Every value distinct enough to tell pixels apart: v = (x * 7 + y * 13 + channel * 29) mod 256. */
	static ImageRaster pattern(int width, int height, int channels) {
		byte[] p = new byte[width * height * channels];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				for (int k = 0; k < channels; k++) {
					p[(y * width + x) * channels + k] = (byte) ((x * 7 + y * 13 + k * 29) % 256);
				}
			}
		}
		return new ImageRaster(width, height, channels, p);
	}

	static ImageRaster constant(int width, int height, int channels, int value) {
		byte[] p = new byte[width * height * channels];
		java.util.Arrays.fill(p, (byte) value);
		return new ImageRaster(width, height, channels, p);
	}

	/** A face with landmarks in a plausible layout inside a box. */
	static FaceBox face(double x1, double y1, double x2, double y2) {
		double w = x2 - x1;
		double h = y2 - y1;
		return new FaceBox(x1, y1, x2, y2, 0.9, List.of(new Point(x1 + 0.3 * w, y1 + 0.4 * h), new Point(x1 + 0.7 * w, y1 + 0.4 * h),
				new Point(x1 + 0.5 * w, y1 + 0.6 * h), new Point(x1 + 0.35 * w, y1 + 0.8 * h), new Point(x1 + 0.65 * w, y1 + 0.8 * h)));
	}

	static int count(ImageRaster image, int value) {
		int n = 0;
		for (byte b : image.pixels()) {
			n += (b & 0xff) == value ? 1 : 0;
		}
		return n;
	}
}
