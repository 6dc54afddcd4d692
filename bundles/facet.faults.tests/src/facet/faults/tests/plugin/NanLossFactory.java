package facet.faults.tests.plugin;

import facet.core.modules.ModuleSettings;
import facet.core.spi.LossFactory;

/** Packed into a bundle jar at test time; contributes {@link NanLoss}. */
public class NanLossFactory implements LossFactory<Object> {

	@Override
	public Object create(ModuleSettings settings, int classes) {
		return new NanLoss(settings.getInt("step"));
	}
}
