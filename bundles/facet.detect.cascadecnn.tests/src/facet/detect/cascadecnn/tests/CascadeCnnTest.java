package facet.detect.cascadecnn.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import facet.core.FaceBox;
import facet.core.ImageFiles;
import facet.core.Progress;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.spi.DatasetWriter;
import facet.core.spi.DetectorFactory;
import facet.core.spi.FaceDetector;
import facet.core.spi.TrainableDetector;
import facet.detect.cascadecnn.internal.Calibration;
import facet.detect.cascadecnn.internal.CnnModel;
import facet.detect.cascadecnn.internal.CnnTrainer;
import facet.detect.cascadecnn.internal.Networks;
import facet.detect.cascadecnn.internal.Nms;
import facet.detect.cascadecnn.internal.Windows;

/** Cascade CNN: net shapes, calibration math, NMS, training, the model folder. */
class CascadeCnnTest {

	@TempDir
	Path dir;

	@Test
	void eachNetTakesItsWindowAndGivesItsClasses() {
		try (NDManager manager = NDManager.newBaseManager()) {
			for (Networks.Net net : Networks.Net.values()) {
				Block block = Networks.build(net);
				block.initialize(manager, DataType.FLOAT32, net.input(1));
				NDList out = block.forward(new ParameterStore(manager, false), new NDList(manager.zeros(net.input(3))), false);
				assertEquals(new Shape(3, net.classes()), out.singletonOrThrow().getShape(), net.id());
			}
		}
		assertEquals(45, Calibration.CLASSES);
	}

	/**
	 * The detector runs the 12-net over whole pyramid levels: for every step (odd steps put
	 * neighbouring windows on pooling cells of the other parity) each window gets the probability
	 * that the net gives the window cut out on its own.
	 */
	@Test
	void theFullyConvolutional12NetGivesEveryWindowItsOwnProbability() {
		try (NDManager manager = NDManager.newBaseManager()) {
			manager.getEngine().setRandomSeed(3);
			Block block = Networks.build(Networks.Net.NET12);
			block.initialize(manager, DataType.FLOAT32, Networks.Net.NET12.input(1));
			// random weights and biases, so that the probabilities spread over (0, 1)
			block.getParameters().values().forEach(p -> p.getArray().muli(0).addi(manager.randomNormal(p.getArray().getShape()).mul(0.5)));
			com.google.gson.JsonObject info = new com.google.gson.JsonObject();
			CnnModel model = new CnnModel(manager, new java.util.EnumMap<>(Map.of(Networks.Net.NET12, block)), info);
			SplittableRandom random = new SplittableRandom(9);
			int width = 41;
			int height = 30;
			float[] level = new float[width * height];
			for (int i = 0; i < level.length; i++) {
				level[i] = (float) (random.nextDouble() * 2 - 1);
			}
			for (int step : new int[] { 1, 2, 3, 4, 5 }) {
				float[][] scanned = model.scan12(level, width, height, step);
				assertEquals((height - 12) / step + 1, scanned.length, "rows at step " + step);
				List<float[]> windows = new ArrayList<>();
				for (int y = 0; y + 12 <= height; y += step) {
					for (int x = 0; x + 12 <= width; x += step) {
						float[] w = new float[144];
						for (int r = 0; r < 12; r++) {
							System.arraycopy(level, (y + r) * width + x, w, r * 12, 12);
						}
						windows.add(w);
					}
				}
				float[][] alone = model.classify(Networks.Net.NET12, windows);
				double spread = 0;
				int k = 0;
				for (float[] row : scanned) {
					assertEquals((width - 12) / step + 1, row.length, "columns at step " + step);
					for (float p : row) {
						assertEquals(alone[k][1], p, 1e-5, "window " + k + " at step " + step);
						spread = Math.max(spread, Math.abs(p - alone[0][1]));
						k++;
					}
				}
				assertEquals(windows.size(), k);
				assertTrue(spread > 0.05, "the windows differ: " + spread);
			}
		}
	}

	@Test
	void calibrationUndoesItsPattern() {
		for (int n = 0; n < Calibration.CLASSES; n++) {
			double[] w = Calibration.perturb(100, 50, 40, 40, n);
			assertArrayEquals(new double[] { 100, 50, 40, 40 }, Calibration.correct(w[0], w[1], w[2], w[3], n), 1e-9, "pattern " + n);
		}
		// pattern 44: scale 1.21, offsets 0.17, 0.17
		assertArrayEquals(new double[] { 1.21, 0.17, 0.17 }, Calibration.pattern(44));
		float[] confidence = new float[45];
		confidence[44] = 0.9f;
		double[] w = Calibration.perturb(100, 50, 40, 40, 44);
		FaceBox corrected = Calibration.apply(FaceBox.of(w[0], w[1], w[0] + w[2], w[1] + w[3], 0.7), confidence, 0.1);
		assertEquals(100, corrected.x1(), 1e-9);
		assertEquals(90, corrected.y2(), 1e-9);
		assertEquals(0.7, corrected.score());
		// two confident patterns average: scale 1.0 and offsets -0.17 and 0.17 in x cancel
		confidence = new float[45];
		confidence[18] = 0.5f;
		confidence[24] = 0.5f;
		FaceBox averaged = Calibration.apply(FaceBox.of(0, 0, 10, 10, 1), confidence, 0.1);
		assertEquals(0, averaged.x1(), 1e-9);
		assertEquals(10, averaged.width(), 1e-9);
	}

