package facet.detect.adaboost.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.core.FaceBox;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.spi.DetectorFactory;
import facet.core.spi.FaceDetector;

/** The Haar detector through the module registry, on a demo photo of face-api. */
class HaarDetectorTest {

	private static ImageRaster photo;

	@TempDir
	Path dir;

	@BeforeAll
	static void readPhoto() throws Exception {
		photo = ImageFiles.read(Path.of(System.getProperty("facet.cache", System.getProperty("user.home") + "/.cache/facet"))
				.resolve("face-api/demo/sample3.jpg"), false);
	}

	private static ModuleDescriptor module() throws ModuleException {
		return ModuleRegistry.getDefault().get(ModuleKind.DETECTOR, "haar");
	}

	private static List<FaceBox> detect(Map<String, ?> params, ImageRaster image) throws Exception {
		try (FaceDetector detector = module().factory(DetectorFactory.class).create(module().settings(params))) {
			return detector.detect(image);
		}
	}

	@Test
	void findsTheFacesOfADemoPhotoInOriginalPixels() throws Exception {
		List<FaceBox> faces = detect(Map.of(), photo);
		// sample3 shows three frontal faces, each about 200 px wide at 1920 px
		// (the cascade also takes a 94-pixel patch of a shirt for a face: Haar's false positives are real)
		assertTrue(faces.stream().filter(f -> f.width() > 150 && f.width() < 300).count() >= 2, "faces: " + faces);
		assertTrue(faces.size() <= 5, "faces: " + faces);
		for (FaceBox f : faces) {
			assertTrue(f.x1() >= 0 && f.y1() >= 0 && f.x2() <= photo.width() && f.y2() <= photo.height(), f.toString());
			assertTrue(f.score() > 0 && f.score() < 1, f.toString());
			assertTrue(f.landmarks().isEmpty());
		}
	}

	@Test
	void downscaledDetectionMapsBackOntoFullSizeDetection() throws Exception {
		List<FaceBox> small = detect(Map.of("maxWidth", 640), photo);
		List<FaceBox> full = detect(Map.of("maxWidth", 0), photo);
		assertTrue(!small.isEmpty() && !full.isEmpty());
		for (FaceBox s : small) {
			double best = full.stream().mapToDouble(s::iou).max().orElse(0);
			assertTrue(best > 0.6, "box found at 640 px has no counterpart at full size: " + s + " vs " + full);
		}
	}

	@Test
	void grayImagesWorkToo() throws Exception {
		ImageRaster gray = ImageFiles.toRaster(ImageFiles.toBufferedImage(photo), true);
		assertEquals(detect(Map.of(), photo).size(), detect(Map.of(), gray).size());
	}

	@Test
	void maxSizeBelowTheFacesFindsNone() throws Exception {
		assertEquals(0, detect(Map.of("maxSize", 60, "minSize", 30), photo).size());
	}

	@Test
	void missingCascadeIsNamedWithTheFix() {
		ModuleException e = assertThrows(ModuleException.class,
				() -> module().factory(DetectorFactory.class).create(module().settings(Map.of("cascades", dir.toString()))));
		assertTrue(e.getMessage().contains(dir.resolve("haarcascade_frontalface_alt2.xml").toString()), e.getMessage());
		assertTrue(e.getMessage().contains("install Debian's opencv-data (releng/setup.sh"), e.getMessage());
	}

	@Test
	void maxSizeBelowMinSizeIsRefused() {
		ModuleException e = assertThrows(ModuleException.class,
				() -> module().factory(DetectorFactory.class).create(module().settings(Map.of("maxSize", 20, "minSize", 30))));
		assertTrue(e.getMessage().contains("maxSize"), e.getMessage());
	}
}
