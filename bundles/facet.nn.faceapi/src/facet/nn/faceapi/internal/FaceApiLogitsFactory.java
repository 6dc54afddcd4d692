package facet.nn.faceapi.internal;

import ai.djl.nn.Block;
import facet.core.ExpressionClass;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;
import facet.core.spi.HeadFactory;

/** Builds {@link FaceApiLogitsHead}s; the weights are read and checked here, copied in at initialization. */
public class FaceApiLogitsFactory implements HeadFactory<Block> {

	@Override
	public void validate(ModuleSettings settings) throws ModuleException {
		FaceApiModel.requireManifest(settings);
	}

	@Override
	public Block create(ModuleSettings settings, int classes) throws ModuleException {
		if (classes != ExpressionClass.COUNT) {
			throw new ModuleException(settings.module().displayName() + " classifies the " + ExpressionClass.COUNT
					+ " canonical expressions; the experiment asks for " + classes + " classes");
		}
		return new FaceApiLogitsHead(new WeightSource(FaceApiModel.readChecked(settings)));
	}
}
