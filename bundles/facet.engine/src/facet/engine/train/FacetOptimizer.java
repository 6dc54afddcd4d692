package facet.engine.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.training.optimizer.Optimizer;
import facet.core.experiment.OptimizerSpec;

/**
 * SGD (with momentum and Nesterov), Adam and AdamW on MXNet's fused update operators, with their
 * state (momentum and moment buffers, step counts) owned here and saved into checkpoints. DJL's
 * own optimizers keep that state private, so a run resumed from a checkpoint would forget its
 * momentum and end differently from an uninterrupted one.
 */
public final class FacetOptimizer extends Optimizer {

	private static final double BETA1 = 0.9;
	private static final double BETA2 = 0.999;
	private static final double EPSILON = 1e-8;
	/** The operators' clip_gradient that turns clipping off. */
	private static final float NO_CLIP = -1;

	private final OptimizerSpec spec;
	private final NDManager stateManager;
	private final Map<String, NDArray> first = new ConcurrentHashMap<>();
	private final Map<String, NDArray> second = new ConcurrentHashMap<>();
	private final Map<String, Integer> steps = new ConcurrentHashMap<>();
	/** Per momentum buffer, the rate r it is scaled by: the buffer holds −r·v. */
	private final Map<String, Float> momentumRates = new ConcurrentHashMap<>();
	private final Map<String, String> names = new ConcurrentHashMap<>();
	private final Map<String, String> ids = new ConcurrentHashMap<>();
	private volatile float learningRate;

	public FacetOptimizer(OptimizerSpec spec, NDManager stateManager) {
		super(new Builder().optWeightDecays(0).setRescaleGrad(1f)
				.optClipGrad(spec.gradientClip() > 0 ? (float) spec.gradientClip() : Float.POSITIVE_INFINITY));
		this.spec = spec;
		this.stateManager = stateManager;
		this.learningRate = (float) spec.learningRate();
	}

