package facet.engine.heatmap.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.types.Shape;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.experiment.ExperimentFormat;
import facet.core.modules.ModuleRegistry;
import facet.engine.data.ChannelStatistics;
import facet.engine.heatmap.AttentionMap;
import facet.engine.heatmap.FaceAttention;
import facet.engine.heatmap.FaceAttentionStudy;
import facet.engine.heatmap.GradCam;
import facet.engine.heatmap.Heatmap;
import facet.engine.heatmap.ModelHeatmaps;
import facet.engine.heatmap.ModuleMaps;
import facet.engine.run.ModelInfo;
import facet.engine.run.TrainedModel;

/**
 * The maps of every attention module of a small network with BatchNorm (the separable backbone),
 * built from an experiment through the module registry as a run is: in forward order, named by
 * their ids, at their stages' shapes; and Grad-CAM through the same model.
 */
class AttentionMapsTest {

	/** Attention listed out of stage order on purpose: the maps must come in forward order. */
	private static final String EXPERIMENT = """
			{"format": 1, "name": "attention-maps",
			 "dataset": {"id": "synthetic"},
			 "preprocessors": [],
			 "backbone": {"id": "separable", "params": {"stages": 3, "width": 8},
			              "attention": [{"id": "msa", "stage": "stage2"},
			                            {"id": "se", "stage": "stem", "params": {"reduction": 4}},
			                            {"id": "cbam", "stage": "stage1", "params": {"reduction": 4}},
			                            {"id": "csam", "stage": "stage1", "params": {"reduction": 4}},
			                            {"id": "cam", "stage": "stage2", "params": {"reduction": 4}}]},
			 "head": {"id": "linear", "params": {}},
			 "loss": {"terms": [{"id": "cross-entropy", "weight": 1}]},
			 "epochs": 1, "batchSize": 4, "seed": 1}
			""";

	private static TrainedModel model;
	private static ModelHeatmaps heatmaps;

	@BeforeAll
	static void buildTheModel() throws Exception {
		ModelInfo info = new ModelInfo(3, 32, 32, new ChannelStatistics(new double[] { 0.5 }, new double[] { 0.25 }), 0);
		model = TrainedModel.pretrained(ExperimentFormat.parse(EXPERIMENT, "test"), info, ModuleRegistry.getDefault(), "test");
		heatmaps = new ModelHeatmaps(model);
	}

	@AfterAll
	static void close() {
		model.close();
	}

	private static List<ImageRaster> faces() {
		List<ImageRaster> faces = new ArrayList<>();
		for (int f = 0; f < 2; f++) {
			// different sizes: the model scales each to its 32×32 input
			int side = 40 + 20 * f;
			byte[] pixels = new byte[side * side * 3];
			for (int i = 0; i < pixels.length; i++) {
				pixels[i] = (byte) ((i * 31 + f * 7) % 251);
			}
			faces.add(new ImageRaster(side, side, 3, pixels));
		}
		return faces;
	}

	@Test
	void mapsComeInForwardOrderWithTheirStagesShapes() throws IOException {
		List<List<AttentionMap>> maps = heatmaps.attention(faces());
		assertEquals(2, maps.size());
		Map<String, Shape> stages = model.network().backbone().stageOutputShapes(new Shape(1, 3, 32, 32));
		for (List<AttentionMap> face : maps) {
			assertEquals(List.of("se", "cbam", "csam", "msa", "cam"), face.stream().map(AttentionMap::module).toList());
			assertEquals(List.of("stem", "stage1", "stage1", "stage2", "stage2"), face.stream().map(AttentionMap::stage).toList());
			assertEquals(List.of(0, 1, 2, 3, 4), face.stream().map(AttentionMap::position).toList());
			assertEquals("attention2-stage1-cbam", face.get(1).name());
			for (AttentionMap m : face) {
				Shape stage = stages.get(m.stage());
				boolean spatial = !m.module().equals("se") && !m.module().equals("cam");
				boolean channel = !m.module().equals("msa");
				assertEquals(spatial, m.spatialMap().isPresent(), m.name());
				assertEquals(channel, m.channels().isPresent(), m.name());
				if (spatial) {
					assertEquals(stage.get(3), m.spatial().width(), m.name());
					assertEquals(stage.get(2), m.spatial().height(), m.name());
					assertTrue(m.spatial().min() >= 0 && m.spatial().max() <= 1, m.name() + " is a sigmoid map");
					Heatmap picture = m.spatialPicture().get();
					assertEquals(1f, picture.max(), 1e-6f, m.name() + " is drawn scaled to its maximum");
					int peak = m.spatial().argmax();
					int low = m.spatial().values()[0] < m.spatial().values()[peak] ? 0 : m.spatial().values().length - 1;
					assertEquals(m.spatial().values()[low] / m.spatial().max(), picture.values()[low], 1e-5f, m.name() + " keeps its shape");
				}
				if (channel) {
					assertEquals(stage.get(1), m.channelWeights().length, m.name());
				}
			}
		}
		assertFalse(Arrays.equals(maps.get(0).get(1).spatial().values(), maps.get(1).get(1).spatial().values()),
				"each face has its own map");
		assertNull(maps.get(0).get(0).spatial());
		assertTrue(maps.get(0).get(0).spatialPicture().isEmpty(), "channel attention has no picture");
	}

