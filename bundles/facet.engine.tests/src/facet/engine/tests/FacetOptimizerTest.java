package facet.engine.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
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

	/** Rates of the five steps the reference comparisons take: changing as a schedule does, with a pause at 0. */
	private static final float[] RATES = { 0.1f, 0.1f, 0.05f, 0f, 0.02f };
	private static final double[] START = { 0.5, -1.0, 2.0, 0.0, -0.3, 1.5 };

	/** The gradient of step s: larger than the clip limit for some elements, of changing sign. */
	private static double[] gradient(int s) {
		return new double[] { 0.1 * (s + 1), -0.3, Math.sin(s + 1), 1.0 / (s + 1), 2.5 * Math.cos(s), -1.7 };
	}

	/**
	 * The optimizers' formulas written out in doubles: L2 decay (added to the gradient) for SGD
	 * and Adam, decoupled decay for AdamW, element-wise clipping of the raw gradient, Adam's bias
	 * corrections by the parameter's step count, and PyTorch's velocity for momentum (v ← μv + g,
	 * w ← w − lr·v, Nesterov w ← w − lr·(g + μv)), whose meaning does not depend on earlier rates.
	 */
	private static double[] reference(OptimizerSpec spec, int steps) {
		double[] w = START.clone();
		double[] m = new double[w.length], v = new double[w.length];
		for (int s = 0; s < steps; s++) {
			double lr = RATES[s];
			double[] g = gradient(s);
			for (int i = 0; i < w.length; i++) {
				double gi = spec.gradientClip() > 0 ? Math.max(-spec.gradientClip(), Math.min(spec.gradientClip(), g[i])) : g[i];
				boolean decoupled = spec.name().equals("adamw");
				double step = decoupled ? gi : gi + spec.weightDecay() * w[i];
				if (spec.name().equals("sgd")) {
					if (spec.momentum() > 0) {
						v[i] = spec.momentum() * v[i] + step;
						w[i] -= lr * (spec.nesterov() ? step + spec.momentum() * v[i] : v[i]);
					} else {
						w[i] -= lr * step;
					}
				} else {
					int t = s + 1;
					// the moments' weights as 32-bit floats, as the operators compute them (1 − 0.999f
					// is 0.00099998713...); double ones would differ by ~1e-5 relative in v
					m[i] = 0.9f * m[i] + (1f - 0.9f) * step;
					v[i] = 0.999f * v[i] + (1f - 0.999f) * step * step;
					double update = m[i] / (1 - Math.pow(0.9, t)) / (Math.sqrt(v[i] / (1 - Math.pow(0.999, t))) + 1e-8);
					if (decoupled) {
						w[i] -= lr * spec.weightDecay() * w[i];
					}
					w[i] -= lr * update;
				}
			}
		}
		return w;
	}

	private static float[] facet(FacetOptimizer optimizer, NDArray weight, int from, int to, NDManager manager) {
		for (int s = from; s < to; s++) {
			optimizer.setLearningRate(RATES[s]);
			double[] g = gradient(s);
			float[] grad = new float[g.length];
			for (int i = 0; i < g.length; i++) {
				grad[i] = (float) g[i];
			}
			optimizer.update("w", weight, manager.create(grad));
		}
		return weight.toFloatArray();
	}

	private static NDArray start(NDManager manager) {
		float[] w = new float[START.length];
		for (int i = 0; i < w.length; i++) {
			w[i] = (float) START[i];
		}
		return manager.create(w);
	}

	private static final OptimizerSpec[] SPECS = { new OptimizerSpec("sgd", 0.1, 0, false, 0.01, 0.8),
			new OptimizerSpec("sgd", 0.1, 0.9, false, 0.01, 0.8), new OptimizerSpec("sgd", 0.1, 0.9, true, 0.01, 0.8),
			new OptimizerSpec("sgd", 0.1, 0.9, true, 0, 0), new OptimizerSpec("adam", 0.1, 0, false, 0.01, 0.8),
			new OptimizerSpec("adam", 0.1, 0, false, 0, 0), new OptimizerSpec("adamw", 0.1, 0, false, 0.05, 0.8),
			new OptimizerSpec("adamw", 0.1, 0, false, 0, 0) };

	@Test
	void theFusedUpdatesFollowTheReferenceFormulas() {
		try (NDManager manager = ComputeEngines.open().newManager()) {
			for (OptimizerSpec spec : SPECS) {
				float[] facet = facet(new FacetOptimizer(spec, manager), start(manager), 0, RATES.length, manager);
				double[] expected = reference(spec, RATES.length);
				for (int i = 0; i < expected.length; i++) {
					assertEquals(expected[i], facet[i], 1e-6, spec + ", element " + i);
				}
			}
		}
	}

	/** A tiny network whose one parameter the optimizer state is keyed by. */
	private static Block bound(FacetOptimizer optimizer, NDManager manager) {
		Block linear = Linear.builder().setUnits(1).optBias(false).build();
		linear.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, START.length));
		optimizer.bind(linear);
		return linear;
	}

	@Test
	void aSavedStateContinuesBitForBitLikeTheOptimizerThatWroteIt() throws Exception {
		try (NDManager manager = ComputeEngines.open().newManager()) {
			for (OptimizerSpec spec : SPECS) {
				FacetOptimizer straight = new FacetOptimizer(spec, manager);
				String id = bound(straight, manager).getParameters().get(0).getValue().getId();
				NDArray a = start(manager);
				for (int s = 0; s < RATES.length; s++) {
					straight.setLearningRate(RATES[s]);
					straight.update(id, a, manager.create(toFloats(gradient(s))));
				}

				FacetOptimizer first = new FacetOptimizer(spec, manager);
				String firstId = bound(first, manager).getParameters().get(0).getValue().getId();
				NDArray b = start(manager);
				for (int s = 0; s < 2; s++) {
					first.setLearningRate(RATES[s]);
					first.update(firstId, b, manager.create(toFloats(gradient(s))));
				}
				ByteArrayOutputStream bytes = new ByteArrayOutputStream();
				try (DataOutputStream out = new DataOutputStream(bytes)) {
					first.save(out);
				}
				FacetOptimizer resumed = new FacetOptimizer(spec, manager);
				String resumedId = bound(resumed, manager).getParameters().get(0).getValue().getId();
				try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
					resumed.load(in);
				}
				for (int s = 2; s < RATES.length; s++) {
					resumed.setLearningRate(RATES[s]);
					resumed.update(resumedId, b, manager.create(toFloats(gradient(s))));
				}
				assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 0f, spec.toString());
			}
		}
	}

	/** Checkpoints written before the fused operators hold the velocity v itself and no rates. */
	@Test
	void aStateWrittenBeforeTheFusedOperatorsStillResumes() throws Exception {
		try (NDManager manager = ComputeEngines.open().newManager()) {
			OptimizerSpec spec = new OptimizerSpec("sgd", 0.1, 0.9, true, 0.01, 0.8);
			// two steps of the reference, then its velocity in the old format
			double[] w = START.clone();
			double[] v = new double[w.length];
			for (int s = 0; s < 2; s++) {
				double[] g = gradient(s);
				for (int i = 0; i < w.length; i++) {
					double step = Math.max(-0.8, Math.min(0.8, g[i])) + 0.01 * w[i];
					v[i] = 0.9 * v[i] + step;
					w[i] -= RATES[s] * (step + 0.9 * v[i]);
				}
			}
			FacetOptimizer old = new FacetOptimizer(spec, manager);
			Block network = bound(old, manager);
			String name = network.getParameters().get(0).getKey();
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			try (DataOutputStream out = new DataOutputStream(bytes)) {
				out.writeUTF("sgd");
				out.writeInt(1);
				out.writeUTF(name);
				byte[] encoded = manager.create(toFloats(v)).encode();
				out.writeInt(encoded.length);
				out.write(encoded);
				out.writeInt(0);
				out.writeInt(0);
			}
			try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
				old.load(in);
			}
			NDArray weight = manager.create(toFloats(w));
			String id = network.getParameters().get(0).getValue().getId();
			for (int s = 2; s < RATES.length; s++) {
				old.setLearningRate(RATES[s]);
				old.update(id, weight, manager.create(toFloats(gradient(s))));
			}
			double[] expected = reference(spec, RATES.length);
			float[] actual = weight.toFloatArray();
			for (int i = 0; i < expected.length; i++) {
				assertEquals(expected[i], actual[i], 1e-6, "element " + i);
			}
		}
	}

	private static float[] toFloats(double[] values) {
		float[] f = new float[values.length];
		for (int i = 0; i < values.length; i++) {
			f[i] = (float) values[i];
		}
		return f;
	}
}
