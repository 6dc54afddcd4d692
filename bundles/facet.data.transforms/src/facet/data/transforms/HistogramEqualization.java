package facet.data.transforms;

import java.util.Optional;
import java.util.random.RandomGenerator;

import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.spi.ImageOperation;
import facet.data.transforms.internal.Luma;
import facet.data.transforms.internal.Warp;

/**
 * Global histogram equalization of the luma, with OpenCV's {@code equalizeHist} mapping: the
 * darkest occurring level goes to 0, the cumulative histogram spreads the rest over [0, 255].
 * A constant image is left as it is.
 */
public final class HistogramEqualization implements ImageOperation {

	@Override
	public Result apply(ImageRaster image, Optional<FaceBox> face, RandomGenerator random) {
		byte[] luma = Luma.plane(image);
		int[] lut = lut(luma, 0, luma.length);
		byte[] mapped = new byte[luma.length];
		for (int i = 0; i < luma.length; i++) {
			mapped[i] = (byte) lut[luma[i] & 0xff];
		}
		return new Result(Luma.replace(image, luma, mapped), face);
	}

	static int[] lut(byte[] plane, int from, int to) {
		int[] histogram = new int[256];
		for (int i = from; i < to; i++) {
			histogram[plane[i] & 0xff]++;
		}
		int total = to - from;
		int first = 0;
		while (first < 255 && histogram[first] == 0) {
			first++;
		}
		int[] lut = new int[256];
		if (histogram[first] == total) {
			for (int i = 0; i < 256; i++) {
				lut[i] = i;
			}
			return lut;
		}
		double scale = 255.0 / (total - histogram[first]);
		long sum = 0;
		for (int i = first + 1; i < 256; i++) {
			sum += histogram[i];
			lut[i] = Warp.clamp(Math.round(sum * scale));
		}
		return lut;
	}
}
