package facet.testmodules;

import facet.core.modules.ModuleSettings;
import facet.core.spi.AttentionFactory;

public class TestAttentionFactory implements AttentionFactory<String> {

	@Override
	public String create(ModuleSettings settings, int channels) {
		return "attention(" + channels + "/" + settings.getInt("reduction") + ")";
	}
}
