package facet.platform.djl.graph;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import ai.djl.mxnet.engine.MxNDManager;
import ai.djl.mxnet.engine.MxSymbolBlock;
import ai.djl.mxnet.engine.Symbol;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.NDArrays;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;

/**
 * A small feed-forward network for inference, written down layer by layer with its trained
 * values and run as one graph. With MXNet that is a cached operator: one native call per forward
 * pass instead of one per layer (each costs 25–100 µs of marshalling and scheduling, more than
 * the arithmetic of a small layer), with its memory planned once. Other engines, and
 * {@link Mode#OPERATORS}, run the same layers one NDArray operation after another.
 * <p>
 * Compiling also fits the layers to MXNet's oneDNN kernels, with the same results up to float
 * rounding: narrow convolutions are widened to blocks of 16 channels, and PReLU is written in
 * operators oneDNN runs. MTCNN's three networks took ~40 ms of a VGA frame before, ~26 after.
 * <p>
 * This is the engine-specific seam of compiled inference, kept in the platform bundle (which
 * embeds the engines) so that network bundles name no engine class. The layers are the ones
 * MTCNN and the face-api expression network need; add one here, with both of its
 * implementations, when a network needs more.
 * <p>
 * Arrays returned by {@link #forward} belong to the input's manager but are valid only until the
 * next forward pass of the same graph (the compiled graph may reuse their memory): read them
 * first. Not thread-safe; close it.
 */
public final class LayerGraph implements AutoCloseable {

	/** How a graph runs. */
	public enum Mode {
		/** One compiled graph where the engine offers one (MXNet), else {@link #OPERATORS}. */
		COMPILED,
		/** One NDArray operation per layer, on any engine. */
		OPERATORS
	}

	/** oneDNN's channel block on AVX-512 (a multiple of AVX2's 8). */
	private static final int CHANNEL_BLOCK = 16;

	/** Layers that keep a zero channel zero and do not mix channels. */
	private static final Set<Kind> PER_CHANNEL = EnumSet.of(Kind.PRELU, Kind.RELU, Kind.MAX_POOL, Kind.AVG_POOL, Kind.PAD);

	/** A value in the graph: the input or a layer's output. */
	public record Node(int id) {
	}

	private enum Kind {
		INPUT, CONVOLUTION, PRELU, RELU, ADD, SUBTRACT, PAD, MAX_POOL, AVG_POOL, FLATTEN, DENSE, SOFTMAX
	}

	/**
	 * @param size kernel side (convolution, pooling) or softmax axis
	 * @param settings stride, padding, groups (convolution); stride (pooling); top, bottom, left, right (pad)
	 */
	private record Layer(Kind kind, int[] inputs, List<NDArray> values, int size, int[] settings, boolean ceil, float[] constants) {

		Layer(Kind kind, int[] inputs, List<NDArray> values, int size, int[] settings, boolean ceil) {
			this(kind, inputs, values, size, settings, ceil, null);
		}
	}

	/** Collects the layers; the arrays given are copied when the graph is built. */
	public static final class Builder {
		private final List<Layer> layers = new ArrayList<>();

		private Builder() {
		}

		/** The graph's single input, (N, C, H, W). */
		public Node input() {
			if (!layers.isEmpty()) {
				throw new IllegalStateException("the input must be the first node");
			}
			return layer(Kind.INPUT, List.of(), 0, new int[0], false);
		}

		/** A convolution with stride 1 and no padding; weight (O, I, K, K), bias (O). */
		public Node convolution(Node x, NDArray weight, NDArray bias) {
			return convolution(x, weight, bias, 1, 0, 1);
		}

		/**
		 * A convolution; weight (O, I / groups, K, K), bias (O) or null for none, the same padding
		 * on every side.
		 */
		public Node convolution(Node x, NDArray weight, NDArray bias, int stride, int padding, int groups) {
			Shape w = weight.getShape();
			if (w.dimension() != 4 || w.get(2) != w.get(3)) {
				throw new IllegalArgumentException("a square kernel (O, I, K, K) is needed, not " + w);
			}
			if (bias != null && (bias.getShape().dimension() != 1 || bias.getShape().get(0) != w.get(0))) {
				throw new IllegalArgumentException("the bias needs " + w.get(0) + " values, not " + bias.getShape());
			}
			if (stride < 1 || padding < 0 || groups < 1 || w.get(0) % groups != 0) {
				throw new IllegalArgumentException("stride " + stride + ", padding " + padding + ", groups " + groups + " do not fit " + w);
			}
			List<NDArray> values = bias == null ? List.of(weight) : List.of(weight, bias);
			return layer(Kind.CONVOLUTION, values, (int) w.get(2), new int[] { stride, padding, groups }, false, x);
		}

