package facet.nn.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import facet.core.modules.ModuleException;
import facet.nn.api.FacetLoss;
import facet.nn.api.WeightedSumLoss;
import facet.nn.losses.internal.CenterLoss;
import facet.nn.losses.internal.IslandLoss;

/** Losses against values computed by hand. */
class LossTest {

	private static final float[][] LOGITS = { { 2, 0, -1 }, { 0.5f, 1, 0 } };
	private static final int[] LABELS = { 0, 2 };

	private static NDManager manager;

	@BeforeAll
	static void open() {
		manager = Nets.manager();
	}

	@AfterAll
	static void close() {
		manager.close();
	}

	private static NDList logits() {
		return new NDList(manager.create(LOGITS));
	}

	private static NDList labels() {
		return new NDList(manager.create(new float[] { LABELS[0], LABELS[1] }));
	}

	/** −Σ_k q_k log p_k per sample, q smoothed. */
	private static double[] crossEntropyByHand(double smoothing) {
		double[] result = new double[LOGITS.length];
		for (int i = 0; i < LOGITS.length; i++) {
			double norm = 0;
			for (float z : LOGITS[i]) {
				norm += Math.exp(z);
			}
			int k = LOGITS[i].length;
			for (int c = 0; c < k; c++) {
				double q = (c == LABELS[i] ? 1 - smoothing : 0) + smoothing / k;
				result[i] -= q * (LOGITS[i][c] - Math.log(norm));
			}
		}
		return result;
	}

	@Test
	void crossEntropyWithSmoothingMatchesHandComputation() throws ModuleException {
		double[] byHand = crossEntropyByHand(0.1);
		FacetLoss loss = Nets.loss("cross-entropy", Map.of("smoothing", 0.1), 3);
		assertEquals((byHand[0] + byHand[1]) / 2, loss.evaluate(labels(), logits()).getFloat(), 1e-5);
	}

	@Test
	void crossEntropyWithoutSmoothingIsDjls() throws ModuleException {
		FacetLoss loss = Nets.loss("cross-entropy", Map.of(), 3);
		float djl = Loss.softmaxCrossEntropyLoss().evaluate(labels(), logits()).getFloat();
		assertEquals(djl, loss.evaluate(labels(), logits()).getFloat(), 1e-5);
	}

	@Test
	void classWeightsGiveTheWeightedMean() throws ModuleException {
		double[] byHand = crossEntropyByHand(0);
		FacetLoss loss = Nets.loss("cross-entropy", Map.of("classWeights", "2, 1, 0.5"), 3);
		assertEquals((2 * byHand[0] + 0.5 * byHand[1]) / 2.5, loss.evaluate(labels(), logits()).getFloat(), 1e-5);
	}

	@Test
	void classWeightsOfTheWrongCountAreRefused() {
		ModuleException e = assertThrows(ModuleException.class, () -> Nets.loss("cross-entropy", Map.of("classWeights", "1,2"), 7));
		assertTrue(e.getMessage().contains("classWeights") && e.getMessage().contains("expected 7"), e.getMessage());
	}

	@Test
	void focalReducesToCrossEntropyAtGammaZero() throws ModuleException {
		double[] byHand = crossEntropyByHand(0);
		float focal = Nets.loss("focal", Map.of("gamma", 0, "alpha", 1), 3).evaluate(labels(), logits()).getFloat();
		assertEquals((byHand[0] + byHand[1]) / 2, focal, 1e-5);
	}

	@Test
	void focalDownWeightsEasySamples() throws ModuleException {
		double[] ce = crossEntropyByHand(0);
		double expected = 0;
		for (double l : ce) {
			double pt = Math.exp(-l);
			expected += 0.25 * Math.pow(1 - pt, 2) * l / ce.length;
		}
		float focal = Nets.loss("focal", Map.of("gamma", 2, "alpha", 0.25), 3).evaluate(labels(), logits()).getFloat();
		assertEquals(expected, focal, 1e-5);
	}

