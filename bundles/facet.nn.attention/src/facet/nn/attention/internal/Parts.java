package facet.nn.attention.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;

/** Pieces the attention blocks share. */
final class Parts {

	private Parts() {
	}

	/** The bottleneck MLP C → C/r → C of squeeze-and-excitation and CBAM, on {@code (N, C)}. */
	static SequentialBlock channelMlp(int channels, int reduction) {
		return new SequentialBlock().add(Linear.builder().setUnits(Math.max(1, channels / reduction)).build()).add(Activation.reluBlock())
				.add(Linear.builder().setUnits(channels).build());
	}

	/** A 2-channel-in, 1-channel-out convolution that keeps the size. */
	static Block spatialConv(int kernel, int dilation) {
		int pad = dilation * (kernel / 2);
		return Conv2d.builder().setFilters(1).setKernelShape(new Shape(kernel, kernel)).optPadding(new Shape(pad, pad))
				.optDilation(new Shape(dilation, dilation)).build();
	}

	/** Global average pooling {@code (N, C, H, W) → (N, C)}. */
	static NDArray gap(NDArray x) {
		return x.mean(new int[] { 2, 3 });
	}

	/** Global max pooling {@code (N, C, H, W) → (N, C)}. */
	static NDArray gmp(NDArray x) {
		return x.max(new int[] { 2, 3 });
	}

	/** Average and maximum over channels, stacked: {@code (N, C, H, W) → (N, 2, H, W)}. */
	static NDArray channelPool(NDArray x) {
		return x.mean(new int[] { 1 }, true).concat(x.max(new int[] { 1 }, true), 1);
	}

	/** Channel weights {@code (N, C)} as {@code (N, C, 1, 1)}, to multiply a feature map. */
	static NDArray asMap(NDArray weights) {
		return weights.expandDims(2).expandDims(3);
	}

	static Shape pooled(Shape input) {
		return new Shape(input.get(0), input.get(1));
	}

	static Shape channelPooled(Shape input) {
		return new Shape(input.get(0), 2, input.get(2), input.get(3));
	}
}
