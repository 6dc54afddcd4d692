package org.example.facet.eca;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import facet.nn.api.AttentionBlock;

/**
 * Efficient channel attention (Wang et al., "ECA-Net", CVPR 2020):
 * {@code x · σ(conv1d_k(GAP(x)))}. Unlike squeeze-and-excitation, the channel descriptor is
 * not squeezed through a bottleneck: a k-wide 1-D convolution lets each channel look at its k
 * neighbours only, with k weights in all.
 */
public final class EcaAttention extends AttentionBlock {

	private final int kernel;
	private final Block conv;

	public EcaAttention(int channels, int kernel) {
		super(channels);
		if (kernel < 1 || kernel % 2 == 0) {
			throw new IllegalArgumentException("ECA needs an odd kernel size ≥ 1 (it keeps the channel count), got " + kernel);
		}
		this.kernel = kernel;
		// no bias, as in the paper: the k weights are the module's only parameters
		conv = addChildBlock("conv", Conv1d.builder().setFilters(1).setKernelShape(new Shape(kernel))
				.optPadding(new Shape(kernel / 2)).optBias(false).build());
	}

	/**
	 * The paper's adaptive kernel size: {@code |log2(C)/γ + b/γ|} rounded down, then to the next
	 * odd number (C = 64, γ = 2, b = 1 gives 3; C = 256 gives 5).
	 */
	public static int adaptiveKernel(int channels, int gamma, int b) {
		int t = (int) Math.abs((Math.log(channels) / Math.log(2) + b) / gamma);
		return t % 2 == 1 ? t : t + 1;
	}

	public int kernel() {
		return kernel;
	}

	@Override
	protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
		NDArray x = input(inputs);
		long n = x.getShape().get(0);
		// (N, C, H, W) → (N, C) → (N, 1, C): channels become the sequence the convolution runs along
		NDArray descriptor = x.mean(new int[] { 2, 3 }).reshape(n, 1, channels());
		NDArray weights = Activation.sigmoid(conv.forward(parameters, new NDList(descriptor), training).singletonOrThrow())
				.reshape(n, channels());
		remember(null, weights);
		return new NDList(x.mul(weights.reshape(n, channels(), 1, 1)));
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		checkInput(inputShapes[0]);
		conv.initialize(manager, dataType, new Shape(inputShapes[0].get(0), 1, channels()));
	}
}
