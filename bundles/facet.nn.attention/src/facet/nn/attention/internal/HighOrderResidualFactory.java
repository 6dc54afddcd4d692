package facet.nn.attention.internal;

import ai.djl.nn.Block;
import facet.core.modules.ModuleSettings;
import facet.core.spi.AttentionFactory;

/** Builds {@link HighOrderResidual} blocks. */
public class HighOrderResidualFactory implements AttentionFactory<Block> {

	@Override
	public Block create(ModuleSettings settings, int channels) {
		return new HighOrderResidual(channels, settings.getInt("order"), settings.getInt("reduction"));
	}
}
