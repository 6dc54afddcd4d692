package facet.nn.attention.internal;

import ai.djl.nn.Block;
import facet.core.modules.ModuleSettings;
import facet.core.spi.AttentionFactory;

/** Builds {@link ChannelSpatialAttention} blocks. */
public class ChannelSpatialAttentionFactory implements AttentionFactory<Block> {

	@Override
	public Block create(ModuleSettings settings, int channels) {
		return new ChannelSpatialAttention(channels, settings.getInt("reduction"), Integer.parseInt(settings.getString("kernel")),
				settings.getBoolean("residual"));
	}
}
