package facet.faults.tests.plugin;

import facet.core.modules.ModuleSettings;
import facet.core.spi.AttentionFactory;

/** A plug-in whose factory cannot be constructed, as a broken third-party module would. */
public class ThrowingAttentionFactory implements AttentionFactory<Object> {

	public ThrowingAttentionFactory() {
		throw new IllegalStateException("attention weights missing");
	}

	@Override
	public Object create(ModuleSettings settings, int channels) {
		return null;
	}
}
