package facet.platform.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfRect;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.CascadeClassifier;

import nu.pattern.OpenCV;

/**
 * OpenCV from org.openpnp.opencv loads its native library inside OSGi, decodes a real photo and
 * finds faces with Debian's Haar cascade.
 */
class OpenCvTest {

	private static final Path CASCADES = Path.of("/usr/share/opencv4/haarcascades");

	private static Mat photo;

	@BeforeAll
	static void loadOpenCvAndPhoto() {
		OpenCV.loadLocally();
		Path file = required(cache().resolve("face-api/demo/sample1.jpg"));
		photo = Imgcodecs.imread(file.toString());
		assertFalse(photo.empty(), "OpenCV could not decode " + file);
	}

	@Test
	void nativeLibraryIsLoaded() {
		assertTrue(Core.VERSION.startsWith("4.9"), "OpenCV version: " + Core.VERSION);
	}

	@Test
	void decodesTheDemoPhotoAtItsRealSize() {
		assertEquals(1920, photo.cols());
		assertEquals(1280, photo.rows());
		assertEquals(3, photo.channels());
		assertEquals(CvType.CV_8UC3, photo.type());
	}

	@Test
	void convertsToGray() {
		Mat gray = gray();
		assertEquals(1, gray.channels());
		assertEquals(photo.size(), gray.size());
	}

	@Test
	void haarCascadeFindsAFace() {
		Path xml = required(CASCADES.resolve("haarcascade_frontalface_alt2.xml"));
		CascadeClassifier cascade = new CascadeClassifier(xml.toString());
		assertFalse(cascade.empty(), "OpenCV could not read the cascade " + xml);
		Mat gray = gray();
		Imgproc.equalizeHist(gray, gray);
		MatOfRect faces = new MatOfRect();
		// Faces in the demo photos are at least ~80 px wide at 1920 px; smaller windows only cost time.
		cascade.detectMultiScale(gray, faces, 1.1, 3, 0, new Size(60, 60), new Size());
		Rect[] found = faces.toArray();
		assertTrue(found.length >= 1, "no face found in sample1.jpg");
		for (Rect face : found) {
			assertTrue(face.x >= 0 && face.y >= 0 && face.x + face.width <= photo.cols() && face.y + face.height <= photo.rows(),
					"face outside the photo: " + face);
		}
	}

	private static Mat gray() {
		Mat gray = new Mat();
		Imgproc.cvtColor(photo, gray, Imgproc.COLOR_BGR2GRAY);
		return gray;
	}

	/** The same folder that releng/setup.sh fills: the build passes it as facet.cache. */
	private static Path cache() {
		return Path.of(System.getProperty("facet.cache", System.getProperty("user.home") + "/.cache/facet"));
	}

	/** Missing inputs are a broken setup, not a reason to skip: these tests exist to catch exactly that. */
	private static Path required(Path file) {
		if (!Files.isRegularFile(file)) {
			fail(file + " is missing: run releng/setup.sh (it installs Debian's opencv-data and the demo photos)");
		}
		return file;
	}
}
