package facet.faults.tests.plugin;

import ai.djl.nn.Blocks;
import facet.core.modules.ModuleSettings;
import facet.core.spi.AttentionFactory;

/** A well-behaved attention module from a bundle that the tests uninstall while it is in use. */
public class IdentityAttentionFactory implements AttentionFactory<Object> {

	@Override
	public Object create(ModuleSettings settings, int channels) {
		return Blocks.identityBlock();
	}
}
