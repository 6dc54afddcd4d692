package facet.nn.faceapi.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import facet.core.ExpressionClass;
import facet.nn.api.ClassifierHead;
import facet.nn.api.GraphLayers;
import facet.nn.faceapi.TfjsWeights;
import facet.platform.djl.graph.LayerGraph;

/**
 * face-api's classifier, {@code fc(flatten(features))} with 256 inputs and 7 outputs, whose rows
 * are stored in Facet's canonical class order: logit k is face-api's logit for the class with
 * canonical index k. The reorder costs nothing at run time and keeps training the layer exact.
 */
final class FaceApiLogitsHead extends ClassifierHead implements GraphLayers {

	private final WeightSource weights;
	private final Block fc;

	/** @param weights where the pretrained values come from; null to keep DJL's initialization */
	FaceApiLogitsHead(WeightSource weights) {
		super((byte) 1, ExpressionClass.COUNT);
		this.weights = weights;
		fc = addChildBlock("fc", Linear.builder().setUnits(ExpressionClass.COUNT).build());
	}

	@Override
	public int embeddingSize() {
		return 0;
	}

	@Override
	protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
		NDArray x = inputs.singletonOrThrow();
		return fc.forward(parameters, new NDList(x.reshape(x.getShape().get(0), -1)), training);
	}

	@Override
	public LayerGraph.Node addTo(LayerGraph.Builder graph, LayerGraph.Node input) {
		return graph.dense(graph.flatten(input), fc.getParameters().get("weight").getArray(), fc.getParameters().get("bias").getArray());
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		Shape input = inputShapes[0];
		long features = input.dimension() < 2 ? -1 : input.size() / input.get(0);
		if (features != FaceApiModel.FEATURES) {
			throw new IllegalArgumentException("the face-api classifier needs " + FaceApiModel.FEATURES
					+ " features, as the faceapi-expression backbone gives them (N, 256, 1, 1); got " + input);
		}
		boolean fresh = !isInitialized();
		fc.initialize(manager, dataType, new Shape(input.get(0), FaceApiModel.FEATURES));
		if (fresh && weights != null) {
			loadReordered();
		}
	}

	private void loadReordered() {
		int classes = ExpressionClass.COUNT;
		int features = FaceApiModel.FEATURES;
		TfjsWeights.Tensor w = weights.tensor("fc/weights", features, classes);
		TfjsWeights.Tensor b = weights.tensor("fc/bias", classes);
		int[] columns = FaceApiModel.canonicalToFaceApi();
		float[] weight = new float[classes * features];
		float[] bias = new float[classes];
		for (int k = 0; k < classes; k++) {
			for (int i = 0; i < features; i++) {
				weight[k * features + i] = w.values()[i * classes + columns[k]];
			}
			bias[k] = b.values()[columns[k]];
		}
		fc.getParameters().get("weight").getArray().set(weight);
		fc.getParameters().get("bias").getArray().set(bias);
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		return new Shape[] { new Shape(inputShapes[0].get(0), classes()) };
	}
}
