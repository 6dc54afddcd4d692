package facet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.core.ExpressionClass;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.Progress;
import facet.core.experiment.ExperimentFormat;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.Run;
import facet.core.runs.RunStore;
import facet.engine.data.ChannelStatistics;
import facet.engine.heatmap.Colormap;
import facet.engine.heatmap.HeatmapRenderer;
import facet.engine.run.ModelInfo;
import facet.engine.run.PretrainedModel;
import facet.engine.run.TrainedModel;
import facet.engine.tests.fixtures.FakeRuns;
import facet.ui.internal.common.ImageInputs;
import facet.ui.internal.heatmap.HeatmapComputation;
import facet.ui.internal.heatmap.HeatmapComputation.FaceMaps;
import facet.ui.internal.heatmap.HeatmapComputation.Method;
import facet.ui.internal.heatmap.HeatmapComputation.Request;
import facet.ui.internal.common.ModelSource;

/**
 * The heatmap viewer's computation on two small untrained networks (one with attention modules,
 * one without) built from experiments as a run builds them: faces × models side by side,
 * Grad-CAM at a chosen stage and class, attention maps, a model that cannot answer reported in
 * its place, and overlays at any opacity without computing again.
 */
class HeatmapComputationTest {

	private static final String ATTENTION = """
			{"format": 1, "name": "with-attention",
			 "dataset": {"id": "synthetic"},
			 "preprocessors": [],
			 "backbone": {"id": "separable", "params": {"stages": 3, "width": 8},
			              "attention": [{"id": "cbam", "stage": "stage1", "params": {"reduction": 4}},
			                            {"id": "se", "stage": "stage2", "params": {"reduction": 4}}]},
			 "head": {"id": "linear", "params": {}},
			 "loss": {"terms": [{"id": "cross-entropy", "weight": 1}]},
			 "epochs": 1, "batchSize": 4, "seed": 1}
			""";
	private static final String PLAIN = ATTENTION.replace("with-attention", "plain").replaceAll("(?s)\"attention\": \\[.*?\\]\\}", "\"attention\": []}");

	@TempDir
	static Path dir;

	private static ModelSource models;
	private static HeatmapComputation computation;
	private static Path photo;

	@BeforeAll
	static void buildModels() throws Exception {
		ModuleRegistry registry = ModuleRegistry.getDefault();
		models = new ModelSource(new RunStore(dir.resolve("runs")), registry);
		ModelInfo info = new ModelInfo(3, 32, 32, new ChannelStatistics(new double[] { 0.5 }, new double[] { 0.25 }), 0);
		models.put("attention", TrainedModel.pretrained(ExperimentFormat.parse(ATTENTION, "test"), info, registry, "test"));
		models.put("plain", TrainedModel.pretrained(ExperimentFormat.parse(PLAIN, "test"), info, registry, "test"));
		computation = new HeatmapComputation(models, registry);
		byte[] pixels = new byte[60 * 40 * 3];
		for (int i = 0; i < pixels.length; i++) {
			pixels[i] = (byte) ((i * 31) % 251);
		}
		photo = dir.resolve("face.png");
		ImageFiles.writePng(new ImageRaster(60, 40, 3, pixels), photo);
	}

	@AfterAll
	static void close() {
		models.close();
	}

	@Test
	void gradCamOfTwoModelsSideBySideOnTheWholeImage() throws Exception {
		List<FaceMaps> faces = computation.compute(new Request(List.of(photo, photo), List.of("attention", "plain"), Method.GRAD_CAM, null,
				OptionalInt.empty(), null), Progress.NONE);
		assertEquals(2, faces.size(), "one face per image without a detector");
		FaceMaps face = faces.get(0);
		assertEquals(60, face.crop().width(), "the square around the whole image, cut to it");
		assertEquals(List.of("attention", "plain"), face.models().stream().map(HeatmapComputation.ModelMaps::model).toList());
		for (HeatmapComputation.ModelMaps m : face.models()) {
			assertNull(m.error(), m.caption());
			assertEquals(1, m.panels().size());
			assertEquals(ExpressionClass.COUNT, m.probabilities().length);
			assertTrue(m.panels().get(0).title().startsWith("Grad-CAM stage3"), m.panels().get(0).title());
			assertTrue(m.caption().startsWith(m.model() + ": "), m.caption());
		}
	}

	@Test
	void gradCamPlusPlusAtAStageForAClass() throws Exception {
		assertEquals(List.of("stem", "stage1", "stage2", "stage3"), computation.stages("plain").subList(0, 4));
		List<FaceMaps> faces = computation.compute(new Request(List.of(photo), List.of("plain"), Method.GRAD_CAM_PP, "stage1",
				OptionalInt.of(ExpressionClass.HAPPINESS.ordinal()), null), Progress.NONE);
		HeatmapComputation.Panel panel = faces.get(0).models().get(0).panels().get(0);
		assertEquals("Grad-CAM++ stage1, " + ExpressionClass.HAPPINESS.label(), panel.title());
		assertNotNull(panel.map());
	}

