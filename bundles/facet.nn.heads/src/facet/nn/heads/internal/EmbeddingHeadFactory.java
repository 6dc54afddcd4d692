package facet.nn.heads.internal;

import ai.djl.nn.Block;
import facet.core.modules.ModuleSettings;
import facet.core.spi.HeadFactory;

/** Builds {@link EmbeddingHead} blocks. */
public class EmbeddingHeadFactory implements HeadFactory<Block> {

	@Override
	public Block create(ModuleSettings settings, int classes) {
		return new EmbeddingHead(classes, settings.getInt("size"), (float) settings.getDouble("dropout"));
	}
}