	@Test
	void centerLossGradientPullsEmbeddingsToTheirCentres() throws ModuleException {
		CenterLoss loss = (CenterLoss) Nets.loss("center", Map.of("alpha", 0.5), 3);
		float[][] centres = { { 0, 0 }, { 4, 0 }, { 0, 4 } };
		loss.setCentres(centres);
		try (NDManager scope = manager.newSubManager()) {
			NDArray x = scope.create(new float[][] { { 1, 1 }, { 1, 2 } });
			NDList labels = new NDList(scope.create(new float[] { 0, 2 }));
			x.setRequiresGradient(true);
			float value;
			try (GradientCollector collector = Engine.getEngine("MXNet").newGradientCollector()) {
				NDArray l = loss.evaluate(labels, new NDList(scope.zeros(new Shape(2, 3)), x));
				value = l.getFloat();
				collector.backward(l);
			}
			// ½ mean(‖(1,1)−(0,0)‖², ‖(1,2)−(0,4)‖²) = ½ (2 + 5) / 2
			assertEquals(1.75, value, 1e-5);
			// ∂/∂x_i = (x_i − c_yi) / N
			assertArrayEquals(new float[] { 0.5f, 0.5f, 0.5f, -1f }, x.getGradient().toFloatArray(), 1e-5f);
			NDArray moved = x.sub(x.getGradient().mul(0.5f));
			float after = loss.evaluate(labels, new NDList(scope.zeros(new Shape(2, 3)), moved)).getFloat();
			assertTrue(after < value, "a gradient step did not bring the embeddings closer: " + value + " -> " + after);

			// Wen et al.'s update moves each centre towards its class: c0 ← c0 − ½ (c0 − x0) / 2
			loss.afterStep(labels, new NDList(scope.zeros(new Shape(2, 3)), x));
			assertArrayEquals(new float[] { 0.25f, 0.25f }, loss.centres()[0], 1e-6f);
			assertArrayEquals(new float[] { 4, 0 }, loss.centres()[1], 1e-6f, "a class without samples keeps its centre");
			assertArrayEquals(new float[] { 0.25f, 3.5f }, loss.centres()[2], 1e-6f);
		}
	}

	@Test
	void centerLossWithoutEmbeddingNamesTheProblem() throws ModuleException {
		FacetLoss loss = Nets.loss("center", Map.of(), 3);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loss.evaluate(labels(), logits()));
		assertTrue(e.getMessage().contains("embedding"), e.getMessage());
	}

	@Test
	void islandLossPushesCentresApart() throws ModuleException {
		IslandLoss island = (IslandLoss) Nets.loss("island", Map.of("alpha", 0.5, "lambda", 1), 2);
		island.setCentres(new float[][] { { 1, 0 }, { 0, 1 } });
		// orthogonal centres: cos = 0, so Σ_j Σ_k≠j (cos + 1) = 2
		assertEquals(2, island.pairwiseTerm(), 1e-9);
		island.setCentres(new float[][] { { 1, 0.1f }, { 1, -0.1f } });
		double before = island.pairwiseTerm();
		try (NDManager scope = manager.newSubManager()) {
			// embeddings on their centres: the center part leaves them, only the island term moves them
			NDList predictions = new NDList(scope.zeros(new Shape(2, 2)), scope.create(new float[][] { { 1, 0.1f }, { 1, -0.1f } }));
			NDList labels = new NDList(scope.create(new float[] { 0, 1 }));
			assertEquals(before, island.evaluate(labels, predictions).getFloat(), 1e-4);
			island.afterStep(labels, predictions);
		}
		assertTrue(island.pairwiseTerm() < before, "centres did not move apart: " + before + " -> " + island.pairwiseTerm());
	}

	@Test
	void l2IsHalfTheSumOfSquaredWeightsWithTheWeightAsGradient() throws ModuleException {
		FacetLoss l2 = Nets.loss("l2", Map.of(), 3);
		Block linear = Linear.builder().setUnits(3).build();
		try (NDManager scope = manager.newSubManager()) {
			Nets.initialize(linear, scope, new Shape(1, 4));
			l2.bind(linear);
			NDArray weight = linear.getParameters().get("weight").getArray();
			float expected = weight.square().sum().getFloat() / 2;
			float value;
			try (GradientCollector collector = Engine.getEngine("MXNet").newGradientCollector()) {
				NDArray l = l2.evaluate(labels(), logits());
				value = l.getFloat();
				collector.backward(l);
			}
			assertEquals(expected, value, 1e-5);
			assertArrayEquals(weight.toFloatArray(), weight.getGradient().toFloatArray(), 1e-6f);
		}
	}

	@Test
	void weightedSumAddsWeightedTerms() throws ModuleException {
		FacetLoss ce = Nets.loss("cross-entropy", Map.of(), 3);
		CenterLoss center = (CenterLoss) Nets.loss("center", Map.of(), 3);
		center.setCentres(new float[][] { { 0, 0 }, { 1, 1 }, { 2, 2 } });
		WeightedSumLoss joint = new WeightedSumLoss(List.of(new WeightedSumLoss.Term("cross-entropy", 1, ce),
				new WeightedSumLoss.Term("center", 0.5, center), new WeightedSumLoss.Term("djl", 2, Loss.softmaxCrossEntropyLoss())));
		assertTrue(joint.needsEmbedding());
		NDList predictions = new NDList(manager.create(LOGITS), manager.create(new float[][] { { 1, 0 }, { 2, 3 } }));
		float cls = ce.evaluate(labels(), predictions).getFloat();
		float dist = center.evaluate(labels(), predictions).getFloat();
		assertEquals(cls + 0.5 * dist + 2 * cls, joint.evaluate(labels(), predictions).getFloat(), 1e-4);
		assertEquals(3, joint.evaluateTerms(labels(), predictions).size());
	}
}
