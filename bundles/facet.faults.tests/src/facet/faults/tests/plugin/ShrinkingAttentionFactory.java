package facet.faults.tests.plugin;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import facet.core.modules.ModuleSettings;
import facet.core.spi.AttentionFactory;

/** A broken attention module: its block halves the feature map instead of keeping its shape. */
public class ShrinkingAttentionFactory implements AttentionFactory<Object> {

	@Override
	public Object create(ModuleSettings settings, int channels) {
		return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
	}
}
