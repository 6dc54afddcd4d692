package facet.cli.internal;

import java.io.IOException;

import facet.core.modules.ModuleRegistry;
import facet.engine.run.TrainedModel;

/** {@code --model pretrained}: {@link facet.engine.run.PretrainedModel}, which the workbench opens too. */
final class PretrainedModel {

	private PretrainedModel() {
	}

	static TrainedModel open(ModuleRegistry registry) throws IOException {
		return facet.engine.run.PretrainedModel.open(registry);
	}
}