	/**
	 * Names the network's parameters. DJL identifies parameters by random ids that change with
	 * every new network, so the saved state is keyed by the parameters' stable path names.
	 */
	public void bind(ai.djl.nn.Block network) {
		names.clear();
		ids.clear();
		for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : network.getParameters()) {
			names.put(p.getValue().getId(), p.getKey());
			ids.put(p.getKey(), p.getValue().getId());
		}
	}

	public void setLearningRate(double rate) {
		this.learningRate = (float) rate;
	}

	public double learningRate() {
		return learningRate;
	}

	@Override
	public void update(String parameterId, NDArray weight, NDArray grad) {
		// the temporaries some cases need (a clipped gradient, AdamW's rescale scalar) are closed
		// with the scope; otherwise they pile up in the parameter's manager for the whole training
		try (NDScope scope = new NDScope()) {
			scope.suppressNotUsedWarning();
			updateInScope(parameterId, weight, grad);
		}
	}

	/*
	 * MXNet's fused update operators, one native call per parameter array where the semantics
	 * allow: a network of 60 small arrays spends more time issuing a dozen element-wise operators
	 * each than computing them. Clipping is element-wise, as DJL's optimizers do; norm clipping
	 * would need all gradients at once.
	 */
	private void updateInScope(String parameterId, NDArray weight, NDArray grad) {
		float lr = learningRate;
		float decay = (float) spec.weightDecay();
		float clip = Float.isInfinite(clipGrad) ? NO_CLIP : clipGrad;
		NDArrayEx ex = weight.getNDArrayInternal();
		switch (spec.name()) {
			case "sgd" -> {
				float momentum = (float) spec.momentum();
				if (momentum <= 0) {
					ex.sgdUpdate(new NDList(weight, grad), new NDList(weight), lr, decay, 1, clip, 0, false);
				} else if (lr == 0) {
					// the operators cannot accumulate the momentum without moving the weights
					NDArray g = clip == NO_CLIP ? grad : grad.clip(-clip, clip);
					NDArray step = decay > 0 ? g.add(weight.mul(decay)) : g;
					NDArray v = momentum(parameterId, weight, lr);
					v.muli(momentum).subi(step.mul(momentumRates.get(parameterId)));
				} else {
					NDArray v = momentum(parameterId, weight, lr);
					if (!spec.nesterov()) {
						ex.sgdUpdate(new NDList(weight, grad, v), new NDList(weight), lr, decay, 1, clip, momentum, false);
					} else if (decay > 0) {
						// nag_mom_update writes the weight before it reads it again for the decay of the
						// momentum: updating in place, that momentum would decay the new weight
						NDArray g = clip == NO_CLIP ? grad : grad.clip(-clip, clip);
						NDArray step = weight.mul(decay).addi(g);
						ex.nagUpdate(new NDList(weight, step, v), new NDList(weight), lr, 0, 1, NO_CLIP, momentum);
					} else {
						ex.nagUpdate(new NDList(weight, grad, v), new NDList(weight), lr, 0, 1, clip, momentum);
					}
				}
			}
			case "adam", "adamw" -> {
				boolean decoupled = spec.name().equals("adamw") && decay > 0;
				NDArray m = state(first, parameterId, weight);
				NDArray v = state(second, parameterId, weight);
				int t = steps.merge(parameterId, 1, Integer::sum);
				double correction1 = 1 - Math.pow(BETA1, t);
				double root2 = Math.sqrt(1 - Math.pow(BETA2, t));
				// lr·(m/c1)/(sqrt(v/c2) + eps) = (lr·sqrt(c2)/c1)·m/(sqrt(v) + eps·sqrt(c2)): the operator's
				// form with the bias corrections in its rate and epsilon, so epsilon keeps its meaning
				float rate = (float) (lr * root2 / correction1);
				float epsilon = (float) (EPSILON * root2);
				NDArray g = grad;
				float opClip = clip;
				float l2 = spec.name().equals("adam") ? decay : 0;
				if (l2 > 0 && clip != NO_CLIP) {
					// adam_update adds the decay before clipping; Facet clips the gradient alone
					g = grad.clip(-clip, clip);
					opClip = NO_CLIP;
				}
				// _adamw_update: w − (rate·m/(sqrt(v) + eps) + lr·decay·w)
				ex.adamUpdate(new NDList(weight, g, m, v), new NDList(weight), lr, rate, decoupled ? decay : l2, 1, opClip, (float) BETA1,
						(float) BETA2, epsilon, false, decoupled);
			}
			default -> throw new IllegalArgumentException("unknown optimizer '" + spec.name() + "'; expected one of " + OptimizerSpec.NAMES);
		}
	}

	/**
	 * The momentum buffer as MXNet's momentum operators keep it, −rate·v, scaled to {@code lr}
	 * first when the rate changed since the last step: v is the PyTorch-style velocity
	 * (v ← μ·v + g, w ← w − lr·v), which does not depend on the rates of earlier steps.
	 */
	private NDArray momentum(String parameterId, NDArray like, float lr) {
		NDArray buffer = state(first, parameterId, like);
		float rate = momentumRates.computeIfAbsent(parameterId, id -> lr == 0 ? 1f : lr);
		if (lr != 0 && rate != lr) {
			buffer.muli(lr / rate);
			momentumRates.put(parameterId, lr);
		}
		return buffer;
	}

	private NDArray state(Map<String, NDArray> states, String parameterId, NDArray like) {
		return states.computeIfAbsent(parameterId, id -> {
			NDArray zeros = stateManager.zeros(like.getShape(), like.getDataType(), like.getDevice());
			NDScope.unregister(zeros);
			return zeros;
		});
	}

	/**
	 * Writes the optimizer state: buffers, step counts and the rates the momentum buffers are
	 * scaled by, in parameter-name order.
	 */
	public void save(DataOutputStream out) throws IOException {
		out.writeUTF(spec.name());
		writeBuffers(out, first);
		writeBuffers(out, second);
		TreeMap<String, Integer> sorted = new TreeMap<>();
		steps.forEach((id, count) -> sorted.put(nameOf(id), count));
		out.writeInt(sorted.size());
		for (Map.Entry<String, Integer> e : sorted.entrySet()) {
			out.writeUTF(e.getKey());
			out.writeInt(e.getValue());
		}
		TreeMap<String, Float> rates = new TreeMap<>();
		momentumRates.forEach((id, rate) -> rates.put(nameOf(id), rate));
		out.writeInt(rates.size());
		for (Map.Entry<String, Float> e : rates.entrySet()) {
			out.writeUTF(e.getKey());
			out.writeFloat(e.getValue());
		}
	}

	/** Reads a state written by {@link #save}; refuses one of another optimizer. */
	public void load(DataInputStream in) throws IOException {
		String name = in.readUTF();
		if (!name.equals(spec.name())) {
			throw new IOException("the checkpoint's optimizer is " + name + ", the experiment's is " + spec.name());
		}
		readBuffers(in, first);
		readBuffers(in, second);
		steps.clear();
		int n = in.readInt();
		for (int i = 0; i < n; i++) {
			steps.put(idOf(in.readUTF()), in.readInt());
		}
		momentumRates.clear();
		int rates;
		try {
			rates = in.readInt();
		} catch (EOFException e) {
			// written before the fused operators: the momentum buffers hold v itself, which is −(−1)·v
			if (spec.name().equals("sgd")) {
				first.keySet().forEach(id -> momentumRates.put(id, -1f));
			}
			return;
		}
		for (int i = 0; i < rates; i++) {
			momentumRates.put(idOf(in.readUTF()), in.readFloat());
		}
	}

	private void writeBuffers(DataOutputStream out, Map<String, NDArray> buffers) throws IOException {
		TreeMap<String, NDArray> sorted = new TreeMap<>();
		buffers.forEach((id, array) -> sorted.put(nameOf(id), array));
		out.writeInt(sorted.size());
		for (Map.Entry<String, NDArray> e : sorted.entrySet()) {
			out.writeUTF(e.getKey());
			byte[] bytes = e.getValue().encode();
			out.writeInt(bytes.length);
			out.write(bytes);
		}
	}

	private void readBuffers(DataInputStream in, Map<String, NDArray> buffers) throws IOException {
		buffers.values().forEach(NDArray::close);
		buffers.clear();
		int n = in.readInt();
		for (int i = 0; i < n; i++) {
			String id = in.readUTF();
			byte[] bytes = new byte[in.readInt()];
			in.readFully(bytes);
			buffers.put(idOf(id), NDArray.decode(stateManager, bytes));
		}
	}

	private String nameOf(String id) {
		String name = names.get(id);
		if (name == null) {
			throw new IllegalStateException("optimizer state for an unknown parameter " + id + ": bind the network first");
		}
		return name;
	}

	private String idOf(String name) throws IOException {
		String id = ids.get(name);
		if (id == null) {
			throw new IOException("the checkpoint's optimizer state names parameter " + name + ", which this network does not have");
		}
		return id;
	}

	private static final class Builder extends OptimizerBuilder<Builder> {
		@Override
		protected Builder self() {
			return this;
		}
	}
}
