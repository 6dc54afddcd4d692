package facet.engine.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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
}
