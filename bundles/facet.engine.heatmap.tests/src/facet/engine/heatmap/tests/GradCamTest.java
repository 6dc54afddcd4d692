package facet.engine.heatmap.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import facet.core.ExpressionClass;
import facet.engine.heatmap.GradCam;
import facet.engine.heatmap.GradCam.ClassMap;
import facet.engine.heatmap.Heatmap;
import facet.nn.api.ClassifierHead;
import facet.nn.api.ExpressionNetwork;
import facet.nn.api.StagedBackbone;
import facet.nn.api.StagedBackboneFactory.Stage;

/**
 * Grad-CAM and Grad-CAM++ on a network whose maps can be computed by hand: an identity backbone
 * and a head that averages each channel and weighs the two channels per class. Then
 * ∂y<sub>c</sub>/∂A<sub>k</sub> = W<sub>ck</sub>/(h·w) everywhere, Grad-CAM is
 * ReLU(Σ W<sub>ck</sub> A<sub>k</sub>) normalized and Grad-CAM++ weighs channel k by
 * 1/(2 + S<sub>k</sub>·g) with S<sub>k</sub> the channel's sum.
 */
class GradCamTest {

	/** Class 0 looks at channel 0, class 1 at channel 1, class 2 at both, the rest hardly at all. */
	private static final float[][] WEIGHTS = { { 1, 0 }, { 0, 1 }, { 1, 1 }, { 0.1f, 0.1f }, { 0.1f, 0 }, { 0, 0.1f }, { 0.05f, 0.05f } };

	private static NDManager manager;
	private static ExpressionNetwork network;

