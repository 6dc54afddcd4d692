package facet.core.tests.dynamic;

import facet.core.modules.ModuleSettings;
import facet.core.spi.LossFactory;

/** A plug-in whose factory cannot even be constructed, as a broken third-party module would. */
public class ThrowingLossFactory implements LossFactory<String> {

	public ThrowingLossFactory() {
		throw new IllegalStateException("weights file missing");
	}

	@Override
	public String create(ModuleSettings settings, int classes) {
		return "never";
	}
}