	/** What {@code facet report --faces} does per run: each module's maps of every face of a landmark table, in forward order. */
	@Test
	void everyModuleIsMeasuredOverTheFacesOfATable(@TempDir Path dir) throws IOException {
		byte[] pixels = new byte[200 * 100 * 3];
		for (int i = 0; i < pixels.length; i++) {
			pixels[i] = (byte) ((i * 37) % 253);
		}
		ImageFiles.writePng(new ImageRaster(200, 100, 3, pixels), dir.resolve("scene.png"));
		Path table = dir.resolve("faces.tsv");
		Files.writeString(table, """
				scene.png	20	20	80	80	35	40	65	40	50	55	40	68	60	68	happiness
				scene.png	120	20	180	80	135	40	165	40	150	55	140	68	160	68	sadness
				scene.png	60	10	140	90	80	40	120	40	100	60	85	75	115	75	neutral
				""");
		List<FaceAttentionStudy.Face> faces = FaceAttentionStudy.read(table, 10);
		List<ModuleMaps> modules = FaceAttentionStudy.measureModules(faces, heatmaps::attention, 2);
		assertEquals(List.of("attention1-stem-se", "attention2-stage1-cbam", "attention3-stage1-csam", "attention4-stage2-msa", "attention5-stage2-cam"),
				modules.stream().map(ModuleMaps::name).toList());
		for (ModuleMaps m : modules) {
			assertEquals(3, m.maps().size(), m.name());
			assertEquals(m.isSpatial() ? 3 : 0, m.onFace().size(), m.name());
			assertEquals(!m.name().endsWith("msa"), m.meanChannelWeights() != null, m.name());
			for (FaceAttention a : m.onFace()) {
				assertTrue(a.total() > 0 && a.total() <= 1 + 1e-9 && a.area() > 0, m.name() + ": " + a);
			}
		}
		// batches of 2 over 3 faces: the third face's map is its own, not a copy of a batch neighbour
		Heatmap first = modules.get(3).maps().get(0).spatial();
		Heatmap third = modules.get(3).maps().get(2).spatial();
		assertFalse(Arrays.equals(first.values(), third.values()));
	}

	@Test
	void gradCamThroughBatchNormAtAnyStage() throws IOException {
		assertEquals("stage3", heatmaps.defaultStage());
		List<ImageRaster> faces = faces();
		for (String stage : List.of("stage1", "stage3")) {
			for (GradCam.Method method : GradCam.Method.values()) {
				List<GradCam.ClassMap> maps = heatmaps.gradCam(faces, stage, method, OptionalInt.of(3));
				assertEquals(2, maps.size());
				int side = stage.equals("stage1") ? 16 : 4;
				for (GradCam.ClassMap m : maps) {
					Heatmap map = m.map();
					assertEquals(side, map.width(), stage);
					assertEquals(side, map.height(), stage);
					assertTrue(map.min() >= 0, stage);
					assertTrue(map.max() == 1 || map.max() == 0, stage + " " + method + ": normalized, max " + map.max());
					assertEquals(3, m.targetClass());
				}
			}
		}
		// the network in inference mode predicts as the model does
		float[] predicted = model.predict(faces).get(0);
		float[] explained = heatmaps.gradCam(faces, null, GradCam.Method.GRAD_CAM, OptionalInt.empty()).get(0).probabilities();
		for (int c = 0; c < predicted.length; c++) {
			assertEquals(predicted[c], explained[c], 1e-4, "class " + c);
		}
	}
}
