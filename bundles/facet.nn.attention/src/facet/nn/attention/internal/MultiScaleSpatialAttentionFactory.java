package facet.nn.attention.internal;

import ai.djl.nn.Block;
import facet.core.modules.ModuleSettings;
import facet.core.spi.AttentionFactory;

/** Builds {@link MultiScaleSpatialAttention} blocks. */
public class MultiScaleSpatialAttentionFactory implements AttentionFactory<Block> {

	@Override
	public Block create(ModuleSettings settings, int channels) {
		return new MultiScaleSpatialAttention(channels, settings.getInt("scales"), settings.getBoolean("residual"));
	}
}
