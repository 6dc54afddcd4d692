package facet.engine.heatmap.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.types.Shape;
import facet.core.ImageRaster;
import facet.core.experiment.ExperimentFormat;
import facet.core.modules.ModuleRegistry;
import facet.engine.data.ChannelStatistics;
import facet.engine.heatmap.AttentionMap;
import facet.engine.heatmap.GradCam;
import facet.engine.heatmap.Heatmap;
import facet.engine.heatmap.ModelHeatmaps;
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
				}
				if (channel) {
					assertEquals(stage.get(1), m.channelWeights().length, m.name());
				}
			}
		}
		assertFalse(java.util.Arrays.equals(maps.get(0).get(1).spatial().values(), maps.get(1).get(1).spatial().values()),
				"each face has its own map");
		assertNull(maps.get(0).get(0).spatial());
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
