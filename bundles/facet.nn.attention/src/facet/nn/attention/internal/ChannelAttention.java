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

/**
 * Channel attention module (CAM, the channel half of CBAM, Woo et al., ECCV 2018):
 * {@code x · σ(MLP(GAP(x)) + MLP(GMP(x)))} with one MLP shared by both poolings.
 */
public final class ChannelAttention extends AttentionBlock {

	private final Block mlp;

	public ChannelAttention(int channels, int reduction) {
		super(channels);
		mlp = addChildBlock("mlp", Parts.channelMlp(channels, reduction));
	}

	/** The channel weights {@code σ(MLP(GAP(x)) + MLP(GMP(x)))}, {@code (N, C)}. */
	static NDArray weights(Block mlp, ParameterStore parameters, NDArray x, boolean training) {
		NDArray avg = mlp.forward(parameters, new NDList(Parts.gap(x)), training).singletonOrThrow();
		NDArray max = mlp.forward(parameters, new NDList(Parts.gmp(x)), training).singletonOrThrow();
		return Activation.sigmoid(avg.add(max));
	}

	@Override
	protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
		NDArray x = input(inputs);
		NDArray weights = weights(mlp, parameters, x, training);
		remember(null, weights);
		return new NDList(x.mul(Parts.asMap(weights)));
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		checkInput(inputShapes[0]);
		mlp.initialize(manager, dataType, Parts.pooled(inputShapes[0]));
	}
}
