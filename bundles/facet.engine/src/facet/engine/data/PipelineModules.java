package facet.engine.data;

import java.util.ArrayList;
import java.util.List;

import facet.core.experiment.ModuleRef;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ModuleSettings;
import facet.core.modules.SettingsException;
import facet.core.spi.AugmentationFactory;
import facet.core.spi.ImageOperation;
import facet.core.spi.PreprocessorFactory;

/** Builds an experiment's preprocessors and augmentations from the installed modules. */
public final class PipelineModules {

	private PipelineModules() {
	}

	/**
	 * The operations of a list of module references, in order.
	 *
	 * @param kind {@link ModuleKind#PREPROCESSOR} or {@link ModuleKind#AUGMENTATION}
	 * @throws ModuleException naming the module (and its position) when it is unknown, its
	 *         settings are refused, or its factory fails
	 */
	public static List<ImageOperation> operations(ModuleRegistry registry, ModuleKind kind, List<ModuleRef> refs) throws ModuleException {
		if (kind != ModuleKind.PREPROCESSOR && kind != ModuleKind.AUGMENTATION) {
			throw new IllegalArgumentException("image operations are preprocessors or augmentations, not " + kind.label() + "s");
		}
		List<ImageOperation> operations = new ArrayList<>(refs.size());
		for (int i = 0; i < refs.size(); i++) {
			ModuleRef ref = refs.get(i);
			ModuleDescriptor module = registry.get(kind, ref.id());
			ModuleSettings settings;
			try {
				settings = module.settings(ref.params());
			} catch (SettingsException e) {
				throw new ModuleException(kind.pointName() + "[" + i + "]: " + e.getMessage(), e);
			}
			if (kind == ModuleKind.PREPROCESSOR) {
				PreprocessorFactory factory = module.factory(PreprocessorFactory.class);
				factory.validate(settings);
				operations.add(factory.create(settings));
			} else {
				AugmentationFactory factory = module.factory(AugmentationFactory.class);
				factory.validate(settings);
				operations.add(factory.create(settings));
			}
		}
		return operations;
	}
}
