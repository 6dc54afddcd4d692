package facet.nn.backbones.internal;

import java.util.ArrayList;
import java.util.List;

import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import facet.core.modules.ModuleSettings;
import facet.nn.api.StagedBackboneFactory;

/**
 * A small network of depthwise separable convolutions (as in MobileNet, Howard et al. 2017): a 3×3
 * stem, then stages of a stride-2 and a stride-1 separable convolution, channels doubling from
 * {@code width} up to 512. Cheap enough to train in tests.
 */
public class SeparableFactory implements StagedBackboneFactory {

	@Override
	public List<Stage> stages(ModuleSettings settings, int inputChannels) {
		int width = settings.getInt("width");
		List<Stage> stages = new ArrayList<>();
		stages.add(new Stage(STEM, Layers.convBn(width, 3, 1, 1, true), width));
		int in = width;
		for (int s = 0; s < settings.getInt("stages"); s++) {
			int out = Math.min(512, width << (s + 1));
			SequentialBlock stage = new SequentialBlock().add(Layers.separable(in, out, 2)).add(Layers.separable(out, out, 1));
			stages.add(new Stage("stage" + (s + 1), stage, out));
			in = out;
		}
		stages.add(new Stage(HEAD_INPUT, Blocks.identityBlock(), in));
		return stages;
	}
}
