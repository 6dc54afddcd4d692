package facet.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import facet.core.detection.ImagePyramid;

class ImagePyramidTest {

	@Test
	void levelsShrinkByTheFactorUntilOneWindowIsLeft() {
		// 640×480, 12-pixel window, faces from 40 px: 0.3, 0.213, ... while 480 · scale >= 12
		List<Double> scales = ImagePyramid.scales(640, 480, 12, ImagePyramid.firstScale(12, 40, Double.MAX_VALUE), 0.709);
		assertEquals(0.3, scales.get(0), 1e-12);
		assertEquals(0.3 * 0.709, scales.get(1), 1e-12);
		double last = scales.get(scales.size() - 1);
		assertTrue(480 * last >= 12 && 480 * last * 0.709 < 12, "last level " + last + " of " + scales);
		assertEquals(8, scales.size(), scales.toString());
	}

	@Test
	void theFirstScaleIsCappedAndTooSmallImagesHaveNoLevel() {
		assertEquals(1, ImagePyramid.firstScale(12, 6, 1), "a 6-px face would need the image enlarged twice");
		assertEquals(0.5, ImagePyramid.firstScale(12, 24, 1));
		assertEquals(List.of(), ImagePyramid.scales(11, 100, 12, 1, 0.8));
		assertEquals(List.of(1.0), ImagePyramid.scales(12, 14, 12, 1, 0.8));
	}

	@Test
	void badArgumentsAreRefusedByName() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImagePyramid.scales(640, 480, 12, 0.3, 1));
		assertTrue(e.getMessage().contains("factor"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> ImagePyramid.firstScale(12, 0, 1));
	}
}
