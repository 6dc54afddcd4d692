package facet.nn.backbones.internal;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/** The small building blocks the backbones share. */
final class Layers {

	private Layers() {
	}

	/**
	 * A convolution without bias (BatchNorm follows and would cancel it), padded to keep the size
	 * at stride 1.
	 */
	static Block conv(int filters, int kernel, int stride, int groups) {
		return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
				.optPadding(new Shape(kernel / 2, kernel / 2)).optGroups(groups).optBias(false).build();
	}

	/** Convolution, BatchNorm and, if asked, ReLU. */
	static SequentialBlock convBn(int filters, int kernel, int stride, int groups, boolean relu) {
		SequentialBlock block = new SequentialBlock().add(conv(filters, kernel, stride, groups)).add(BatchNorm.builder().build());
		if (relu) {
			block.add(Activation.reluBlock());
		}
		return block;
	}

	/** Depthwise 3×3 (stride) then pointwise 1×1, each with BatchNorm and ReLU. */
	static SequentialBlock separable(int in, int out, int stride) {
		return new SequentialBlock().add(convBn(in, 3, stride, in, true)).add(convBn(out, 1, 1, 1, true));
	}

	/** {@code main(x) + shortcut(x)}, then ReLU if asked. */
	static Block residual(Block main, Block shortcut, boolean relu) {
		SequentialBlock block = new SequentialBlock().add(new ParallelBlock(Layers::sum, List.of(main, shortcut)));
		if (relu) {
			block.add(Activation.reluBlock());
		}
		return block;
	}

	/** The stem: ImageNet (7×7 stride 2, 3×3 max-pool stride 2) or FER (3×3 stride 1, no pool). */
	static Block stem(String kind, int filters) {
		if ("imagenet".equals(kind)) {
			return convBn(filters, 7, 2, 1, true).add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
		}
		return convBn(filters, 3, 1, 1, true);
	}

	/** Squeeze-and-excitation gate inside a block: x · σ(W2 ReLU(W1 GAP(x))). */
	static Block squeezeExcite(int channels, int reduction) {
		Block gate = new SequentialBlock().add(Pool.globalAvgPool2dBlock())
				.add(Linear.builder().setUnits(Math.max(1, channels / reduction)).build()).add(Activation.reluBlock())
				.add(Linear.builder().setUnits(channels).build()).add(Activation.sigmoidBlock());
		return new ParallelBlock(list -> {
			NDArray x = list.get(0).singletonOrThrow();
			NDArray w = list.get(1).singletonOrThrow();
			return new NDList(x.mul(w.expandDims(2).expandDims(3)));
		}, List.of(Blocks.identityBlock(), gate));
	}

	private static NDList sum(List<NDList> branches) {
		return new NDList(branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow()));
	}
}
