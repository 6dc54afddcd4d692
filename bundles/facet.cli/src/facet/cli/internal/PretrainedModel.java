package facet.cli.internal;

import java.io.IOException;

import facet.core.modules.ModuleRegistry;
import facet.engine.run.TrainedModel;

/** The pretrained expression model that ships with Facet (wired once its module bundle exists). */
final class PretrainedModel {

	private PretrainedModel() {
	}

	static TrainedModel open(ModuleRegistry registry) throws IOException {
		throw new IOException("no pretrained model is installed yet; give a trained run to --model");
	}
}
