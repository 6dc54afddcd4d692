package facet.nn.backbones.internal;

import java.util.ArrayList;
import java.util.List;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import facet.core.modules.ModuleSettings;
import facet.nn.api.StagedBackboneFactory;

/**
 * ResNet with basic blocks (He et al., CVPR 2016), built as the literature's: bias-free
 * convolutions, BatchNorm, a projection shortcut (1×1 stride-2 convolution + BatchNorm) where the
 * size changes. At width 64 with the ImageNet stem and 3 input channels the trunk has 11,176,512
 * trainable parameters (ResNet-18), 11,689,512 with a 1000-class fc layer.
 */
public abstract class ResNetFactory implements StagedBackboneFactory {

	private final int[] blocksPerStage;

	protected ResNetFactory(int... blocksPerStage) {
		this.blocksPerStage = blocksPerStage.clone();
	}

	@Override
	public List<Stage> stages(ModuleSettings settings, int inputChannels) {
		int width = settings.getInt("width");
		List<Stage> stages = new ArrayList<>();
		stages.add(new Stage(STEM, Layers.stem(settings.getString("stem"), width), width));
		int in = width;
		for (int s = 0; s < blocksPerStage.length; s++) {
			int out = width << s;
			SequentialBlock stage = new SequentialBlock();
			for (int b = 0; b < blocksPerStage[s]; b++) {
				int stride = s > 0 && b == 0 ? 2 : 1;
				stage.add(basicBlock(in, out, stride));
				in = out;
			}
			stages.add(new Stage("stage" + (s + 1), stage, out));
		}
		stages.add(new Stage(HEAD_INPUT, Blocks.identityBlock(), in));
		return stages;
	}

	private static Block basicBlock(int in, int out, int stride) {
		Block main = new SequentialBlock().add(Layers.convBn(out, 3, stride, 1, true)).add(Layers.convBn(out, 3, 1, 1, false));
		Block shortcut = stride == 1 && in == out ? Blocks.identityBlock() : Layers.convBn(out, 1, stride, 1, false);
		return Layers.residual(main, shortcut, true);
	}

}