		/** Parametric ReLU with one slope per channel (axis 1); the slopes as (C). */
		public Node prelu(Node x, NDArray alpha) {
			if (alpha.getShape().dimension() != 1) {
				throw new IllegalArgumentException("PReLU needs one slope per channel, (C), not " + alpha.getShape());
			}
			return layer(Kind.PRELU, List.of(alpha), 0, new int[0], false, x);
		}

		public Node relu(Node x) {
			return layer(Kind.RELU, List.of(), 0, new int[0], false, x);
		}

		/** The sum of two values of the same shape. */
		public Node add(Node a, Node b) {
			return layer(Kind.ADD, List.of(), 0, new int[0], false, a, b);
		}

		/** {@code x − value[c]} for each channel c (axis 1) of an (N, C, H, W) value. */
		public Node subtractPerChannel(Node x, float[] values) {
			Node node = layer(Kind.SUBTRACT, List.of(), 0, new int[0], false, x);
			Layer layer = layers.get(node.id());
			layers.set(node.id(), new Layer(layer.kind(), layer.inputs(), layer.values(), 0, layer.settings(), false, values.clone()));
			return node;
		}

		/** Zeros around the last two axes: rows above and below, columns left and right. */
		public Node pad(Node x, int top, int bottom, int left, int right) {
			if (top < 0 || bottom < 0 || left < 0 || right < 0) {
				throw new IllegalArgumentException("negative padding");
			}
			return layer(Kind.PAD, List.of(), 0, new int[] { top, bottom, left, right }, false, x);
		}

		/** Max pooling over square windows; {@code ceil} keeps a last, partial window (Caffe's rounding). */
		public Node maxPool(Node x, int kernel, int stride, boolean ceil) {
			return layer(Kind.MAX_POOL, List.of(), kernel, new int[] { stride }, ceil, x);
		}

		/** Average pooling over square windows that lie wholly inside. */
		public Node avgPool(Node x, int kernel, int stride) {
			return layer(Kind.AVG_POOL, List.of(), kernel, new int[] { stride }, false, x);
		}

		/** (N, …) to (N, rest). */
		public Node flatten(Node x) {
			return layer(Kind.FLATTEN, List.of(), 0, new int[0], false, x);
		}

		/** A fully connected layer of a flat input; weight (units, inputs), bias (units). */
		public Node dense(Node x, NDArray weight, NDArray bias) {
			return layer(Kind.DENSE, List.of(weight, bias), 0, new int[0], false, x);
		}

		public Node softmax(Node x, int axis) {
			return layer(Kind.SOFTMAX, List.of(), axis, new int[0], false, x);
		}

		private Node layer(Kind kind, List<NDArray> values, int size, int[] settings, boolean ceil, Node... inputs) {
			int[] ids = new int[inputs.length];
			for (int i = 0; i < inputs.length; i++) {
				if (inputs[i].id() < 0 || inputs[i].id() >= layers.size()) {
					throw new IllegalArgumentException("node " + inputs[i].id() + " is not of this graph");
				}
				ids[i] = inputs[i].id();
			}
			layers.add(new Layer(kind, ids, values, size, settings, ceil));
			return new Node(layers.size() - 1);
		}

