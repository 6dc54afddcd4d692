package facet.features.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import facet.core.ImageRaster;
import facet.features.GrayImage;
import facet.features.LocalBinaryPatterns;
import facet.features.LocalBinaryPatterns.Mapping;

class LocalBinaryPatternsTest {

	static GrayImage gray(int w, int h, float... values) {
		return new GrayImage(w, h, values);
	}

	@Test
	void theCodeOfAHandMadePatchSetsTheBitsOfTheBrighterNeighbours() {
		// bit p looks at angle 2πp/8 counter-clockwise from the right: 0 right, 1 upper right, 2 up …
		GrayImage patch = gray(3, 3,
				10, 200, 200,
				10, 100, 10,
				10, 10, 10);
		LocalBinaryPatterns lbp = new LocalBinaryPatterns(1, 8, Mapping.NONE, 1, 1);
		// up (200) and upper right (bilinear 152) reach the centre, the interpolated upper left (57) does not
		assertEquals(0b0000_0110, lbp.code(patch, 1, 1));
		assertEquals(0xff, lbp.code(gray(3, 3, 5, 5, 5, 5, 5, 5, 5, 5, 5), 1, 1), "equal neighbours count as brighter");
		// a bright right neighbour also lifts the two diagonals interpolated from it (52.9 >= 1)
		assertEquals(0b1000_0011, lbp.code(gray(3, 3, 0, 0, 0, 0, 1, 255, 0, 0, 0), 1, 1));
	}

	@Test
	void uniformMappingHas59BinsForEightNeighbours() {
		int[] uniform = LocalBinaryPatterns.mappingTable(8, Mapping.UNIFORM);
		assertEquals(59, Arrays.stream(uniform).max().getAsInt() + 1);
		assertEquals(256 - 58, Arrays.stream(uniform).filter(b -> b == 58).count(), "every non-uniform code shares the last bin");
		assertEquals(58, Arrays.stream(uniform).filter(b -> b < 58).distinct().count(), "58 uniform codes, each its own bin");
		assertEquals(10, Arrays.stream(LocalBinaryPatterns.mappingTable(8, Mapping.UNIFORM_ROTATION_INVARIANT)).max().getAsInt() + 1);
		assertEquals(36, Arrays.stream(LocalBinaryPatterns.mappingTable(8, Mapping.ROTATION_INVARIANT)).max().getAsInt() + 1);
		assertEquals(16 * 15 + 3, Arrays.stream(LocalBinaryPatterns.mappingTable(16, Mapping.UNIFORM)).max().getAsInt() + 1);
		assertEquals(2, LocalBinaryPatterns.transitions(0b0011_1000, 8));
		assertEquals(4, LocalBinaryPatterns.transitions(0b0101_0000, 8));
		assertEquals(0, LocalBinaryPatterns.transitions(0xff, 8));
	}

	@Test
	void theVectorIsOneNormalisedHistogramPerCell() {
		LocalBinaryPatterns lbp = new LocalBinaryPatterns(1, 8, Mapping.UNIFORM, 6, 6);
		assertEquals(6 * 6 * 59, lbp.length(48, 48));
		float[] v = lbp.extract(Images.face(48));
		assertEquals(6 * 6 * 59, v.length);
		for (int cell = 0; cell < 36; cell++) {
			double sum = 0;
			for (int b = 0; b < 59; b++) {
				sum += v[cell * 59 + b];
			}
			assertEquals(1.0, sum, 1e-4, "cell " + cell);
		}
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lbp.length(6, 48));
		assertTrue(e.getMessage().contains("at least 8x8"), e.getMessage());
	}

	@Test
	void rgbImagesAreReadAsLuma() {
		LocalBinaryPatterns lbp = new LocalBinaryPatterns(2, 8, Mapping.UNIFORM_ROTATION_INVARIANT, 2, 2);
		ImageRaster gray = Images.face(32);
		byte[] rgb = new byte[gray.pixels().length * 3];
		for (int i = 0; i < gray.pixels().length; i++) {
			rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = gray.pixels()[i];
		}
		float[] a = lbp.extract(gray);
		float[] b = lbp.extract(new ImageRaster(32, 32, 3, rgb));
		for (int i = 0; i < a.length; i++) {
			assertEquals(a[i], b[i], 1e-6);
		}
	}
}
