package facet.ui.tests;

import facet.core.modules.ModuleSettings;
import facet.core.spi.AttentionFactory;

/** Copied into a plug-in jar at test time: a factory whose constructor throws, as a broken plug-in's would. */
public class ThrowingAttentionFactory implements AttentionFactory<Object> {

	public ThrowingAttentionFactory() {
		throw new IllegalStateException("weights file missing");
	}

	@Override
	public Object create(ModuleSettings settings, int channels) {
		return null;
	}
}
