package facet.nn.losses.internal;

import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;
import facet.core.spi.LossFactory;
import facet.nn.api.FacetLoss;

/** Builds {@link CenterLoss} terms. */
public class CenterLossFactory implements LossFactory<FacetLoss> {

	@Override
	public FacetLoss create(ModuleSettings settings, int classes) throws ModuleException {
		return new CenterLoss(classes, (float) settings.getDouble("alpha"));
	}
}