		/**
		 * Copies the layers' values into a manager of the graph's own (a child of {@code parent})
		 * and builds the graph with the given outputs.
		 */
		public LayerGraph build(NDManager parent, Mode mode, Node... outputs) {
			if (layers.isEmpty() || layers.get(0).kind() != Kind.INPUT) {
				throw new IllegalStateException("a graph needs an input first");
			}
			if (outputs.length == 0) {
				throw new IllegalArgumentException("a graph needs an output");
			}
			NDManager manager = parent.newSubManager();
			try {
				List<Layer> copies = new ArrayList<>();
				for (Layer layer : layers) {
					List<NDArray> values = new ArrayList<>();
					for (NDArray value : layer.values()) {
						NDArray copy = value.duplicate();
						copy.attach(manager);
						values.add(copy);
					}
					if (layer.constants() != null) {
						values.add(manager.create(layer.constants(), new Shape(1, layer.constants().length, 1, 1)));
					}
					copies.add(new Layer(layer.kind(), layer.inputs(), values, layer.size(), layer.settings(), layer.ceil()));
				}
				int[] heads = new int[outputs.length];
				for (int i = 0; i < outputs.length; i++) {
					heads[i] = outputs[i].id();
				}
				MxSymbolBlock compiled = null;
				if (mode == Mode.COMPILED && manager instanceof MxNDManager mx) {
					padChannels(copies, heads, manager);
					compiled = compile(mx, copies, heads);
				}
				return new LayerGraph(manager, copies, heads, compiled);
			} catch (RuntimeException e) {
				manager.close();
				throw e;
			}
		}
	}

	private final NDManager manager;
	private final List<Layer> layers;
	private final int[] outputs;
	private final MxSymbolBlock compiled;
	private final ParameterStore store;

