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
 * The paper's channel-spatial attention module (CSAM). Unlike CBAM, both branches read the
 * block's input, in parallel:
 * <ul>
 * <li>channel weights {@code c = σ(MLP(GAP(x)))}, {@code (N, C)};</li>
 * <li>spatial map {@code s = σ(conv_k([mean_C(x); max_C(x)]))}, {@code (N, 1, H, W)};</li>
 * </ul>
 * fused multiplicatively, {@code y = x · c · s} (broadcast over H, W and over C). The product
 * lets either branch switch a feature off, as the sequential module does, while neither branch
 * sees the other's output, so the spatial map is a function of the input alone.
 * <p>
 * With {@code residual} on, {@code y = x · (1 + c · s)}, the residual attention learning of Wang
 * et al. (CVPR 2017): the module can emphasise a feature at most twofold and never switch it off.
 * Why it is offered: BatchNorm after the module makes the next layer blind to the gate's overall
 * scale, so the plain product is free to shrink {@code c · s} towards 0 everywhere but where
 * zero padding makes the border recognisable; trained on the synthetic set, model 1's map did
 * exactly that (docs/heatmaps.md). Off by default so that the runs trained before it stay
 * reproducible.
 */
public final class ChannelSpatialAttention extends AttentionBlock {

	private final Block channel;
	private final Block spatial;

	private final boolean residual;

	public ChannelSpatialAttention(int channels, int reduction, int kernel, boolean residual) {
		super(channels);
		this.residual = residual;
		channel = addChildBlock("channel", Parts.channelMlp(channels, reduction));
		spatial = addChildBlock("spatial", Parts.spatialConv(kernel, 1));
	}

	@Override
	protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
		NDArray x = input(inputs);
		NDArray weights = Activation.sigmoid(channel.forward(parameters, new NDList(Parts.gap(x)), training).singletonOrThrow());
		NDArray map = Activation.sigmoid(spatial.forward(parameters, new NDList(Parts.channelPool(x)), training).singletonOrThrow());
		remember(map, weights);
		NDArray gate = Parts.asMap(weights).mul(map);
		return new NDList(x.mul(residual ? gate.add(1) : gate));
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		checkInput(inputShapes[0]);
		channel.initialize(manager, dataType, Parts.pooled(inputShapes[0]));
		spatial.initialize(manager, dataType, Parts.channelPooled(inputShapes[0]));
	}
}
