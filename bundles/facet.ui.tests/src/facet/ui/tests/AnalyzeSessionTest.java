package facet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.core.ExpressionClass;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.experiment.ExperimentFormat;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.RunStore;
import facet.engine.analyze.FaceAnalyzer;
import facet.engine.data.ChannelStatistics;
import facet.engine.run.ModelInfo;
import facet.engine.run.TrainedModel;
import facet.ui.internal.analyze.AnalyzeSession;
import facet.ui.internal.common.ModelSource;

/** The analyze view's session: stepping through images, and the engine's analysis with a detector and a model. */
class AnalyzeSessionTest {

	private static final String EXPERIMENT = """
			{"format": 1, "name": "tiny",
			 "dataset": {"id": "synthetic"},
			 "preprocessors": [],
			 "backbone": {"id": "separable", "params": {"stages": 2, "width": 8}, "attention": []},
			 "head": {"id": "linear", "params": {}},
			 "loss": {"terms": [{"id": "cross-entropy", "weight": 1}]},
			 "epochs": 1, "batchSize": 4, "seed": 1}
			""";

	@TempDir
	static Path dir;

	private static ModelSource models;
	private static AnalyzeSession session;
	private static Path photo;

	@BeforeAll
	static void open() throws Exception {
		ModuleRegistry registry = ModuleRegistry.getDefault();
		models = new ModelSource(new RunStore(dir.resolve("runs")), registry);
		ModelInfo info = new ModelInfo(3, 32, 32, new ChannelStatistics(new double[] { 0.5 }, new double[] { 0.25 }), 0);
		models.put("tiny", TrainedModel.pretrained(ExperimentFormat.parse(EXPERIMENT, "test"), info, registry, "test"));
		session = new AnalyzeSession(registry, models);
		byte[] pixels = new byte[80 * 60 * 3];
		for (int i = 0; i < pixels.length; i++) {
			pixels[i] = (byte) ((i * 13) % 200 + 20);
		}
		photo = dir.resolve("photo.png");
		ImageFiles.writePng(new ImageRaster(80, 60, 3, pixels), photo);
	}

	@AfterAll
	static void close() {
		session.close();
		models.close();
	}

	@Test
	void stepsStayWithinTheImages() {
		AnalyzeSession s = new AnalyzeSession(ModuleRegistry.getDefault(), models);
		assertTrue(s.current().isEmpty());
		assertTrue(s.position().startsWith("no image"));
		assertFalse(s.step(1));
		s.setImages(List.of(dir.resolve("a.png"), dir.resolve("b.png"), dir.resolve("c.png")));
		assertEquals("1 / 3  a.png", s.position());
		assertFalse(s.step(-1), "nothing before the first");
		assertTrue(s.step(1));
		assertTrue(s.step(5));
		assertEquals(2, s.index(), "stops at the last");
		assertEquals(dir.resolve("c.png"), s.current().orElseThrow());
		s.setImages(List.of(dir.resolve("d.png")));
		assertEquals(0, s.index(), "a new list starts at its first image");
	}

	@Test
	void analysisFindsTheFaceAndClassifiesIt() throws Exception {
		AnalyzeSession.Result result = session.analyze(photo, "test-detector", "tiny", 0.0);
		FaceAnalyzer.Analysis analysis = result.analysis();
		assertEquals(1, analysis.faces().size(), "the test detector reports one face");
		float[] p = analysis.faces().get(0).probabilities().orElseThrow();
		assertEquals(ExpressionClass.COUNT, p.length);
		double sum = 0;
		for (float v : p) {
			sum += v;
		}
		assertEquals(1.0, sum, 1e-4);
		assertEquals(80, result.annotated().width());
		assertNotEquals(Arrays.hashCode(ImageFiles.read(photo, false).pixels()), Arrays.hashCode(result.annotated().pixels()),
				"the box is drawn");
	}

	@Test
	void detectOnlyWithoutAModelAndClearErrors() throws Exception {
		AnalyzeSession.Result result = session.analyze(photo, "test-detector", null, 0.0);
		assertTrue(result.analysis().faces().get(0).probabilities().isEmpty());
		Exception unknown = assertThrows(Exception.class, () -> session.analyze(photo, "no-such-detector", null, 0.0));
		assertTrue(unknown.getMessage().contains("no-such-detector"), unknown.getMessage());
		Exception missing = assertThrows(Exception.class, () -> session.analyze(dir.resolve("gone.png"), "test-detector", null, 0.0));
		assertTrue(missing.getMessage().contains("gone.png"), missing.getMessage());
	}
}
