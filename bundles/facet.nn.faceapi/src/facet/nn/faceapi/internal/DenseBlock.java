package facet.nn.faceapi.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import facet.nn.api.GraphLayers;
import facet.platform.djl.graph.LayerGraph;

/**
 * face-api's {@code denseBlock4}: a stride-2 convolution c0, then three stride-1 separable
 * convolutions each fed the ReLU of the sum of all outputs before it:
 * <pre>
 * o1 = relu(c0(x)); o2 = c1(o1); o3 = c2(relu(o1 + o2)); o4 = c3(relu(o1 + o2 + o3))
 * out = relu(o1 + o2 + o3 + o4)
 * </pre>
 * c0 is a plain convolution in the first block, separable in the others.
 */
final class DenseBlock extends AbstractBlock implements GraphLayers {

	private final FaceApiConv[] convs = new FaceApiConv[FaceApiModel.CONVS_PER_BLOCK];

	/** @param index 0 … 3, the manifest's {@code denseN} */
	DenseBlock(int index, int in, int out, WeightSource weights) {
		super((byte) 1);
		for (int k = 0; k < convs.length; k++) {
			String prefix = "dense" + index + "/conv" + k;
			boolean separable = !(index == 0 && k == 0);
			convs[k] = addChildBlock("conv" + k, new FaceApiConv(prefix, separable, k == 0 ? in : out, out, k == 0 ? 2 : 1, weights));
		}
	}

	@Override
	protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
		NDArray out1 = Activation.relu(convs[0].forward(parameters, inputs, training).singletonOrThrow());
		NDArray sum = out1;
		for (int k = 1; k < convs.length; k++) {
			NDArray in = k == 1 ? out1 : Activation.relu(sum);
			sum = sum.add(convs[k].forward(parameters, new NDList(in), training).singletonOrThrow());
		}
		return new NDList(Activation.relu(sum));
	}

	@Override
	public LayerGraph.Node addTo(LayerGraph.Builder graph, LayerGraph.Node input) {
		LayerGraph.Node out1 = graph.relu(convs[0].addTo(graph, input));
		LayerGraph.Node sum = out1;
		for (int k = 1; k < convs.length; k++) {
			LayerGraph.Node in = k == 1 ? out1 : graph.relu(sum);
			sum = graph.add(sum, convs[k].addTo(graph, in));
		}
		return graph.relu(sum);
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		Shape[] shapes = inputShapes;
		for (FaceApiConv conv : convs) {
			conv.initialize(manager, dataType, shapes);
			shapes = conv.getOutputShapes(shapes);
		}
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		Shape[] shapes = inputShapes;
		for (FaceApiConv conv : convs) {
			shapes = conv.getOutputShapes(shapes);
		}
		return shapes;
	}
}
