package facet.engine.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.Optimizer;
import facet.core.experiment.OptimizerSpec;

/**
 * SGD (with momentum and Nesterov), Adam and AdamW written on DJL's engine-neutral arrays, with
 * their state (momentum and moment buffers, step counts) saved into checkpoints. DJL's own
 * optimizers keep that state private, so a run resumed from a checkpoint would forget its
 * momentum and end differently from an uninterrupted one.
 */
public final class FacetOptimizer extends Optimizer {

	private static final double BETA1 = 0.9;
	private static final double BETA2 = 0.999;
	private static final double EPSILON = 1e-8;

	private final OptimizerSpec spec;
	private final NDManager stateManager;
	private final Map<String, NDArray> first = new ConcurrentHashMap<>();
	private final Map<String, NDArray> second = new ConcurrentHashMap<>();
	private final Map<String, Integer> steps = new ConcurrentHashMap<>();
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
		// every temporary of one update is closed with the scope; otherwise they pile up in the
		// parameter's manager for the whole training
		try (NDScope scope = new NDScope()) {
			scope.suppressNotUsedWarning();
			updateInScope(parameterId, weight, grad);
		}
	}

	private void updateInScope(String parameterId, NDArray weight, NDArray grad) {
		// clip element-wise as DJL's optimizers do; norm clipping would need all gradients at once
		NDArray g = Float.isInfinite(clipGrad) ? grad : grad.clip(-clipGrad, clipGrad);
		float lr = learningRate;
		float decay = (float) spec.weightDecay();
		switch (spec.name()) {
			case "sgd" -> {
				NDArray step = decay > 0 ? g.add(weight.mul(decay)) : g;
				if (spec.momentum() > 0) {
					NDArray v = state(first, parameterId, weight);
					v.muli((float) spec.momentum()).addi(step);
					NDArray direction = spec.nesterov() ? step.add(v.mul((float) spec.momentum())) : v;
					weight.subi(direction.mul(lr));
				} else {
					weight.subi(step.mul(lr));
				}
			}
			case "adam", "adamw" -> {
				boolean decoupled = spec.name().equals("adamw");
				NDArray step = !decoupled && decay > 0 ? g.add(weight.mul(decay)) : g;
				NDArray m = state(first, parameterId, weight);
				NDArray v = state(second, parameterId, weight);
				int t = steps.merge(parameterId, 1, Integer::sum);
				m.muli((float) BETA1).addi(step.mul((float) (1 - BETA1)));
				v.muli((float) BETA2).addi(step.square().mul((float) (1 - BETA2)));
				double correction1 = 1 - Math.pow(BETA1, t);
				double correction2 = 1 - Math.pow(BETA2, t);
				NDArray update = m.div((float) correction1).div(v.div((float) correction2).sqrt().add((float) EPSILON));
				if (decoupled && decay > 0) {
					weight.subi(weight.mul(lr * decay));
				}
				weight.subi(update.mul(lr));
			}
			default -> throw new IllegalArgumentException("unknown optimizer '" + spec.name() + "'; expected one of " + OptimizerSpec.NAMES);
		}
	}

	private NDArray state(Map<String, NDArray> states, String parameterId, NDArray like) {
		return states.computeIfAbsent(parameterId, id -> {
			NDArray zeros = stateManager.zeros(like.getShape(), like.getDataType(), like.getDevice());
			NDScope.unregister(zeros);
			return zeros;
		});
	}

	/** Writes the optimizer state: step counts and buffers, in parameter-id order. */
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
