package facet.nn.attention.internal;

import ai.djl.nn.Block;
import facet.core.modules.ModuleSettings;
import facet.core.spi.AttentionFactory;

/** Builds {@link ChannelAttention} blocks. */
public class ChannelAttentionFactory implements AttentionFactory<Block> {

	@Override
	public Block create(ModuleSettings settings, int channels) {
		return new ChannelAttention(channels, settings.getInt("reduction"));
	}
}
