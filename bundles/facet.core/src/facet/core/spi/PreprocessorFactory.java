package facet.core.spi;

import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;

/** Contributed to {@code facet.core.preprocessors}; applied to training and test images alike. */
public interface PreprocessorFactory extends ModuleFactory {

	ImageOperation create(ModuleSettings settings) throws ModuleException;
}
