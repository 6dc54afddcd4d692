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
 * Convolutional block attention module (Woo et al., ECCV 2018), sequential: channel attention
 * first, {@code x' = x · σ(c(x))}, then spatial attention on the refined map,
 * {@code x' · σ(s(x'))}, where s is a k×k convolution over the channel-wise average and maximum.
 */
public final class Cbam extends AttentionBlock {

	private final Block channel;
	private final Block spatial;

	public Cbam(int channels, int reduction, int kernel) {
		super(channels);
		channel = addChildBlock("channel", Parts.channelMlp(channels, reduction));
		spatial = addChildBlock("spatial", Parts.spatialConv(kernel, 1));
	}

	@Override
	protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
		NDArray x = input(inputs);
		NDArray weights = ChannelAttention.weights(channel, parameters, x, training);
		NDArray refined = x.mul(Parts.asMap(weights));
		NDArray map = Activation.sigmoid(spatial.forward(parameters, new NDList(Parts.channelPool(refined)), training).singletonOrThrow());
		remember(map, weights);
		return new NDList(refined.mul(map));
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		checkInput(inputShapes[0]);
		channel.initialize(manager, dataType, Parts.pooled(inputShapes[0]));
		spatial.initialize(manager, dataType, Parts.channelPooled(inputShapes[0]));
	}
}