	@Test
	void jitteredFacesStayNearTheFaceAndFollowTheSeed() {
		float[] gray = new float[80 * 80];
		for (int y = 0; y < 80; y++) {
			for (int x = 0; x < 80; x++) {
				gray[y * 80 + x] = 40 + x * 2 + (y / 10 % 2) * 30;
			}
		}
		facet.core.image.IntegralImage image = facet.core.image.IntegralImage.of(gray, 80, 80);
		FaceBox square = FaceBox.of(20, 20, 60, 60, 1);
		float[] plain = Windows.cut(image, square, 24);
		float[] a = CnnTrainer.jittered(image, square, 24, new java.util.SplittableRandom(3));
		float[] b = CnnTrainer.jittered(image, square, 24, new java.util.SplittableRandom(3));
		assertArrayEquals(a, b);
		double difference = 0;
		for (int i = 0; i < plain.length; i++) {
			assertTrue(a[i] >= -1 && a[i] <= 1, "normalized like the nets' windows: " + a[i]);
			difference += Math.abs(a[i] - plain[i]);
		}
		difference /= plain.length;
		assertTrue(difference > 0.005 && difference < 0.4, "a small change of the face window, mean difference " + difference);
	}

	@Test
	void nmsKeepsTheBestOfOverlappingBoxes() {
		List<FaceBox> boxes = List.of(FaceBox.of(0, 0, 10, 10, 0.6), FaceBox.of(1, 1, 11, 11, 0.9), FaceBox.of(50, 50, 60, 60, 0.3),
				FaceBox.of(52, 52, 56, 56, 0.2));
		List<FaceBox> kept = Nms.suppress(boxes, 0.5, false);
		assertEquals(List.of(boxes.get(1), boxes.get(2), boxes.get(3)), kept, "IoU of the small inner box is only 0.16");
		assertEquals(List.of(boxes.get(1), boxes.get(2)), Nms.suppress(boxes, 0.5, true), "the inner box is inside the other");
	}

	@Test
	void trainingLowersTheLoss() throws IOException {
		SplittableRandom r = new SplittableRandom(3);
		List<float[]> x = new ArrayList<>();
		List<Integer> y = new ArrayList<>();
		for (int i = 0; i < 256; i++) {
			int label = i % 2;
			float[] w = new float[144];
			for (int k = 0; k < 144; k++) {
				w[k] = (float) (r.nextDouble() - 0.5) + (label == 1 && k < 72 ? 0.8f : 0);
			}
			x.add(w);
			y.add(label);
		}
		CnnTrainer trainer = new CnnTrainer(new CnnTrainer.Options(6, 10, 0.003f, 32, 1), Progress.NONE);
		trainer.fit(Networks.Net.NET12, x, y, new SplittableRandom(1));
		double[] loss = trainer.losses().get(Networks.Net.NET12);
		assertTrue(loss[loss.length - 1] < 0.5 * loss[0], java.util.Arrays.toString(loss));
	}

	@Test
	void trainsOnGeneratedScenesAndTheModelFolderRoundTrips() throws Exception {
		ModuleDescriptor synthetic = ModuleRegistry.getDefault().get(ModuleKind.DATASET, "synthetic");
		Path scenes = dir.resolve("scenes");
		((DatasetWriter) synthetic.factory()).write(synthetic.settings(Map.of("scenes", 16, "seed", 5)), scenes, DatasetWriter.SCENES, Progress.NONE);
		ModuleDescriptor module = ModuleRegistry.getDefault().get(ModuleKind.DETECTOR, "cascade-cnn");
		Path model = dir.resolve("model");
		String summary = ((TrainableDetector) module.factory()).train(module.settings(Map.of("epochs", 4, "negatives", 600)),
				scenes.resolve("annotations.tsv"), null, model, Progress.NONE);
		assertTrue(Files.isRegularFile(model.resolve("cascade-cnn.json")), summary);
		assertTrue(Files.readString(model.resolve("cascade-cnn.json")).contains("\"jitter\": 2"), "the default recipe jitters the faces");
		for (Networks.Net net : Networks.Net.values()) {
			assertTrue(Files.size(model.resolve(net.id() + ".params")) > 0, net.id());
		}
		var annotated = Files.readAllLines(scenes.resolve("annotations.tsv"));
		Path image = scenes.resolve(annotated.get(1).split("\t")[0]);
		List<FaceBox> first;
		try (FaceDetector detector = module.factory(DetectorFactory.class).create(module.settings(Map.of("model", model.toString())))) {
			first = detector.detect(ImageFiles.read(image, false));
		}
		// read again through the JSON path: the same nets give the same boxes
		try (FaceDetector detector = module.factory(DetectorFactory.class)
				.create(module.settings(Map.of("model", model.resolve("cascade-cnn.json").toString())))) {
			assertEquals(first, detector.detect(ImageFiles.read(image, false)));
		}

		Files.write(model.resolve("net24.params"), java.util.Arrays.copyOf(Files.readAllBytes(model.resolve("net24.params")), 100));
		ModuleException e = assertThrows(ModuleException.class,
				() -> module.factory(DetectorFactory.class).create(module.settings(Map.of("model", model.toString()))));
		assertTrue(e.getMessage().contains("net24.params"), e.getMessage());
		Files.writeString(model.resolve("cascade-cnn.json"), "{\"format\": \"facet-cascade-cnn\", \"version\": 1, \"thr");
		e = assertThrows(ModuleException.class,
				() -> module.factory(DetectorFactory.class).create(module.settings(Map.of("model", model.toString()))));
		assertTrue(e.getMessage().contains("cascade-cnn.json") && e.getMessage().contains("truncated"), e.getMessage());
	}
}
