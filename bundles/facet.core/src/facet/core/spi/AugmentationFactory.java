package facet.core.spi;

import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;

/** Contributed to {@code facet.core.augmentations}; applied to training images only. */
public interface AugmentationFactory extends ModuleFactory {

	ImageOperation create(ModuleSettings settings) throws ModuleException;
}
