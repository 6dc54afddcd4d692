package facet.detect.mtcnn.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * Parametric ReLU with one slope per channel (axis 1), as MTCNN uses it. DJL's own
 * {@code Prelu} learns a single slope for the whole tensor.
 */
public final class ChannelPrelu extends AbstractBlock {

	private final int channels;
	private final Parameter alpha;

	public ChannelPrelu(int channels) {
		this.channels = channels;
		this.alpha = addParameter(Parameter.builder().setName("alpha").setType(Parameter.Type.WEIGHT)
				.optInitializer(new ConstantInitializer(0.25f)).optShape(new Shape(channels)).build());
	}

	public Parameter alpha() {
		return alpha;
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
		NDArray x = inputs.singletonOrThrow();
		NDArray a = store.getValue(alpha, x.getDevice(), training);
		long[] shape = new long[x.getShape().dimension()];
		java.util.Arrays.fill(shape, 1);
		shape[1] = channels;
		// max(x, 0) + alpha · min(x, 0)
		NDArray negative = x.minimum(0f).mul(a.reshape(new Shape(shape)));
		return new NDList(x.maximum(0f).add(negative));
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		return inputShapes;
	}
}
