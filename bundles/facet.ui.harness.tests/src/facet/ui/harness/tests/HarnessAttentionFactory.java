package facet.ui.harness.tests;

import facet.core.modules.ModuleSettings;
import facet.core.spi.AttentionFactory;

/** Copied into a module plug-in jar at test time, as a third party's attention module arrives. */
public class HarnessAttentionFactory implements AttentionFactory<Object> {

	@Override
	public Object create(ModuleSettings settings, int channels) {
		return "block of " + channels;
	}
}
