package facet.testmodules;

import facet.core.modules.ModuleSettings;
import facet.core.spi.LossFactory;

public class TestLossFactory implements LossFactory<String> {

	@Override
	public String create(ModuleSettings settings, int classes) {
		return "loss(" + settings.getString("label") + ")";
	}
}
