package facet.detect.adaboost.tests;

import facet.core.image.IntegralImage;
import facet.core.detection.FaceAnnotations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.core.FaceBox;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.Progress;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.spi.DatasetWriter;
import facet.core.spi.DetectorFactory;
import facet.core.spi.FaceDetector;
import facet.core.spi.TrainableDetector;
import facet.detect.adaboost.internal.Cascade;
import facet.detect.adaboost.internal.CascadeTrainer;
import facet.detect.adaboost.internal.HaarFeature;
import facet.detect.adaboost.internal.Stump;
import facet.detect.adaboost.internal.WindowGrouping;

/** Facet's own Viola-Jones: integral image, features, boosting, cascade, model file, training end to end. */
class ViolaJonesTest {

	@TempDir
	Path dir;

	private static float[] ramp(int w, int h) {
		float[] v = new float[w * h];
		for (int i = 0; i < v.length; i++) {
			v[i] = i % 7 + i / w;
		}
		return v;
	}

	@Test
	void integralImageSumsEveryRectangleExactly() {
		int w = 9;
		int h = 7;
		float[] v = ramp(w, h);
		IntegralImage ii = IntegralImage.of(v, w, h);
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				for (int rh = 1; y + rh <= h; rh++) {
					for (int rw = 1; x + rw <= w; rw++) {
						double sum = 0;
						double squares = 0;
						for (int j = y; j < y + rh; j++) {
							for (int i = x; i < x + rw; i++) {
								sum += v[j * w + i];
								squares += v[j * w + i] * v[j * w + i];
							}
						}
						assertEquals(sum, ii.sum(x, y, rw, rh), 1e-9);
						assertEquals(squares, ii.squareSum(x, y, rw, rh), 1e-9);
					}
				}
			}
		}
	}

	@Test
	void featureValuesOnHandMadeImages() {
		// left half 200, right half 0: the horizontal edge feature over the whole window
		float[] v = new float[24 * 24];
		for (int y = 0; y < 24; y++) {
			for (int x = 0; x < 12; x++) {
				v[y * 24 + x] = 200;
			}
		}
		IntegralImage ii = IntegralImage.of(v, 24, 24);
		HaarFeature edge = new HaarFeature(HaarFeature.Type.EDGE_HORIZONTAL, 0, 0, 12, 24);
		assertEquals(200.0 * 12 * 24, edge.raw(ii, 0, 0), 1e-9);
		// mean 100, deviation 100: the normalized value is (200 - 0) / 100 = 2 per cell pixel
		assertEquals(100, ii.deviation(0, 0, 24, 24), 1e-9);
		assertEquals(2.0, edge.value(ii, 0, 0, 100), 1e-6);
		assertEquals(0.0, new HaarFeature(HaarFeature.Type.EDGE_VERTICAL, 0, 0, 24, 12).raw(ii, 0, 0), 1e-9);
		// a bright middle third: the line feature is 2 * centre - sides
		float[] line = new float[24 * 24];
		for (int y = 0; y < 24; y++) {
			for (int x = 8; x < 16; x++) {
				line[y * 24 + x] = 90;
			}
		}
		IntegralImage li = IntegralImage.of(line, 24, 24);
		assertEquals(2 * 90.0 * 8 * 24, new HaarFeature(HaarFeature.Type.LINE_HORIZONTAL, 0, 0, 8, 24).raw(li, 0, 0), 1e-9);
		// a checkerboard of four 12x12 squares, bright top left and bottom right
		float[] checker = new float[24 * 24];
		for (int y = 0; y < 24; y++) {
			for (int x = 0; x < 24; x++) {
				checker[y * 24 + x] = (x < 12) == (y < 12) ? 50 : 10;
			}
		}
		IntegralImage ci = IntegralImage.of(checker, 24, 24);
		assertEquals(2 * 40.0 * 144, new HaarFeature(HaarFeature.Type.CHECKER, 0, 0, 12, 12).raw(ci, 0, 0), 1e-9);
		// a uniform image: every feature is 0 (weights times areas sum to zero)
		IntegralImage flat = IntegralImage.of(new float[24 * 24], 24, 24);
		for (HaarFeature f : HaarFeature.sample(24, 500, 3)) {
			assertEquals(0.0, f.raw(flat, 0, 0), 1e-9, f.toString());
		}
	}

	@Test
	void thePoolHoldsEveryFeatureOfTheWindowAndSamplesAreSeeded() {
		assertEquals(162_336, HaarFeature.all(24).size());
		assertTrue(HaarFeature.all(24).stream().allMatch(f -> f.fits(24)));
		assertEquals(HaarFeature.sample(24, 100, 5), HaarFeature.sample(24, 100, 5));
		assertEquals(100, HaarFeature.sample(24, 100, 5).stream().distinct().count());
	}

	@Test
	void aStumpSeparatesSeparableDataAndAdaBoostCombinesStumps() {
		float[] values = { 0.1f, 0.5f, 0.3f, 0.9f, 1.2f, 0.8f };
		boolean[] positive = { true, true, true, false, false, false };
		double[] weights = new double[6];
		java.util.Arrays.fill(weights, 1 / 6.0);
		int[] order = { 0, 2, 1, 5, 3, 4 };
		double[] best = Stump.best(values, order, positive, weights);
		assertEquals(0, best[0], 1e-12);
		Stump stump = new Stump(new HaarFeature(HaarFeature.Type.EDGE_VERTICAL, 0, 0, 1, 1), best[1], (int) best[2], 1);
		for (int i = 0; i < 6; i++) {
			assertEquals(positive[i], stump.face(values[i]));
		}
		// reversed labels: the same threshold, the other polarity
		double[] reversed = Stump.best(values, order, new boolean[] { false, false, false, true, true, true }, weights);
		assertEquals(0, reversed[0], 1e-12);
		assertEquals(-best[2], reversed[2]);

		// toy windows: faces bright on top, background random; a stage must reach its targets
		SplittableRandom r = new SplittableRandom(4);
		List<float[]> faces = new ArrayList<>();
		List<float[]> background = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			faces.add(toyFace(r));
			background.add(noise(r));
		}
		CascadeTrainer trainer = new CascadeTrainer(new CascadeTrainer.Options(24, 1, 0.99, 0.05, 0, 300, 60, 20, 1), Progress.NONE);
		CascadeTrainer.StageResult result = trainer.trainStage(HaarFeature.sample(24, 300, 1), faces, background);
		assertTrue(result.hitRate() >= 0.99, "hit rate " + result.hitRate());
		assertTrue(result.falseAlarm() <= 0.05, "false alarms " + result.falseAlarm());
		Cascade cascade = new Cascade(24, new double[] { 0, 0, 1, 1 }, List.of(result.stage()), null);
		// unseen windows of both kinds
		int right = 0;
		for (int i = 0; i < 50; i++) {
			right += cascade.face(IntegralImage.of(toyFace(r), 24, 24), 0, 0) ? 1 : 0;
			right += cascade.face(IntegralImage.of(noise(r), 24, 24), 0, 0) ? 0 : 1;
		}
		assertTrue(right >= 90, right + " of 100 unseen toy windows right");
	}

	private static float[] toyFace(SplittableRandom r) {
		float[] v = noise(r);
		for (int y = 0; y < 10; y++) {
			for (int x = 0; x < 24; x++) {
				v[y * 24 + x] += 120;
			}
		}
		return v;
	}

	private static float[] noise(SplittableRandom r) {
		float[] v = new float[24 * 24];
		for (int i = 0; i < v.length; i++) {
			v[i] = (float) (60 + 40 * r.nextDouble());
		}
		return v;
	}

	@Test
	void groupingMergesNeighboursAndDropsLoneWindows() {
		List<FaceBox> windows = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			windows.add(FaceBox.of(100 + i, 50 + i, 140 + i, 90 + i, 1));
		}
		windows.add(FaceBox.of(300, 10, 330, 40, 1));
		List<FaceBox> groups = WindowGrouping.group(windows, 2, 0.2);
		assertEquals(1, groups.size(), groups.toString());
		assertEquals(101.5, groups.get(0).x1(), 1e-9);
		assertEquals(4 / 7.0, groups.get(0).score(), 1e-9);
	}

	@Test
	void modelFileRoundTripAndBadFiles() throws IOException, ModuleException {
		HaarFeature f = new HaarFeature(HaarFeature.Type.LINE_VERTICAL, 2, 3, 4, 5);
		Cascade cascade = new Cascade(24, new double[] { 0.1, -0.2, 0.8, 1.3 },
				List.of(new Cascade.Stage(List.of(new Stump(f, -0.25, -1, 1.5), new Stump(f, 0.5, 1, 0.7)), 1.1)), null);
		Path file = dir.resolve("vj.json");
		cascade.write(file);
		Cascade back = Cascade.read(file);
		assertEquals(cascade.stages(), back.stages());
		assertEquals(0.8, back.box()[2]);

		String text = Files.readString(file);
		Path truncated = dir.resolve("truncated.json");
		Files.writeString(truncated, text.substring(0, text.length() / 2));
		IOException e = assertThrows(IOException.class, () -> Cascade.read(truncated));
		assertTrue(e.getMessage().startsWith(truncated.toString()) && e.getMessage().contains("truncated"), e.getMessage());

		Path wrong = dir.resolve("wrong.json");
		Files.writeString(wrong, "{\"format\": \"facet-model\", \"channels\": 1}");
		e = assertThrows(IOException.class, () -> Cascade.read(wrong));
		assertTrue(e.getMessage().startsWith(wrong.toString()) && e.getMessage().contains("facet-viola-jones"), e.getMessage());

		Path badFeature = dir.resolve("bad-feature.json");
		Files.writeString(badFeature, text.replace("\"cellHeight\": 5", "\"cellHeight\": 9"));
		e = assertThrows(IOException.class, () -> Cascade.read(badFeature));
		assertTrue(e.getMessage().startsWith(badFeature.toString()) && e.getMessage().contains("stage 0, stump 0"), e.getMessage());

		Path missing = dir.resolve("missing.json");
		e = assertThrows(IOException.class, () -> Cascade.read(missing));
		assertTrue(e.getMessage().startsWith(missing.toString()), e.getMessage());

		ModuleDescriptor module = ModuleRegistry.getDefault().get(ModuleKind.DETECTOR, "viola-jones");
		ModuleException m = assertThrows(ModuleException.class,
				() -> module.factory(DetectorFactory.class).create(module.settings(Map.of("model", truncated.toString()))));
		assertTrue(m.getMessage().contains(truncated.toString()), m.getMessage());
		m = assertThrows(ModuleException.class, () -> module.factory(DetectorFactory.class).create(module.defaults()));
		assertTrue(m.getMessage().contains("model"), m.getMessage());
	}

	@Test
	void annotationReaderReadsScenesAndWiderAndNamesBadLines() throws IOException {
		Path tsv = dir.resolve("annotations.tsv");
		Files.writeString(tsv, "image\tx1\ty1\tx2\ty2\n" + "images/a.png\t1\t2\t11\t12\nimages/a.png\t20\t20\t30\t30\nimages/b.png\t0\t0\t5\t5\n");
		List<FaceAnnotations.AnnotatedImage> scenes = FaceAnnotations.read(tsv, null);
		assertEquals(2, scenes.size());
		assertEquals(2, scenes.get(0).faces().size());
		assertEquals(dir.resolve("images/a.png"), scenes.get(0).image());

		Path wider = dir.resolve("wider_face_val_bbx_gt.txt");
		Files.writeString(wider, "0--Parade/0_1.jpg\n2\n10 20 30 40 0 0 0 0 0 0\n5 5 10 10 0 0 0 1 0 0\n1--Handshaking/1_2.jpg\n0\n0 0 0 0 0 0 0 0 0 0\n",
				StandardCharsets.UTF_8);
		List<FaceAnnotations.AnnotatedImage> w = FaceAnnotations.read(wider, dir.resolve("images"));
		assertEquals(2, w.size());
		assertEquals(List.of(FaceBox.of(10, 20, 40, 60, 1)), w.get(0).faces(), "the invalid face is skipped");
		assertTrue(w.get(1).faces().isEmpty());

		Path bad = dir.resolve("bad.txt");
		Files.writeString(bad, "a.jpg\ntwo\n");
		IOException e = assertThrows(IOException.class, () -> FaceAnnotations.read(bad, null));
		assertTrue(e.getMessage().startsWith(bad + ":2:"), e.getMessage());
	}

	@Test
	void trainsOnAFewGeneratedScenesAndFindsAFace() throws Exception {
		ModuleDescriptor synthetic = ModuleRegistry.getDefault().get(ModuleKind.DATASET, "synthetic");
		Path scenes = dir.resolve("scenes");
		((DatasetWriter) synthetic.factory()).write(synthetic.settings(Map.of("scenes", 24, "seed", 5)), scenes, DatasetWriter.SCENES, Progress.NONE);
		ModuleDescriptor module = ModuleRegistry.getDefault().get(ModuleKind.DETECTOR, "viola-jones");
		Path model = dir.resolve("model.json");
		TrainableDetector trainer = (TrainableDetector) module.factory();
		List<String> stageLines = new ArrayList<>();
		Progress progress = new Progress() {
			@Override
			public void begin(String task, long totalWork) {
			}

			@Override
			public void worked(long units, String message) {
				if (message != null && message.startsWith("stage")) {
					stageLines.add(message);
				}
			}

			@Override
			public boolean isCanceled() {
				return false;
			}
		};
		String summary = trainer.train(module.settings(Map.of("stages", 6, "features", 800, "negatives", 300, "hitRate", 0.99)),
				scenes.resolve("annotations.tsv"), null, model, progress);
		assertTrue(summary.contains("stages"), summary);
		Cascade cascade = Cascade.read(model);
		assertFalse(cascade.stages().isEmpty());
		// each stage met its targets on its own training windows (or stopped at maxStumps = 100)
		for (int i = 0; i < cascade.stages().size(); i++) {
			var info = cascade.training().getAsJsonArray("stages").get(i).getAsJsonObject();
			assertTrue(info.get("hitRate").getAsDouble() >= 0.99, stageLines.get(i));
			assertTrue(info.get("falseAlarm").getAsDouble() <= 0.5 || info.get("stumps").getAsInt() == 100, stageLines.get(i));
		}
		List<FaceAnnotations.AnnotatedImage> annotated = FaceAnnotations.read(scenes.resolve("annotations.tsv"), null);
		int matched = 0;
		try (FaceDetector detector = module.factory(DetectorFactory.class)
				.create(module.settings(Map.of("model", model.toString(), "minNeighbors", 2)))) {
			for (FaceAnnotations.AnnotatedImage a : annotated.subList(0, 6)) {
				ImageRaster image = ImageFiles.read(a.image(), false);
				for (FaceBox found : detector.detect(image)) {
					assertTrue(found.x1() >= 0 && found.x2() <= image.width() && found.score() > 0 && found.score() < 1, found.toString());
					if (a.faces().stream().anyMatch(f -> f.iou(found) >= 0.4)) {
						matched++;
					}
				}
			}
		}
		assertTrue(matched >= 1, "no face found again in the training scenes");
	}

	@Test
	void sameDataAndSeedGiveTheSameCascadeFileWithAnyNumberOfThreads() throws Exception {
		ModuleDescriptor synthetic = ModuleRegistry.getDefault().get(ModuleKind.DATASET, "synthetic");
		Path scenes = dir.resolve("scenes");
		((DatasetWriter) synthetic.factory()).write(synthetic.settings(Map.of("scenes", 16, "seed", 7)), scenes, DatasetWriter.SCENES, Progress.NONE);
		// a face-free background: stripes and noise
		Path backgrounds = dir.resolve("backgrounds");
		Files.createDirectories(backgrounds);
		SplittableRandom r = new SplittableRandom(9);
		byte[] pixels = new byte[160 * 120];
		for (int i = 0; i < pixels.length; i++) {
			pixels[i] = (byte) ((i % 160 / 8 % 2) * 90 + r.nextInt(100));
		}
		ImageFiles.writePng(new ImageRaster(160, 120, 1, pixels), backgrounds.resolve("stripes.png"));
		ModuleDescriptor module = ModuleRegistry.getDefault().get(ModuleKind.DETECTOR, "viola-jones");
		TrainableDetector trainer = (TrainableDetector) module.factory();
		List<byte[]> files = new ArrayList<>();
		for (int threads : new int[] { 1, 3, 1 }) {
			Path model = dir.resolve("model-" + files.size() + ".json");
			trainer.train(module.settings(Map.of("stages", 3, "features", 300, "negatives", 200, "maxStumps", 15, "jitter", 2, "backgrounds",
					backgrounds.toString(), "threads", threads)), scenes.resolve("annotations.tsv"), null, model, Progress.NONE);
			files.add(Files.readAllBytes(model));
		}
		assertTrue(java.util.Arrays.equals(files.get(0), files.get(1)), "1 and 3 threads gave different cascade files");
		assertTrue(java.util.Arrays.equals(files.get(0), files.get(2)), "two runs on 1 thread gave different cascade files");
		var training = Cascade.read(dir.resolve("model-0.json")).training();
		// each face as it is, mirrored and in 2 jittered copies
		assertEquals(4 * training.get("faces").getAsInt(), training.get("faceWindows").getAsInt());
		assertEquals("stripes.png", training.getAsJsonArray("backgrounds").get(0).getAsString());
		assertFalse(training.has("seconds"), "a training time in the file would differ between runs");

		ModuleException e = assertThrows(ModuleException.class, () -> trainer.train(module.settings(Map.of("backgrounds", dir.resolve("none").toString())),
				scenes.resolve("annotations.tsv"), null, dir.resolve("never.json"), Progress.NONE));
		assertTrue(e.getMessage().contains(dir.resolve("none").toString()), e.getMessage());
	}
}
