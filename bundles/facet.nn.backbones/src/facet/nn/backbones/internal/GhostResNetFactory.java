package facet.nn.backbones.internal;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import facet.core.modules.ModuleSettings;
import facet.nn.api.StagedBackboneFactory;

/**
 * A ResNet-shaped network of Ghost bottlenecks (Han et al., GhostNet, CVPR 2020): each block is a
 * Ghost module that expands, a depthwise 3×3 convolution where it downsamples, an optional
 * squeeze-and-excitation gate and a Ghost module that projects; the shortcut is identity or a
 * depthwise separable convolution (depthwise 3×3 + pointwise 1×1). A Ghost module makes half its
 * channels with a 1×1 convolution and the other half from those with a cheap depthwise 3×3.
 */
public class GhostResNetFactory implements StagedBackboneFactory {

	@Override
	public List<Stage> stages(ModuleSettings settings, int inputChannels) {
		int width = settings.getInt("width");
		int expansion = settings.getInt("expansion");
		boolean se = settings.getBoolean("se");
		List<Stage> stages = new ArrayList<>();
		stages.add(new Stage(STEM, Layers.stem(settings.getString("stem"), width), width));
		int in = width;
		for (int s = 0; s < 4; s++) {
			int out = width << s;
			SequentialBlock stage = new SequentialBlock();
			for (int b = 0; b < settings.getInt("blocks"); b++) {
				stage.add(bottleneck(in, out * expansion, out, s > 0 && b == 0 ? 2 : 1, se));
				in = out;
			}
			stages.add(new Stage("stage" + (s + 1), stage, out));
		}
		stages.add(new Stage(HEAD_INPUT, Blocks.identityBlock(), in));
		return stages;
	}

	static Block bottleneck(int in, int hidden, int out, int stride, boolean se) {
		SequentialBlock main = new SequentialBlock().add(ghost(hidden, true));
		if (stride > 1) {
			main.add(Layers.convBn(hidden, 3, stride, hidden, false));
		}
		if (se) {
			main.add(Layers.squeezeExcite(hidden, 4));
		}
		main.add(ghost(out, false));
		Block shortcut = stride == 1 && in == out ? Blocks.identityBlock()
				: new SequentialBlock().add(Layers.convBn(in, 3, stride, in, false)).add(Layers.convBn(out, 1, 1, 1, false));
		return Layers.residual(main, shortcut, false);
	}

	/** A Ghost module of ratio 2: primary 1×1 features and their cheap depthwise "ghosts", concatenated. */
	static Block ghost(int out, boolean relu) {
		int primary = (out + 1) / 2;
		SequentialBlock block = new SequentialBlock().add(Layers.convBn(primary, 1, 1, 1, relu))
				.add(new ParallelBlock(GhostResNetFactory::concat, List.of(Blocks.identityBlock(), Layers.convBn(primary, 3, 1, primary, relu))));
		if (2 * primary != out) {
			block.add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().get(":, :" + out)), "trim"));
		}
		return block;
	}

	private static NDList concat(List<NDList> branches) {
		NDArray primary = branches.get(0).singletonOrThrow();
		return new NDList(primary.concat(branches.get(1).singletonOrThrow(), 1));
	}
}
