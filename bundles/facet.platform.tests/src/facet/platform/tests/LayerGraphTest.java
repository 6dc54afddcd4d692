package facet.platform.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import facet.platform.djl.graph.LayerGraph;
import facet.platform.djl.graph.LayerGraph.Mode;
import facet.platform.djl.graph.LayerGraph.Node;

/**
 * A network of every layer kind, compiled into one MXNet graph and run operator by operator:
 * the same outputs, for batches of changing size, and values that can no longer be changed
 * from outside once built.
 */
class LayerGraphTest {

	/** conv 3×3 → PReLU (slopes of both signs, one above 1) → max pool (ceil) → flatten → dense → two heads. */
	private static LayerGraph build(NDManager manager, Mode mode, NDArray[] values) {
		LayerGraph.Builder g = LayerGraph.builder();
		Node x = g.input();
		x = g.convolution(x, values[0], values[1]);
		x = g.prelu(x, values[2]);
		x = g.maxPool(x, 3, 2, true);
		x = g.flatten(x);
		x = g.dense(x, values[3], values[4]);
		Node probabilities = g.softmax(g.dense(x, values[5], values[6]), 1);
		Node offsets = g.dense(x, values[7], values[8]);
		return g.build(manager, mode, probabilities, offsets);
	}

	private static NDArray[] values(NDManager manager) {
		manager.getEngine().setRandomSeed(7);
		// 12×12 input → 10×10 after the convolution → 5×5 after a ceil-mode pool of 3 at stride 2 (4×4 rounding down)
		return new NDArray[] { manager.randomNormal(new Shape(6, 3, 3, 3)), manager.randomNormal(new Shape(6)),
				manager.create(new float[] { -0.6f, -0.1f, 0f, 0.25f, 0.9f, 1.3f }), manager.randomNormal(new Shape(8, 6 * 5 * 5)).mul(0.1),
				manager.randomNormal(new Shape(8)), manager.randomNormal(new Shape(2, 8)), manager.randomNormal(new Shape(2)),
				manager.randomNormal(new Shape(4, 8)), manager.randomNormal(new Shape(4)) };
	}

	@Test
	void compiledAndOperatorByOperatorGiveTheSameOutputs() {
		try (NDManager manager = NDManager.newBaseManager()) {
			NDArray[] values = values(manager);
			try (LayerGraph compiled = build(manager, Mode.COMPILED, values); LayerGraph operators = build(manager, Mode.OPERATORS, values)) {
				assertTrue(compiled.isCompiled(), "MXNet compiles the graph");
				assertFalse(operators.isCompiled());
				for (int batch : new int[] { 5, 2, 5, 9 }) {
					NDArray input = manager.randomNormal(new Shape(batch, 3, 12, 12));
					float[][] expected = read(operators.forward(input));
					float[][] actual = read(compiled.forward(input));
					assertEquals(batch * 2, expected[0].length);
					assertEquals(batch * 4, expected[1].length);
					for (int o = 0; o < 2; o++) {
						assertClose(expected[o], actual[o], "output " + o + " at batch " + batch);
					}
				}
			}
		}
	}

	/**
	 * The layers of face-api's network: per-channel mean, asymmetric zero padding, a strided
	 * convolution, ReLU, a depthwise convolution without bias (padded 1), a sum of two branches,
	 * average pooling.
	 */
	@Test
	void stridedPaddedAndGroupedLayersAgreeToo() {
		try (NDManager manager = NDManager.newBaseManager()) {
			manager.getEngine().setRandomSeed(11);
			NDArray conv = manager.randomNormal(new Shape(4, 3, 3, 3));
			NDArray bias = manager.randomNormal(new Shape(4));
			NDArray depthwise = manager.randomNormal(new Shape(4, 1, 3, 3));
			LayerGraph[] graphs = new LayerGraph[2];
			for (Mode mode : Mode.values()) {
				LayerGraph.Builder g = LayerGraph.builder();
				Node x = g.subtractPerChannel(g.input(), new float[] { 0.5f, 0.4f, 0.3f });
				x = g.relu(g.convolution(g.pad(x, 1, 0, 0, 1), conv, bias, 2, 0, 1));
				Node sum = g.add(x, g.convolution(x, depthwise, null, 1, 1, 4));
				graphs[mode.ordinal()] = g.build(manager, mode, g.avgPool(sum, 3, 2));
			}
			try (LayerGraph compiled = graphs[0]; LayerGraph operators = graphs[1]) {
				// 16×16 → padded 17×17 (a row above, a column right) → 8×8 after the strided convolution → 3×3 after pooling
				NDArray input = manager.randomUniform(0, 1, new Shape(2, 3, 16, 16));
				float[] expected = operators.forward(input).get(0).toFloatArray();
				assertEquals(2 * 4 * 3 * 3, expected.length);
				assertClose(expected, compiled.forward(input).get(0).toFloatArray(), "pooled sums");
			}
		}
	}

