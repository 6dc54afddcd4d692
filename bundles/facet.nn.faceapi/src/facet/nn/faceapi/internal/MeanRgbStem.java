package facet.nn.faceapi.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import facet.nn.api.GraphLayers;
import facet.platform.djl.graph.LayerGraph;

/**
 * face-api's input normalization, {@code (pixel - meanRgb) / 255}, on the pipeline's floats
 * {@code pixel / 255}: subtracts {@code meanRgb / 255}. It is part of the network (not a normalize
 * preprocessor) so that the imported network gives face-api's numbers on the pipeline's default
 * tensors.
 */
final class MeanRgbStem extends AbstractBlock implements GraphLayers {

	MeanRgbStem() {
		super((byte) 1);
	}

	@Override
	protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
		NDArray x = inputs.singletonOrThrow();
		return new NDList(x.sub(x.getManager().create(mean(), new Shape(1, 3, 1, 1)).toType(x.getDataType(), false)));
	}

	private static float[] mean() {
		float[] mean = new float[3];
		for (int c = 0; c < 3; c++) {
			mean[c] = (float) (FaceApiModel.MEAN_RGB[c] / 255);
		}
		return mean;
	}

	@Override
	public LayerGraph.Node addTo(LayerGraph.Builder graph, LayerGraph.Node input) {
		return graph.subtractPerChannel(input, mean());
	}

	/** Here and not in {@code prepare}, which DJL skips for blocks without parameters. */
	@Override
	protected void beforeInitialize(Shape... inputShapes) {
		super.beforeInitialize(inputShapes);
		Shape shape = inputShapes[0];
		if (shape.dimension() != 4 || shape.get(1) != 3 || shape.get(2) != FaceApiModel.INPUT_SIZE || shape.get(3) != FaceApiModel.INPUT_SIZE) {
			throw new IllegalArgumentException("the face-api expression network needs RGB images of " + FaceApiModel.INPUT_SIZE + "x"
					+ FaceApiModel.INPUT_SIZE + " pixels, input (N, 3, " + FaceApiModel.INPUT_SIZE + ", " + FaceApiModel.INPUT_SIZE
					+ "); got " + shape + " (resize the faces to " + FaceApiModel.INPUT_SIZE + " in the experiment's preprocessing)");
		}
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		return inputShapes;
	}
}
