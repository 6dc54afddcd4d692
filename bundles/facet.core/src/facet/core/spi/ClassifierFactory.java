package facet.core.spi;

import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;

/** Contributed to {@code facet.core.classifiers}: builds an untrained classifier of feature vectors. */
public interface ClassifierFactory extends ModuleFactory {

	Classifier create(ModuleSettings settings) throws ModuleException;
}
