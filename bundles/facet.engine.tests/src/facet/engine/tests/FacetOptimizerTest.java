package facet.engine.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import facet.core.experiment.OptimizerSpec;
import facet.engine.ComputeEngines;
import facet.engine.train.FacetOptimizer;

/** Facet's optimizers (whose state can be checkpointed) follow the same updates as DJL's own. */
class FacetOptimizerTest {

	private static float[] run(Optimizer optimizer, NDManager manager) {
		NDArray weight = manager.create(new float[] { 0.5f, -1.0f, 2.0f, 0.0f });
		for (int step = 1; step <= 20; step++) {
			float s = step;
			NDArray grad = manager.create(new float[] { 0.1f * s, -0.3f, (float) Math.sin(s), 1f / s });
			optimizer.update("w", weight, grad);
		}
		return weight.toFloatArray();
	}

	@Test
	void adamMatchesDjlsAdam() {
		try (NDManager manager = ComputeEngines.open().newManager()) {
			float[] djl = run(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).optWeightDecays(0).optEpsilon(1e-8f).build(), manager);
			FacetOptimizer facet = new FacetOptimizer(new OptimizerSpec("adam", 0.01, 0, false, 0, 0), manager);
			assertArrayEquals(djl, run(facet, manager), 1e-4f);
		}
	}

	@Test
	void sgdWithMomentumMatchesDjlsSgd() {
		try (NDManager manager = ComputeEngines.open().newManager()) {
			float[] djl = run(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).optMomentum(0.9f).optWeightDecays(0).build(), manager);
			FacetOptimizer facet = new FacetOptimizer(new OptimizerSpec("sgd", 0.05, 0.9, false, 0, 0), manager);
			assertArrayEquals(djl, run(facet, manager), 1e-4f);
		}
	}

	/** The updates written out by hand for one parameter. */
	private static float[] steps(FacetOptimizer optimizer, float[] start, float[] gradient, int count, NDManager manager) {
		NDArray weight = manager.create(start);
		for (int i = 0; i < count; i++) {
			optimizer.update("w", weight, manager.create(gradient));
		}
		return weight.toFloatArray();
	}

	@Test
	void nesterovLooksAheadAlongTheMomentum() {
		try (NDManager manager = ComputeEngines.open().newManager()) {
			// gradient 1, lr 0.1, momentum 0.9: v = 1 then 1.9; Nesterov steps 1 + 0.9 v: 1.9 then 2.71
			float[] nesterov = steps(new FacetOptimizer(new OptimizerSpec("sgd", 0.1, 0.9, true, 0, 0), manager), new float[] { 0 }, new float[] { 1 }, 2,
					manager);
			assertEquals(-0.461f, nesterov[0], 1e-6f);
			float[] plain = steps(new FacetOptimizer(new OptimizerSpec("sgd", 0.1, 0.9, false, 0, 0), manager), new float[] { 0 }, new float[] { 1 }, 2,
					manager);
			assertEquals(-0.29f, plain[0], 1e-6f);
		}
	}

	@Test
	void adamwDecaysTheWeightsApartFromTheGradientAdamAddsTheDecayToIt() {
		try (NDManager manager = ComputeEngines.open().newManager()) {
			// no gradient, lr 0.1, decay 0.5: AdamW shrinks w by lr·decay = 5 %; Adam sees a gradient decay·w = 2 and steps lr·1
			float[] adamw = steps(new FacetOptimizer(new OptimizerSpec("adamw", 0.1, 0, false, 0.5, 0), manager), new float[] { 4 }, new float[] { 0 }, 1,
					manager);
			assertEquals(3.8f, adamw[0], 1e-6f);
			float[] adam = steps(new FacetOptimizer(new OptimizerSpec("adam", 0.1, 0, false, 0.5, 0), manager), new float[] { 4 }, new float[] { 0 }, 1,
					manager);
			assertEquals(3.9f, adam[0], 1e-6f);
			// SGD's weight decay is L2 on the gradient: w − lr·decay·w
			float[] sgd = steps(new FacetOptimizer(new OptimizerSpec("sgd", 0.1, 0, false, 0.1, 0), manager), new float[] { 1 }, new float[] { 0 }, 1,
					manager);
			assertEquals(0.99f, sgd[0], 1e-6f);
		}
	}

	@Test
	void gradientsAreClippedElementWiseToTheLimit() {
		try (NDManager manager = ComputeEngines.open().newManager()) {
			float[] clipped = steps(new FacetOptimizer(new OptimizerSpec("sgd", 1, 0, false, 0, 0.5), manager), new float[] { 0, 0, 0 },
					new float[] { 2, -3, 0.2f }, 1, manager);
			assertArrayEquals(new float[] { -0.5f, 0.5f, -0.2f }, clipped, 1e-6f);
			float[] free = steps(new FacetOptimizer(new OptimizerSpec("sgd", 1, 0, false, 0, 0), manager), new float[] { 0, 0, 0 },
					new float[] { 2, -3, 0.2f }, 1, manager);
			assertArrayEquals(new float[] { -2, 3, -0.2f }, free, 1e-6f);
		}
	}
}
