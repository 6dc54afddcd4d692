package facet.core.tests.dynamic;

import facet.core.modules.ModuleSettings;
import facet.core.spi.AttentionFactory;

/** Packed by {@code DynamicInstallTest} into a bundle jar that is installed while the platform runs. */
public class DynamicAttentionFactory implements AttentionFactory<String> {

	@Override
	public String create(ModuleSettings settings, int channels) {
		return "dynamic(" + channels + ", k=" + settings.getInt("kernel") + ")";
	}
}
