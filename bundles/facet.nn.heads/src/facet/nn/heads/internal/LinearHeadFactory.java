package facet.nn.heads.internal;

import ai.djl.nn.Block;
import facet.core.modules.ModuleSettings;
import facet.core.spi.HeadFactory;

/** Builds {@link LinearHead} blocks. */
public class LinearHeadFactory implements HeadFactory<Block> {

	@Override
	public Block create(ModuleSettings settings, int classes) {
		return new LinearHead(classes, (float) settings.getDouble("dropout"));
	}
}