	/**
	 * Ten channels (not a multiple of MXNet's block of 16) through PReLU and max pooling into a
	 * second convolution: the compiled graph widens them with zeros, and every output keeps its
	 * values and shape, the narrow convolutions that are graph outputs (widened, then sliced back)
	 * among them.
	 */
	@Test
	void narrowConvolutionsWidenedForTheEngineGiveTheSameOutputs() {
		try (NDManager manager = NDManager.newBaseManager()) {
			manager.getEngine().setRandomSeed(5);
			NDArray[] values = { manager.randomNormal(new Shape(10, 3, 3, 3)), manager.randomNormal(new Shape(10)),
					manager.create(new float[] { -1.2f, -0.5f, 0f, 0.1f, 0.3f, 0.6f, 0.9f, 1f, 1.1f, 2f }), manager.randomNormal(new Shape(16, 10, 3, 3)),
					manager.randomNormal(new Shape(16)), manager.randomNormal(new Shape(2, 16, 1, 1)), manager.randomNormal(new Shape(2)),
					manager.randomNormal(new Shape(6, 3, 1, 1)) };
			LayerGraph[] graphs = new LayerGraph[2];
			for (Mode mode : Mode.values()) {
				LayerGraph.Builder g = LayerGraph.builder();
				Node x = g.input();
				Node trunk = g.maxPool(g.prelu(g.convolution(x, values[0], values[1]), values[2]), 2, 2, false);
				trunk = g.relu(g.convolution(trunk, values[3], values[4]));
				Node scores = g.convolution(trunk, values[5], values[6]);
				Node side = g.convolution(x, values[7], null, 1, 0, 1);
				graphs[mode.ordinal()] = g.build(manager, mode, scores, side);
			}
			try (LayerGraph compiled = graphs[0]; LayerGraph operators = graphs[1]) {
				NDArray input = manager.randomNormal(new Shape(4, 3, 12, 12));
				NDList expected = operators.forward(input);
				NDList actual = compiled.forward(input);
				for (int o = 0; o < 2; o++) {
					assertEquals(expected.get(o).getShape(), actual.get(o).getShape(), "output " + o);
					assertClose(expected.get(o).toFloatArray(), actual.get(o).toFloatArray(), "output " + o);
				}
				assertEquals(new Shape(4, 6, 12, 12), actual.get(1).getShape());
			}
		}
	}

	@Test
	void theGraphKeepsTheValuesItWasBuiltWith() {
		try (NDManager manager = NDManager.newBaseManager()) {
			NDArray[] values = values(manager);
			try (LayerGraph graph = build(manager, Mode.COMPILED, values)) {
				NDArray input = manager.randomNormal(new Shape(3, 3, 12, 12));
				float[] before = graph.forward(input).get(1).toFloatArray();
				values[7].muli(0);
				float[] after = graph.forward(input).get(1).toFloatArray();
				for (int i = 0; i < before.length; i++) {
					assertEquals(before[i], after[i], 1e-6f, "changed at " + i);
				}
			}
		}
	}

	@Test
	void aGraphNeedsItsInputFirstAndAnOutput() {
		try (NDManager manager = NDManager.newBaseManager()) {
			NDArray[] values = values(manager);
			LayerGraph.Builder g = LayerGraph.builder();
			Node x = g.input();
			assertThrows(IllegalStateException.class, g::input);
			assertThrows(IllegalArgumentException.class, () -> g.convolution(new Node(5), values[0], values[1]));
			assertThrows(IllegalArgumentException.class, () -> g.convolution(x, values[0], values[4]), "bias of the wrong size");
			assertThrows(IllegalArgumentException.class, () -> g.prelu(x, values[2].reshape(1, 6, 1, 1)), "slopes not as (C)");
			assertThrows(IllegalArgumentException.class, () -> g.build(manager, Mode.COMPILED));
		}
	}

	private static void assertClose(float[] expected, float[] actual, String what) {
		assertEquals(expected.length, actual.length, what);
		for (int i = 0; i < expected.length; i++) {
			// kernels that sum in another order differ in the last bits of a float
			assertEquals(expected[i], actual[i], 1e-4f * Math.max(1, Math.abs(expected[i])), what + ", value " + i);
		}
	}

	private static float[][] read(NDList outputs) {
		float[][] values = new float[outputs.size()][];
		for (int i = 0; i < values.length; i++) {
			values[i] = outputs.get(i).toFloatArray();
		}
		return values;
	}
}
