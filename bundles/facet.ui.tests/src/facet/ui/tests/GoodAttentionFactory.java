package facet.ui.tests;

import facet.core.modules.ModuleSettings;
import facet.core.spi.AttentionFactory;

/** Copied into a plug-in jar at test time: a factory that can be created. */
public class GoodAttentionFactory implements AttentionFactory<Object> {

	@Override
	public Object create(ModuleSettings settings, int channels) {
		return "block of " + channels;
	}
}
