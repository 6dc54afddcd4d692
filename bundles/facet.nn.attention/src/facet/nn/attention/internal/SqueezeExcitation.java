package facet.nn.attention.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import facet.nn.api.AttentionBlock;

/** Squeeze-and-excitation (Hu et al., CVPR 2018): {@code x · σ(MLP(GAP(x)))}. */
public final class SqueezeExcitation extends AttentionBlock {

	private final Block mlp;

	public SqueezeExcitation(int channels, int reduction) {
		super(channels);
		mlp = addChildBlock("mlp", Parts.channelMlp(channels, reduction));
	}

	@Override
	protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
		NDArray x = input(inputs);
		NDArray weights = Activation.sigmoid(mlp.forward(parameters, new NDList(Parts.gap(x)), training).singletonOrThrow());
		remember(null, weights);
		return new NDList(x.mul(Parts.asMap(weights)));
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		checkInput(inputShapes[0]);
		mlp.initialize(manager, dataType, Parts.pooled(inputShapes[0]));
	}
}
