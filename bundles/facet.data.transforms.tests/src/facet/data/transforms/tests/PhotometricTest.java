package facet.data.transforms.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import facet.core.ImageRaster;
import facet.data.transforms.Clahe;
import facet.data.transforms.ColorJitter;
import facet.data.transforms.GaussianNoise;
import facet.data.transforms.Grayscale;
import facet.data.transforms.HistogramEqualization;

class PhotometricTest {

	@Test
	void grayscaleUsesBt601Weights() {
		ImageRaster rgb = new ImageRaster(2, 1, 3, new byte[] { (byte) 255, 0, 0, 10, 20, 30 });
		ImageRaster gray = new Grayscale().apply(rgb, Optional.empty(), null).image();
		assertEquals(1, gray.channels());
		assertEquals(Math.round(0.299 * 255), gray.get(0, 0, 0));
		assertEquals(Math.round(0.299 * 10 + 0.587 * 20 + 0.114 * 30), gray.get(1, 0, 0));
		ImageRaster already = Images.pattern(3, 3, 1);
		assertSame(already, new Grayscale().apply(already, Optional.empty(), null).image());
	}

	@Test
	void equalizationSpreadsANarrowRangeOverTheFullRange() {
		// values 100..131 equally often become 0..255 equally spaced, like OpenCV's equalizeHist
		byte[] p = new byte[32 * 4];
		for (int i = 0; i < p.length; i++) {
			p[i] = (byte) (100 + i % 32);
		}
		ImageRaster out = new HistogramEqualization().apply(new ImageRaster(32, 4, 1, p), Optional.empty(), null).image();
		assertEquals(0, out.get(0, 0, 0));
		assertEquals(255, out.get(31, 0, 0));
		assertEquals(Math.round(15 * 4 * 255.0 / (128 - 4)), out.get(15, 0, 0));
		// a constant image stays as it is
		ImageRaster flat = Images.constant(5, 5, 1, 90);
		assertArrayEquals(flat.pixels(), new HistogramEqualization().apply(flat, Optional.empty(), null).image().pixels());
	}

	@Test
	void equalizingRgbKeepsGrayPixelsGray() {
		byte[] p = new byte[16 * 3];
		for (int i = 0; i < 16; i++) {
			p[3 * i] = p[3 * i + 1] = p[3 * i + 2] = (byte) (60 + 4 * i);
		}
		ImageRaster out = new HistogramEqualization().apply(new ImageRaster(4, 4, 3, p), Optional.empty(), null).image();
		for (int i = 0; i < 16; i++) {
			assertEquals(out.get(i % 4, i / 4, 0), out.get(i % 4, i / 4, 1));
			assertEquals(out.get(i % 4, i / 4, 0), out.get(i % 4, i / 4, 2));
		}
		assertEquals(255, out.get(3, 3, 0));
	}

	@Test
	void claheRaisesLocalContrastButIsLimitedByTheClip() {
		// a low-contrast ramp: CLAHE widens it, a low clip limit less than a high one
		byte[] p = new byte[64 * 64];
		for (int y = 0; y < 64; y++) {
			for (int x = 0; x < 64; x++) {
				p[y * 64 + x] = (byte) (110 + (x + y) / 8);
			}
		}
		ImageRaster ramp = new ImageRaster(64, 64, 1, p);
		int rangeLow = range(new Clahe(1.5, 4).apply(ramp, Optional.empty(), null).image());
		int rangeHigh = range(new Clahe(40, 4).apply(ramp, Optional.empty(), null).image());
		assertTrue(range(ramp) < rangeLow, range(ramp) + " < " + rangeLow);
		assertTrue(rangeLow < rangeHigh, rangeLow + " < " + rangeHigh);
		// RGB keeps its size and channels; tiles larger than the image are reduced
		ImageRaster rgb = new Clahe(2, 64).apply(Images.pattern(10, 6, 3), Optional.empty(), null).image();
		assertEquals(3, rgb.channels());
		assertEquals(10, rgb.width());
	}

	private static int range(ImageRaster image) {
		int min = 255;
		int max = 0;
		for (byte b : image.pixels()) {
			min = Math.min(min, b & 0xff);
			max = Math.max(max, b & 0xff);
		}
		return max - min;
	}

	@Test
	void colorJitterWithZeroRangesChangesNothingAndOtherwiseKeepsOrder() {
		ImageRaster image = Images.pattern(16, 16, 3);
		assertSame(image, new ColorJitter(0, 0, 0).apply(image, Optional.empty(), new SplittableRandom(3)).image());
		ImageRaster out = new ColorJitter(0.3, 0.3, 0.3).apply(image, Optional.empty(), new SplittableRandom(3)).image();
		// one monotone mapping for every value: brighter inputs never become darker
		for (int i = 0; i < image.pixels().length; i++) {
			for (int j = 0; j < image.pixels().length; j += 37) {
				if ((image.pixels()[i] & 0xff) < (image.pixels()[j] & 0xff)) {
					assertTrue((out.pixels()[i] & 0xff) <= (out.pixels()[j] & 0xff));
				}
			}
		}
	}

	@Test
	void noiseHasTheRequestedSpread() {
		ImageRaster gray = Images.constant(100, 100, 1, 128);
		ImageRaster out = new GaussianNoise(10, 1).apply(gray, Optional.empty(), new SplittableRandom(11)).image();
		double sum = 0;
		double squares = 0;
		for (byte b : out.pixels()) {
			double d = (b & 0xff) - 128;
			sum += d;
			squares += d * d;
		}
		double n = out.pixels().length;
		assertEquals(0, sum / n, 0.5);
		assertEquals(10, Math.sqrt(squares / n - (sum / n) * (sum / n)), 0.5);
		assertSame(gray, new GaussianNoise(10, 0).apply(gray, Optional.empty(), new SplittableRandom(11)).image());
	}
}