	@BeforeAll
	static void buildTheKnownNetwork() {
		manager = NDManager.newBaseManager(Device.cpu(), "MXNet");
		StagedBackbone backbone = new StagedBackbone(
				List.of(new Stage("stem", new Identity(), 2), new Stage("stage1", new Identity(), 2), new Stage("head-input", new Identity(), 2)),
				Map.of());
		network = new ExpressionNetwork(backbone, new MeanLinearHead());
		network.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 4, 4));
		float[] w = new float[ExpressionClass.COUNT * 2];
		for (int c = 0; c < ExpressionClass.COUNT; c++) {
			w[2 * c] = WEIGHTS[c][0];
			w[2 * c + 1] = WEIGHTS[c][1];
		}
		network.head().getParameters().valueAt(0).getArray().set(w);
	}

	@AfterAll
	static void close() {
		manager.close();
	}

	/** Channel 0: ones in the top-right 2×2 (not symmetric under transposition); channel 1: threes in the bottom-right 2×2. */
	private static NDArray input(NDManager m) {
		float[] x = new float[2 * 16];
		for (int y = 0; y < 2; y++) {
			for (int xx = 0; xx < 2; xx++) {
				x[y * 4 + xx + 2] = 1;
				x[16 + (y + 2) * 4 + xx + 2] = 3;
			}
		}
		return m.create(x, new Shape(1, 2, 4, 4));
	}

	private static ClassMap compute(GradCam.Method method, OptionalInt target) {
		try (NDManager scope = manager.newSubManager()) {
			return new GradCam(network).compute(input(scope), "stage1", method, target).get(0);
		}
	}

	@Test
	void gradCamOfAClassIsItsWeightedChannelsAtTheStagesResolution() {
		ClassMap cls0 = compute(GradCam.Method.GRAD_CAM, OptionalInt.of(0));
		assertEquals(4, cls0.map().width());
		assertEquals(4, cls0.map().height());
		assertEquals(0, cls0.targetClass());
		float[] topRight = new float[16];
		for (int i : new int[] { 2, 3, 6, 7 }) {
			topRight[i] = 1;
		}
		assertArrayEquals(topRight, cls0.map().values(), 1e-5f);
		assertEquals(1, cls0.map().at(3, 0), 1e-5, "x is the column");
		assertEquals(0, cls0.map().at(0, 3), 1e-5);
	}

	@Test
	void anotherClassGivesAnotherMap() {
		Heatmap cls0 = compute(GradCam.Method.GRAD_CAM, OptionalInt.of(0)).map();
		Heatmap cls1 = compute(GradCam.Method.GRAD_CAM, OptionalInt.of(1)).map();
		assertNotEquals(cls0, cls1);
		assertEquals(1, cls1.at(3, 3), 1e-5);
		assertEquals(0, cls1.at(3, 0), 1e-5);
	}

	@Test
	void withoutAClassThePredictedOneIsExplainedAndMapsAreNormalizedAndNonNegative() {
		ClassMap predicted = compute(GradCam.Method.GRAD_CAM, OptionalInt.empty());
		// class 2 scores mean(A0) + mean(A1) = 0.25 + 0.75, above every other class
		assertEquals(2, predicted.targetClass());
		assertEquals(2, predicted.predictedClass());
		assertEquals(1, sum(predicted.probabilities()), 1e-5);
		assertEquals(1, predicted.map().max(), 1e-6);
		assertTrue(predicted.map().min() >= 0);
		assertEquals(1 / 3.0, predicted.map().at(2, 0), 1e-5, "channel 0 (sum 4) weighs as much as channel 1 (sum 12)");
		assertEquals(1, predicted.map().at(3, 3), 1e-5);
		assertEquals(0, predicted.map().at(0, 3), 1e-6);
	}

	@Test
	void gradCamPlusPlusWeighsChannelsByTheirActivationAndDiffers() {
		Heatmap plain = compute(GradCam.Method.GRAD_CAM, OptionalInt.of(2)).map();
		Heatmap plusPlus = compute(GradCam.Method.GRAD_CAM_PLUS_PLUS, OptionalInt.of(2)).map();
		assertNotEquals(plain, plusPlus);
		// g = 1/16: w0 = 1/(2 + 4/16), w1 = 1/(2 + 12/16); top-right w0·1, bottom-right w1·3
		double w0 = 1 / 2.25;
		double w1 = 1 / 2.75;
		assertEquals(w0 / (3 * w1), plusPlus.at(2, 0), 1e-4);
		assertEquals(1, plusPlus.at(3, 3), 1e-5);
		assertTrue(plusPlus.min() >= 0);
	}

	@Test
	void anUnknownStageOrClassIsRefusedWithTheChoices() {
		try (NDManager scope = manager.newSubManager()) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
					() -> new GradCam(network).compute(input(scope), "stage9", GradCam.Method.GRAD_CAM, OptionalInt.empty()));
			assertTrue(e.getMessage().contains("stem, stage1, head-input"), e.getMessage());
			assertThrows(IllegalArgumentException.class,
					() -> new GradCam(network).compute(input(scope), "stage1", GradCam.Method.GRAD_CAM, OptionalInt.of(7)));
		}
		assertEquals("stage1", GradCam.defaultStage(network.backbone()));
		assertEquals(GradCam.Method.GRAD_CAM_PLUS_PLUS, GradCam.Method.of("gradcam++"));
	}

	private static double sum(float[] p) {
		double s = 0;
		for (float v : p) {
			s += v;
		}
		return s;
	}

	/** Passes its input on. */
	private static final class Identity extends AbstractBlock {

		Identity() {
			super((byte) 1);
		}

		@Override
		protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
			return inputs;
		}

		@Override
		public Shape[] getOutputShapes(Shape[] inputShapes) {
			return inputShapes;
		}
	}

	/** The mean of each channel, then a linear layer without bias: y = W · mean(A). */
	private static final class MeanLinearHead extends ClassifierHead {

		private final Block fc;

		MeanLinearHead() {
			super((byte) 1, ExpressionClass.COUNT);
			fc = addChildBlock("fc", Linear.builder().setUnits(ExpressionClass.COUNT).optBias(false).build());
		}

		@Override
		public int embeddingSize() {
			return 0;
		}

		@Override
		protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
			return fc.forward(parameters, new NDList(inputs.singletonOrThrow().mean(new int[] { 2, 3 })), training);
		}

		@Override
		protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
			fc.initialize(manager, dataType, new Shape(inputShapes[0].get(0), inputShapes[0].get(1)));
		}

		@Override
		public Shape[] getOutputShapes(Shape[] inputShapes) {
			return new Shape[] { new Shape(inputShapes[0].get(0), ExpressionClass.COUNT) };
		}
	}
}