	private LayerGraph(NDManager manager, List<Layer> layers, int[] outputs, MxSymbolBlock compiled) {
		this.manager = manager;
		this.layers = layers;
		this.outputs = outputs;
		this.compiled = compiled;
		this.store = new ParameterStore(manager, false);
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Whether this graph runs as one compiled graph rather than operator by operator. */
	public boolean isCompiled() {
		return compiled != null;
	}

	/**
	 * Runs the graph on a batch; the outputs, in the order given to {@link Builder#build}, belong
	 * to the input's manager and stay valid until the next call.
	 */
	public NDList forward(NDArray input) {
		if (compiled != null) {
			return compiled.forward(store, new NDList(input), false);
		}
		NDArray[] values = new NDArray[layers.size()];
		values[0] = input;
		for (int i = 1; i < layers.size(); i++) {
			Layer layer = layers.get(i);
			NDArray x = values[layer.inputs()[0]];
			values[i] = switch (layer.kind()) {
				case CONVOLUTION -> {
					int stride = layer.settings()[0];
					int pad = layer.settings()[1];
					yield Conv2d.conv2d(x, layer.values().get(0), layer.values().size() > 1 ? layer.values().get(1) : null, new Shape(stride, stride),
							new Shape(pad, pad), new Shape(1, 1), layer.settings()[2]).singletonOrThrow();
				}
				case PRELU -> x.getNDArrayInternal().prelu(x, layer.values().get(0)).singletonOrThrow();
				case RELU -> Activation.relu(x);
				case ADD -> x.add(values[layer.inputs()[1]]);
				case SUBTRACT -> x.sub(layer.values().get(0));
				case PAD -> padWithZeros(x, layer.settings()[0], layer.settings()[1], layer.settings()[2], layer.settings()[3]);
				case MAX_POOL -> Pool.maxPool2d(x, new Shape(layer.size(), layer.size()), new Shape(layer.settings()[0], layer.settings()[0]),
						new Shape(0, 0), layer.ceil());
				case AVG_POOL -> Pool.avgPool2d(x, new Shape(layer.size(), layer.size()), new Shape(layer.settings()[0], layer.settings()[0]),
						new Shape(0, 0), false, true);
				case FLATTEN -> x.reshape(x.getShape().get(0), -1);
				case DENSE -> Linear.linear(x, layer.values().get(0), layer.values().get(1)).singletonOrThrow();
				case SOFTMAX -> x.softmax(layer.size());
				case INPUT -> throw new IllegalStateException("a second input");
			};
		}
		NDList result = new NDList();
		for (int output : outputs) {
			result.add(values[output]);
		}
		return result;
	}

	/**
	 * Zeros around the last two axes of (N, C, H, W), concatenated: the engine-neutral way, as not
	 * every engine's NDArray has a pad.
	 */
	public static NDArray padWithZeros(NDArray x, int top, int bottom, int left, int right) {
		int[] sides = { top, bottom, left, right };
		NDArray result = x;
		for (int axis = 2; axis < 4; axis++) {
			int before = sides[2 * (axis - 2)];
			int after = sides[2 * (axis - 2) + 1];
			NDList parts = new NDList();
			if (before > 0) {
				parts.add(zeros(result, axis, before));
			}
			parts.add(result);
			if (after > 0) {
				parts.add(zeros(result, axis, after));
			}
			if (parts.size() > 1) {
				result = NDArrays.concat(parts, axis);
			}
		}
		return result;
	}

	private static NDArray zeros(NDArray x, int axis, int size) {
		long[] shape = x.getShape().getShape().clone();
		shape[axis] = size;
		return x.getManager().zeros(new Shape(shape), x.getDataType(), x.getDevice());
	}

	@Override
	public void close() {
		// the symbol and its cached operator belong to the manager
		manager.close();
	}

	/**
	 * Widens each convolution whose output channels are not a multiple of {@link #CHANNEL_BLOCK}
	 * with filters of zeros, where its output passes only through per-channel layers into
	 * convolutions (which get zero weights for the new channels) and is no output of the graph: the
	 * results stay the same. MXNet's oneDNN kernels work on blocks of 16 channels: with 10 channels
	 * (MTCNN's P-Net) the first convolution falls back to a GEMM and its max pooling to a plain
	 * loop, which together took ~11 ms of a VGA frame; widened, they run the blocked kernels.
	 * {@link #compile} widens the convolutions left narrow too and slices their results back (P-Net's
	 * two output convolutions: ~2 → ~0.6 ms).
	 */
	private static void padChannels(List<Layer> layers, int[] heads, NDManager manager) {
		List<List<Integer>> consumers = new ArrayList<>();
		for (int i = 0; i < layers.size(); i++) {
			consumers.add(new ArrayList<>());
		}
		for (int i = 0; i < layers.size(); i++) {
			for (int input : layers.get(i).inputs()) {
				consumers.get(input).add(i);
			}
		}
		boolean[] output = new boolean[layers.size()];
		for (int head : heads) {
			output[head] = true;
		}
		for (int i = 0; i < layers.size(); i++) {
			Layer conv = layers.get(i);
			long extra = missingChannels(conv);
			if (extra == 0) {
				continue;
			}
			// the per-channel layers between this convolution and the ones it feeds
			List<Integer> chain = new ArrayList<>();
			int end = i;
			while (!output[end] && consumers.get(end).size() == 1 && PER_CHANNEL.contains(layers.get(consumers.get(end).get(0)).kind())) {
				end = consumers.get(end).get(0);
				chain.add(end);
			}
			List<Integer> next = consumers.get(end);
			if (output[end] || next.isEmpty()
					|| !next.stream().allMatch(j -> layers.get(j).kind() == Kind.CONVOLUTION && layers.get(j).settings()[2] == 1)) {
				continue;
			}
			layers.set(i, widened(conv, extra, manager));
			for (int j : chain) {
				Layer layer = layers.get(j);
				if (layer.kind() == Kind.PRELU) {
					layers.set(j, withValues(layer, padded(layer.values().get(0), 0, extra, manager), null));
				}
			}
			for (int j : next) {
				Layer layer = layers.get(j);
				layers.set(j, withValues(layer, padded(layer.values().get(0), 1, extra, manager), layer.values().size() > 1 ? layer.values().get(1) : null));
			}
		}
	}

	/** How many filters take a convolution (not grouped) to a multiple of {@link #CHANNEL_BLOCK}; 0 for other layers. */
	private static long missingChannels(Layer layer) {
		if (layer.kind() != Kind.CONVOLUTION || layer.settings()[2] != 1) {
			return 0;
		}
		long channels = layer.values().get(0).getShape().get(0);
		return (CHANNEL_BLOCK - channels % CHANNEL_BLOCK) % CHANNEL_BLOCK;
	}

	/** The convolution with {@code extra} filters of zeros, and zero biases for them. */
	private static Layer widened(Layer conv, long extra, NDManager manager) {
		return withValues(conv, padded(conv.values().get(0), 0, extra, manager),
				conv.values().size() > 1 ? padded(conv.values().get(1), 0, extra, manager) : null);
	}

	/** The array with {@code extra} zeros appended along an axis. */
	private static NDArray padded(NDArray value, int axis, long extra, NDManager manager) {
		long[] shape = value.getShape().getShape().clone();
		shape[axis] = extra;
		return NDArrays.concat(new NDList(value, manager.zeros(new Shape(shape), value.getDataType())), axis);
	}

	private static Layer withValues(Layer layer, NDArray first, NDArray second) {
		return new Layer(layer.kind(), layer.inputs(), second == null ? List.of(first) : List.of(first, second), layer.size(), layer.settings(),
				layer.ceil(), layer.constants());
	}

	/**
	 * Writes the layers as an MXNet symbol (its JSON: one node per operator and per array, arrays
	 * named p000, p001, … in order) and hands the copied values to the symbol block's parameters.
	 */
	private static MxSymbolBlock compile(MxNDManager manager, List<Layer> layers, int[] heads) {
		List<String> nodes = new ArrayList<>();
		List<Integer> arguments = new ArrayList<>();
		Map<String, NDArray> values = new LinkedHashMap<>();
		int[] nodeOf = new int[layers.size()];
		// which values are (N, C) rather than (N, C, H, W)
		boolean[] flat = new boolean[layers.size()];
		for (int i = 1; i < layers.size(); i++) {
			Kind kind = layers.get(i).kind();
			flat[i] = kind == Kind.FLATTEN || kind == Kind.DENSE || flat[layers.get(i).inputs()[0]];
		}
		for (int i = 0; i < layers.size(); i++) {
			Layer layer = layers.get(i);
			if (layer.kind() == Kind.PRELU && !flat[i]) {
				nodeOf[i] = preluNodes(nodes, arguments, values, "layer" + i, nodeOf[layer.inputs()[0]], layer.values().get(0));
				continue;
			}
			// a convolution still narrow after padChannels (a graph output, or feeding other layers):
			// widened too, and its result sliced back to its own channels
			long narrow = 0;
			long extra = missingChannels(layer);
			if (extra > 0) {
				narrow = layer.values().get(0).getShape().get(0);
				layer = widened(layer, extra, manager);
			}
			if (layer.kind() == Kind.INPUT) {
				arguments.add(nodes.size());
				nodeOf[i] = nodes.size();
				nodes.add(node("null", "data", null, List.of()));
				continue;
			}
			List<Integer> inputs = new ArrayList<>();
			for (int input : layer.inputs()) {
				inputs.add(nodeOf[input]);
			}
			for (NDArray value : layer.values()) {
				String name = String.format(Locale.ROOT, "p%03d", values.size());
				values.put(name, value);
				arguments.add(nodes.size());
				inputs.add(nodes.size());
				nodes.add(node("null", name, null, List.of()));
			}
			String name = "layer" + i;
			int[] set = layer.settings();
			String attributes = switch (layer.kind()) {
				case CONVOLUTION -> String.format(Locale.ROOT,
						"\"kernel\": \"(%d, %d)\", \"stride\": \"(%d, %d)\", \"pad\": \"(%d, %d)\", \"num_group\": \"%d\", \"num_filter\": \"%d\", \"no_bias\": \"%s\"",
						layer.size(), layer.size(), set[0], set[0], set[1], set[1], set[2], layer.values().get(0).getShape().get(0),
						layer.values().size() == 1 ? "True" : "False");
				case PRELU -> "\"act_type\": \"prelu\"";
				case RELU -> "\"act_type\": \"relu\"";
				case ADD, SUBTRACT, FLATTEN -> null;
				case PAD -> String.format(Locale.ROOT, "\"mode\": \"constant\", \"constant_value\": \"0\", \"pad_width\": \"(0, 0, 0, 0, %d, %d, %d, %d)\"",
						set[0], set[1], set[2], set[3]);
				case MAX_POOL, AVG_POOL -> String.format(Locale.ROOT,
						"\"kernel\": \"(%d, %d)\", \"stride\": \"(%d, %d)\", \"pool_type\": \"%s\", \"pooling_convention\": \"%s\"", layer.size(),
						layer.size(), set[0], set[0], layer.kind() == Kind.MAX_POOL ? "max" : "avg", layer.ceil() ? "full" : "valid");
				case DENSE -> String.format(Locale.ROOT, "\"num_hidden\": \"%d\"", layer.values().get(0).getShape().get(0));
				case SOFTMAX -> String.format(Locale.ROOT, "\"axis\": \"%d\"", layer.size());
				case INPUT -> throw new IllegalStateException("a second input");
			};
			String op = switch (layer.kind()) {
				case CONVOLUTION -> "Convolution";
				case PRELU -> "LeakyReLU";
				case RELU -> "Activation";
				case ADD -> "elemwise_add";
				case SUBTRACT -> "broadcast_sub";
				case PAD -> "Pad";
				case MAX_POOL, AVG_POOL -> "Pooling";
				case FLATTEN -> "Flatten";
				case DENSE -> "FullyConnected";
				case SOFTMAX -> "softmax";
				case INPUT -> throw new IllegalStateException("a second input");
			};
			nodeOf[i] = nodes.size();
			nodes.add(node(op, name, attributes, inputs));
			if (narrow > 0) {
				nodeOf[i] = nodes.size();
				nodes.add(node("slice_axis", name + "_narrow", String.format(Locale.ROOT, "\"axis\": \"1\", \"begin\": \"0\", \"end\": \"%d\"", narrow),
						List.of(nodeOf[i] - 1)));
			}
		}
		StringBuilder heads2 = new StringBuilder();
		for (int head : heads) {
			heads2.append(heads2.isEmpty() ? "" : ", ").append('[').append(nodeOf[head]).append(", 0, 0]");
		}
		String json = "{\"nodes\": [" + String.join(", ", nodes) + "], \"arg_nodes\": " + arguments + ", \"heads\": [" + heads2
				+ "], \"attrs\": {\"mxnet_version\": [\"int\", 10900]}}";
		Symbol symbol = Symbol.loadJson(manager, json);
		MxSymbolBlock block = new MxSymbolBlock(manager, symbol);
		for (Parameter parameter : block.getAllParameters()) {
			NDArray value = values.get(parameter.getName());
			if (value != null) {
				parameter.setArray(value);
			} else if (!"data".equals(parameter.getName())) {
				throw new IllegalStateException("the symbol names an array the layers lack: " + parameter.getName());
			}
		}
		return block;
	}

	/**
	 * PReLU as (1 − a)·relu(x) + a·x in operators that MXNet runs with oneDNN: ReLU, two
	 * depthwise 1×1 convolutions and a sum. MXNet's own per-channel LeakyReLU is no oneDNN
	 * operator: it runs on one thread (six to eight times a ReLU's cost per value) and makes the
	 * values around it change memory layout twice, to the plain one and back to oneDNN's blocked one.
	 *
	 * @return the node index of the result
	 */
	private static int preluNodes(List<String> nodes, List<Integer> arguments, Map<String, NDArray> values, String name, int x, NDArray slopes) {
		long channels = slopes.getShape().get(0);
		NDArray slope = slopes.reshape(channels, 1, 1, 1);
		NDArray rest = slope.neg().add(1f);
		int relu = nodes.size();
		nodes.add(node("Activation", name + "_relu", "\"act_type\": \"relu\"", List.of(x)));
		int[] scaled = new int[2];
		int k = 0;
		for (NDArray weight : List.of(rest, slope)) {
			String parameter = String.format(Locale.ROOT, "p%03d", values.size());
			values.put(parameter, weight);
			arguments.add(nodes.size());
			int weightNode = nodes.size();
			nodes.add(node("null", parameter, null, List.of()));
			scaled[k] = nodes.size();
			nodes.add(node("Convolution", name + "_scale" + k,
					String.format(Locale.ROOT, "\"kernel\": \"(1, 1)\", \"num_group\": \"%d\", \"num_filter\": \"%d\", \"no_bias\": \"True\"", channels, channels),
					List.of(k == 0 ? relu : x, weightNode)));
			k++;
		}
		nodes.add(node("elemwise_add", name, null, List.of(scaled[0], scaled[1])));
		return nodes.size() - 1;
	}

	private static String node(String op, String name, String attributes, List<Integer> inputs) {
		StringBuilder node = new StringBuilder("{\"op\": \"").append(op).append("\", \"name\": \"").append(name).append('"');
		if (attributes != null) {
			node.append(", \"attrs\": {").append(attributes).append('}');
		}
		node.append(", \"inputs\": [");
		for (int i = 0; i < inputs.size(); i++) {
			node.append(i > 0 ? ", " : "").append('[').append(inputs.get(i)).append(", 0, 0]");
		}
		return node.append("]}").toString();
	}
}