	@Test
	void attentionMapsOfEachModuleAndAModelWithoutAttentionSaysSo() throws Exception {
		List<FaceMaps> faces = computation.compute(new Request(List.of(photo), List.of("attention", "plain"), Method.ATTENTION, null,
				OptionalInt.empty(), null), Progress.NONE);
		HeatmapComputation.ModelMaps withAttention = faces.get(0).models().get(0);
		assertEquals(2, withAttention.panels().size(), "cbam and se: " + withAttention.panels());
		assertTrue(withAttention.panels().get(0).title().contains("cbam"), withAttention.panels().get(0).title());
		assertNotNull(withAttention.panels().get(0).map(), "cbam has a spatial map");
		assertNull(withAttention.panels().get(1).map(), "se weighs channels only");
		assertNotNull(withAttention.panels().get(1).channels());
		HeatmapComputation.ModelMaps plain = faces.get(0).models().get(1);
		assertTrue(plain.panels().isEmpty());
		assertTrue(plain.caption().contains("no attention module"), plain.caption());
	}

	@Test
	void opacityBlendsAgainWithoutComputing() throws Exception {
		FaceMaps face = computation.compute(new Request(List.of(photo), List.of("plain"), Method.GRAD_CAM, null, OptionalInt.empty(), null),
				Progress.NONE).get(0);
		HeatmapComputation.Panel panel = face.models().get(0).panels().get(0);
		ImageRaster none = HeatmapComputation.overlay(face.crop(), panel, new HeatmapRenderer(Colormap.TURBO, 0), 120);
		ImageRaster full = HeatmapComputation.overlay(face.crop(), panel, new HeatmapRenderer(Colormap.TURBO, 1), 120);
		assertEquals(120, none.width());
		assertEquals(ImageFiles.resize(face.crop(), 120, 120).pixels()[0], none.pixels()[0], "opacity 0 is the face");
		assertNotEquals(Arrays.hashCode(none.pixels()), Arrays.hashCode(full.pixels()));
		ImageRaster bars = HeatmapComputation.overlay(face.crop(), new HeatmapComputation.Panel("se", null, new float[] { 0.2f, 0.9f }),
				new HeatmapRenderer(Colormap.TURBO, 0.5), 120);
		assertTrue(bars.width() > 120, "channel weights are drawn as a bar chart");
	}

	@Test
	void badRequestsAndBadInputsAreClearErrors() throws Exception {
		assertThrows(IllegalArgumentException.class,
				() -> new Request(List.of(), List.of("plain"), Method.GRAD_CAM, null, OptionalInt.empty(), null));
		assertThrows(IllegalArgumentException.class, () -> new Request(List.of(photo), List.of(), Method.GRAD_CAM, null, OptionalInt.empty(), null));
		Path missing = dir.resolve("missing.png");
		Exception e = assertThrows(Exception.class, () -> computation.compute(
				new Request(List.of(missing), List.of("plain"), Method.GRAD_CAM, null, OptionalInt.empty(), null), Progress.NONE));
		assertTrue(e.getMessage().contains("missing.png"), e.getMessage());
		Exception detector = assertThrows(Exception.class, () -> computation.compute(
				new Request(List.of(photo), List.of("plain"), Method.GRAD_CAM, null, OptionalInt.empty(), "no-such-detector"), Progress.NONE));
		assertTrue(detector.getMessage().contains("no-such-detector"), detector.getMessage());
		Exception run = assertThrows(Exception.class, () -> models.open("no-such-run"));
		assertTrue(run.getMessage().contains("no-such-run"), run.getMessage());
	}

	@Test
	void modelNamesArePretrainedWhenInstalledAndRunsWithCheckpoints() throws Exception {
		FakeRuns fake = new FakeRuns(dir.resolve("store"));
		Run withCheckpoint = fake.run(FakeRuns.experiment("resnet", 1, false, true, false), FakeRuns.firstRight(10, 5), 0);
		Files.createDirectories(withCheckpoint.folder().resolve("checkpoints").resolve("best"));
		Run without = fake.run(FakeRuns.experiment("resnet", 2, false, true, false), FakeRuns.firstRight(10, 5), 0);
		try (ModelSource source = new ModelSource(fake.store(), ModuleRegistry.getDefault())) {
			List<String> names = source.names();
			assertEquals(PretrainedModel.available(ModuleRegistry.getDefault()), names.contains(PretrainedModel.NAME));
			assertTrue(names.contains(withCheckpoint.id()), names.toString());
			assertTrue(!names.contains(without.id()), "a run without checkpoints has no model: " + names);
		}
	}

	@Test
	void foldersExpandToTheirImagesSorted() throws Exception {
		Path folder = Files.createDirectories(dir.resolve("images"));
		Files.writeString(folder.resolve("notes.txt"), "x");
		Files.copy(photo, folder.resolve("b.png"));
		Files.copy(photo, folder.resolve("a.JPG"));
		assertEquals(List.of(folder.resolve("a.JPG"), folder.resolve("b.png")), ImageInputs.expand(folder));
		Path empty = Files.createDirectories(dir.resolve("empty"));
		Exception e = assertThrows(Exception.class, () -> ImageInputs.expand(empty));
		assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
	}
}
