package facet.nn.backbones.internal;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import facet.core.modules.ModuleSettings;
import facet.nn.api.StagedBackboneFactory;

/**
 * A VGG for small faces (Simonyan and Zisserman 2015, with BatchNorm): a 3×3 stem, then
 * {@code blocks} stages of {@code convs} 3×3 convolutions each and a 2×2 max-pool, channels
 * doubling from {@code width} per stage up to 512.
 */
public class VggFactory implements StagedBackboneFactory {

	@Override
	public List<Stage> stages(ModuleSettings settings, int inputChannels) {
		int width = settings.getInt("width");
		List<Stage> stages = new ArrayList<>();
		stages.add(new Stage(STEM, Layers.convBn(width, 3, 1, 1, true), width));
		int out = width;
		for (int s = 0; s < settings.getInt("blocks"); s++) {
			out = Math.min(512, width << s);
			SequentialBlock stage = new SequentialBlock();
			for (int c = 0; c < settings.getInt("convs"); c++) {
				stage.add(Layers.convBn(out, 3, 1, 1, true));
			}
			stage.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
			stages.add(new Stage("stage" + (s + 1), stage, out));
		}
		stages.add(new Stage(HEAD_INPUT, Blocks.identityBlock(), out));
		return stages;
	}
}
