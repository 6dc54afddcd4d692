package facet.nn.heads.internal;

import ai.djl.nn.Block;
import facet.core.modules.ModuleSettings;
import facet.core.spi.HeadFactory;

/** Builds {@link RefinementHead} blocks. */
public class RefinementHeadFactory implements HeadFactory<Block> {

	@Override
	public Block create(ModuleSettings settings, int classes) {
		return new RefinementHead(classes, (float) settings.getDouble("dropout"), settings.getBoolean("embedding"));
	}
}
