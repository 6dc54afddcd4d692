package facet.nn.attention.internal;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import facet.nn.api.AttentionBlock;

/**
 * Multi-scale spatial attention (MSA): the channel-wise average and maximum
 * {@code [mean_C(x); max_C(x)]} go through {@code scales} parallel 3×3 convolutions of dilation
 * 1, 2, … (receptive fields 3, 5, 7, …), each giving one map; a 1×1 convolution fuses them into
 * one spatial map {@code s = σ(conv1x1([b1; b2; …]))}, and {@code y = x · s}, or with
 * {@code residual} on {@code y = x · (1 + s)} (residual attention, Wang et al., CVPR 2017; see
 * {@link ChannelSpatialAttention} for why).
 */
public final class MultiScaleSpatialAttention extends AttentionBlock {

	private final List<Block> branches = new ArrayList<>();
	private final Block fuse;

	private final boolean residual;

	public MultiScaleSpatialAttention(int channels, int scales, boolean residual) {
		super(channels);
		this.residual = residual;
		for (int d = 1; d <= scales; d++) {
			branches.add(addChildBlock("dilation" + d, Parts.spatialConv(3, d)));
		}
		fuse = addChildBlock("fuse", Conv2d.builder().setFilters(1).setKernelShape(new Shape(1, 1)).build());
	}

	@Override
	protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
		NDArray x = input(inputs);
		NDList pooled = new NDList(Parts.channelPool(x));
		NDList maps = new NDList();
		for (Block branch : branches) {
			maps.add(branch.forward(parameters, pooled, training).singletonOrThrow());
		}
		NDArray stacked = maps.size() == 1 ? maps.head() : NDArrays.concat(maps, 1);
		NDArray map = Activation.sigmoid(fuse.forward(parameters, new NDList(stacked), training).singletonOrThrow());
		remember(map, null);
		return new NDList(x.mul(residual ? map.add(1) : map));
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		Shape input = inputShapes[0];
		checkInput(input);
		for (Block branch : branches) {
			branch.initialize(manager, dataType, Parts.channelPooled(input));
		}
		fuse.initialize(manager, dataType, new Shape(input.get(0), branches.size(), input.get(2), input.get(3)));
	}
}
