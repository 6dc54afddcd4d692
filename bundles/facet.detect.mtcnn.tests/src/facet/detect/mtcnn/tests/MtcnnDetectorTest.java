package facet.detect.mtcnn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import facet.core.FaceBox;
import facet.core.FaceBox.Landmark;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.Point;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.spi.DetectorFactory;
import facet.core.spi.FaceDetector;
import facet.detect.mtcnn.MtcnnDetector;
import facet.detect.mtcnn.internal.MtcnnNetworks;

/** MTCNN through the module registry, on the six demo photos of face-api (22 faces). */
class MtcnnDetectorTest {

	private static FaceDetector detector;
	private static final List<List<FaceBox>> found = new ArrayList<>();
	private static final List<ImageRaster> photos = new ArrayList<>();

	@TempDir
	Path dir;

	@BeforeAll
	static void detectOnTheDemoPhotos() throws Exception {
		detector = module().factory(DetectorFactory.class).create(module().defaults());
		Path demo = Path.of(System.getProperty("facet.cache", System.getProperty("user.home") + "/.cache/facet")).resolve("face-api/demo");
		for (int i = 1; i <= 6; i++) {
			ImageRaster photo = ImageFiles.read(demo.resolve("sample" + i + ".jpg"), false);
			photos.add(photo);
			found.add(detector.detect(photo));
		}
	}

	@AfterAll
	static void close() {
		if (detector != null) {
			detector.close();
		}
	}

	private static ModuleDescriptor module() throws ModuleException {
		return ModuleRegistry.getDefault().get(ModuleKind.DETECTOR, "mtcnn");
	}

	@Test
	void findsMostOfTheTwentyTwoFacesAndFewOthers() {
		int total = found.stream().mapToInt(List::size).sum();
		assertTrue(total >= 20 && total <= 24, "faces per photo: " + found.stream().map(List::size).toList());
		for (List<FaceBox> faces : found) {
			assertTrue(faces.size() >= 2, "every demo photo shows at least two faces: " + found.stream().map(List::size).toList());
		}
	}

	@Test
	void everyFaceHasFiveLandmarksInsideItsBoxEyesAboveMouth() {
		for (int i = 0; i < found.size(); i++) {
			for (FaceBox face : found.get(i)) {
				String where = "sample" + (i + 1) + " " + face;
				assertEquals(5, face.landmarks().size(), where);
				assertTrue(face.score() > 0.7 && face.score() <= 1, where);
				assertTrue(face.x1() >= 0 && face.y1() >= 0 && face.x2() <= photos.get(i).width() && face.y2() <= photos.get(i).height(), where);
				for (Point p : face.landmarks()) {
					assertTrue(p.x() >= face.x1() && p.x() <= face.x2() && p.y() >= face.y1() && p.y() <= face.y2(), "landmark outside: " + where);
				}
				double eyes = (at(face, Landmark.LEFT_EYE).y() + at(face, Landmark.RIGHT_EYE).y()) / 2;
				double mouth = (at(face, Landmark.MOUTH_LEFT).y() + at(face, Landmark.MOUTH_RIGHT).y()) / 2;
				assertTrue(eyes < at(face, Landmark.NOSE).y() && at(face, Landmark.NOSE).y() < mouth, "eyes, nose, mouth not top to bottom: " + where);
			}
		}
	}

	@Test
	void aFaceLookedForOnlyAboveItsSizeIsNotFound() throws Exception {
		// sample1's faces are about 200 pixels wide (MTCNN's minimum is loose: at 400 it still finds two of them)
		try (FaceDetector big = module().factory(DetectorFactory.class).create(module().settings(Map.of("minFaceSize", 1000)))) {
			assertEquals(0, big.detect(photos.get(0)).size());
		}
	}

	@Test
	void theReferenceSettingsFindTheSameFacesAsTheFasterDefaults() throws Exception {
		// the defaults look for faces from 40 px and give R-Net at most 100 proposals; the
		// reference (20 px, all proposals) must agree with them on sample1
		List<FaceBox> defaults = found.get(0);
		try (FaceDetector reference = MtcnnDetector.load(TfliteModelTest.weights(), MtcnnDetector.Options.REFERENCE)) {
			List<FaceBox> faces = reference.detect(photos.get(0));
			assertEquals(defaults.size(), faces.size(), "reference " + faces + ", defaults " + defaults);
			for (FaceBox face : faces) {
				assertTrue(defaults.stream().anyMatch(d -> d.iou(face) > 0.8), "reference face " + face + " not among " + defaults);
			}
		}
	}

	@Test
	void proposalsBeyondTheCapAreNotRefined() throws Exception {
		try (FaceDetector one = module().factory(DetectorFactory.class).create(module().settings(Map.of("maxProposals", 1)))) {
			assertTrue(one.detect(photos.get(0)).size() <= 1, "one proposal can give one face at most");
		}
	}

	@Test
	void blankImageHasNoFace() throws Exception {
		byte[] gray = new byte[640 * 480];
		java.util.Arrays.fill(gray, (byte) 128);
		assertEquals(List.of(), detector.detect(new ImageRaster(640, 480, 1, gray)));
	}

	@Test
	void networksGiveProbabilitiesAndRegressionsOfTheRightShape() throws IOException {
		try (NDManager manager = NDManager.newBaseManager(); MtcnnNetworks nets = MtcnnNetworks.load(TfliteModelTest.weights(), manager)) {
			NDList r = nets.rnet().forward(manager.randomUniform(-1, 1, new Shape(3, 3, 24, 24)));
			assertEquals(new Shape(3, 2), r.get(0).getShape());
			assertEquals(new Shape(3, 4), r.get(1).getShape());
			assertEquals(3f, r.get(0).sum().getFloat(), 1e-4f, "softmax rows sum to one");
			NDList o = nets.onet().forward(manager.zeros(new Shape(2, 3, 48, 48)));
			assertEquals(new Shape(2, 10), o.get(2).getShape());
			NDList p = nets.pnet().forward(manager.zeros(new Shape(1, 3, 31, 40)));
			// 12-pixel windows every 2 pixels; ceil-mode pooling rounds up
			assertEquals(new Shape(1, 2, 11, 15), p.get(0).getShape());
		}
	}

	@Test
	void missingWeightsAreNamed() {
		ModuleException e = assertThrows(ModuleException.class,
				() -> module().factory(DetectorFactory.class).create(module().settings(Map.of("weights", dir.toString()))));
		assertTrue(e.getMessage().contains(dir.resolve("pnet.tflite").toString()), e.getMessage());
	}

	@Test
	void truncatedWeightsAreNamed() throws Exception {
		for (String net : List.of("pnet", "rnet")) {
			Files.copy(TfliteModelTest.weights().resolve(net + ".tflite"), dir.resolve(net + ".tflite"));
		}
		byte[] onet = Files.readAllBytes(TfliteModelTest.weights().resolve("onet.tflite"));
		Files.write(dir.resolve("onet.tflite"), java.util.Arrays.copyOf(onet, onet.length - 1000));
		ModuleException e = assertThrows(ModuleException.class,
				() -> module().factory(DetectorFactory.class).create(module().settings(Map.of("weights", dir.toString()))));
		assertTrue(e.getMessage().contains(dir.resolve("onet.tflite").toString()), e.getMessage());
	}

	private static Point at(FaceBox face, Landmark landmark) {
		return face.landmarks().get(landmark.ordinal());
	}
}
