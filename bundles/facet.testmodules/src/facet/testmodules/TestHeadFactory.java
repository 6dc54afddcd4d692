package facet.testmodules;

import facet.core.modules.ModuleSettings;
import facet.core.spi.HeadFactory;

public class TestHeadFactory implements HeadFactory<String> {

	@Override
	public String create(ModuleSettings settings, int classes) {
		return "head(" + classes + ", dropout " + settings.getDouble("dropout") + ")";
	}
}
