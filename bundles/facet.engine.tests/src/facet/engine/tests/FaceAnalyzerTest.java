package facet.engine.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.Point;
import facet.core.experiment.ExperimentFormat;
import facet.core.modules.ModuleRegistry;
import facet.core.spi.FaceDetector;
import facet.data.transforms.LandmarkAlignment;
import facet.engine.analyze.FaceAnalyzer;
import facet.engine.data.ChannelStatistics;
import facet.engine.run.ModelInfo;
import facet.engine.run.TrainedModel;

/**
 * The analyze chain's alignment: a model trained with the align preprocessor sees each detected
 * face aligned to its template as in training; any other model sees the upright square crop.
 */
class FaceAnalyzerTest {

	private static final String EXPERIMENT = """
			{"format": 1, "name": "analyzer-%s",
			 "dataset": {"id": "synthetic"},
			 "preprocessors": %s,
			 "backbone": {"id": "separable", "params": {"stages": 2, "width": 8}, "attention": []},
			 "head": {"id": "linear", "params": {}},
			 "loss": {"terms": [{"id": "cross-entropy", "weight": 1}]},
			 "epochs": 1, "batchSize": 4, "seed": 1}
			""";

	private static TrainedModel aligning;
	private static TrainedModel cropping;

	/** A 200×160 RGB picture with a texture, so that every placement of the face gives other pixels. */
	private static final ImageRaster PICTURE = texture(200, 160);

	/** A face turned by 25°: eyes on a tilted line, nose and mouth below it. */
	private static final FaceBox TILTED = tiltedFace(100, 80, 30, Math.toRadians(25));

	@BeforeAll
	static void buildModels() throws Exception {
		ModelInfo info = new ModelInfo(3, 32, 32, new ChannelStatistics(new double[] { 0.5 }, new double[] { 0.25 }), 0);
		aligning = TrainedModel.pretrained(
				ExperimentFormat.parse(EXPERIMENT.formatted("align", "[{\"id\": \"align\", \"params\": {\"size\": 32}}]"), "test"), info,
				ModuleRegistry.getDefault(), "test");
		cropping = TrainedModel.pretrained(
				ExperimentFormat.parse(EXPERIMENT.formatted("resize", "[{\"id\": \"resize\", \"params\": {\"size\": 32}}]"), "test"), info,
				ModuleRegistry.getDefault(), "test");
	}

	@AfterAll
	static void close() {
		aligning.close();
		cropping.close();
	}

	private static ImageRaster texture(int w, int h) {
		byte[] p = new byte[w * h * 3];
		SplittableRandom random = new SplittableRandom(7);
		for (int i = 0; i < p.length; i++) {
			p[i] = (byte) random.nextInt(256);
		}
		return new ImageRaster(w, h, 3, p);
	}

	private static FaceBox tiltedFace(double cx, double cy, double eyeHalf, double angle) {
		double cos = Math.cos(angle);
		double sin = Math.sin(angle);
		double[][] upright = { { -eyeHalf, -15 }, { eyeHalf, -15 }, { 0, 5 }, { -20, 25 }, { 20, 25 } };
		List<Point> points = java.util.Arrays.stream(upright).map(q -> new Point(cx + q[0] * cos - q[1] * sin, cy + q[0] * sin + q[1] * cos))
				.toList();
		return new FaceBox(cx - 40, cy - 45, cx + 40, cy + 45, 0.99, points);
	}

	private static FaceDetector detecting(FaceBox face) {
		return new FaceDetector() {
			@Override
			public List<FaceBox> detect(ImageRaster image) {
				return List.of(face);
			}

			@Override
			public void close() {
			}
		};
	}

	@Test
	void aModelTrainedWithAlignSeesTheFaceAlignedToItsTemplateAsInTraining() throws Exception {
		assertTrue(aligning.placesFaces());
		FaceAnalyzer.Analysis analysis = new FaceAnalyzer(detecting(TILTED), Optional.of(aligning), 0).analyze(null, PICTURE);
		ImageRaster aligned = new LandmarkAlignment(32, 1.0).apply(PICTURE, Optional.of(TILTED), new SplittableRandom(1)).image();
		float[] expected = aligning.predict(List.of(aligned)).get(0);
		assertArrayEquals(expected, analysis.faces().get(0).probabilities().orElseThrow(), 1e-6f);
		float[] squareCrop = aligning.predict(List.of(FaceAnalyzer.squareCrop(PICTURE, TILTED, 0))).get(0);
		assertFalse(java.util.Arrays.equals(squareCrop, expected), "the test needs a network that tells the two crops apart");
	}

	@Test
	void anyOtherModelSeesTheUprightSquareCrop() throws Exception {
		assertFalse(cropping.placesFaces());
		FaceAnalyzer.Analysis analysis = new FaceAnalyzer(detecting(TILTED), Optional.of(cropping), 0.1).analyze(null, PICTURE);
		float[] expected = cropping.predict(List.of(FaceAnalyzer.uprightCrop(PICTURE, TILTED, 0.1))).get(0);
		assertArrayEquals(expected, analysis.faces().get(0).probabilities().orElseThrow(), 1e-6f);
	}

	@Test
	void theUprightCropLevelsTheEyes() {
		byte[] p = new byte[200 * 160];
		FaceBox face = tiltedFace(100, 80, 30, Math.toRadians(-30));
		for (int k = 0; k < 2; k++) {
			Point eye = face.landmarks().get(k);
			for (int dy = -1; dy <= 1; dy++) {
				for (int dx = -1; dx <= 1; dx++) {
					p[((int) Math.round(eye.y()) + dy) * 200 + (int) Math.round(eye.x()) + dx] = (byte) 255;
				}
			}
		}
		ImageRaster crop = FaceAnalyzer.uprightCrop(new ImageRaster(200, 160, 1, p), face, 0);
		assertEquals(90, crop.width(), "the square of the box's longer side");
		double[] left = brightest(crop, 0, crop.width() / 2);
		double[] right = brightest(crop, crop.width() / 2, crop.width());
		assertEquals(left[1], right[1], 1.0, "eyes on one row: left " + java.util.Arrays.toString(left) + ", right " + java.util.Arrays.toString(right));
		assertEquals(60, right[0] - left[0], 1.5, "the eye distance is kept");
		// whichever eye a detector calls left, the crop is the same
		FaceBox swapped = new FaceBox(face.x1(), face.y1(), face.x2(), face.y2(), face.score(),
				List.of(face.landmarks().get(1), face.landmarks().get(0), face.landmarks().get(2), face.landmarks().get(4), face.landmarks().get(3)));
		assertArrayEquals(crop.pixels(), FaceAnalyzer.uprightCrop(new ImageRaster(200, 160, 1, p), swapped, 0).pixels());
	}

	@Test
	void withoutLandmarksTheSquareCropIsUsed() {
		FaceBox plain = FaceBox.of(60, 35, 140, 125, 0.9);
		assertArrayEquals(FaceAnalyzer.squareCrop(PICTURE, plain, 0.2).pixels(), FaceAnalyzer.uprightCrop(PICTURE, plain, 0.2).pixels());
	}

	/** Centre of mass of the bright pixels in columns [from, to). */
	private static double[] brightest(ImageRaster image, int from, int to) {
		double sx = 0;
		double sy = 0;
		double n = 0;
		for (int y = 0; y < image.height(); y++) {
			for (int x = from; x < to; x++) {
				int v = image.pixels()[y * image.width() + x] & 0xff;
				if (v > 60) {
					sx += x * v;
					sy += y * v;
					n += v;
				}
			}
		}
		return new double[] { sx / n, sy / n };
	}
}
