package facet.nn.attention.internal;

import ai.djl.nn.Block;
import facet.core.modules.ModuleSettings;
import facet.core.spi.AttentionFactory;

/** Builds {@link SqueezeExcitation} blocks. */
public class SqueezeExcitationFactory implements AttentionFactory<Block> {

	@Override
	public Block create(ModuleSettings settings, int channels) {
		return new SqueezeExcitation(channels, settings.getInt("reduction"));
	}
}
