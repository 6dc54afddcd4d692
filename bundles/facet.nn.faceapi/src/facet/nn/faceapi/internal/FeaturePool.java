package facet.nn.faceapi.internal;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import facet.nn.api.GraphLayers;
import facet.platform.djl.graph.LayerGraph;

/**
 * face-api's last step of the feature extractor, {@code avgPool(x, 7×7, stride 2, 'valid')}: the
 * 7×7 map of dense3 becomes (N, 256, 1, 1). A block of its own (not DJL's pooling lambda) so that
 * it can join a compiled graph.
 */
final class FeaturePool extends AbstractBlock implements GraphLayers {

	private static final int KERNEL = 7;
	private static final int STRIDE = 2;

	FeaturePool() {
		// version 2 writes what DJL's LambdaBlock (version 2) wrote here before: checkpoints of
		// face-api runs saved with that block still load
		super((byte) 2);
	}

	@Override
	protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
		return new NDList(Pool.avgPool2d(inputs.singletonOrThrow(), new Shape(KERNEL, KERNEL), new Shape(STRIDE, STRIDE), new Shape(0, 0),
				false, true));
	}

	@Override
	public LayerGraph.Node addTo(LayerGraph.Builder graph, LayerGraph.Node input) {
		return graph.avgPool(input, KERNEL, STRIDE);
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		Shape in = inputShapes[0];
		return new Shape[] { new Shape(in.get(0), in.get(1), (in.get(2) - KERNEL) / STRIDE + 1, (in.get(3) - KERNEL) / STRIDE + 1) };
	}
}
