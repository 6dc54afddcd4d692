package facet.nn.attention.internal;

import ai.djl.nn.Block;
import facet.core.modules.ModuleSettings;
import facet.core.spi.AttentionFactory;

/** Builds {@link Cbam} blocks. */
public class CbamFactory implements AttentionFactory<Block> {

	@Override
	public Block create(ModuleSettings settings, int channels) {
		return new Cbam(channels, settings.getInt("reduction"), Integer.parseInt(settings.getString("kernel")));
	}
}
