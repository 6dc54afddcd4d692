package facet.core.spi;

import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;

/** Contributed to {@code facet.core.datasets}. */
public interface DatasetFactory extends ModuleFactory {

	Dataset create(ModuleSettings settings) throws ModuleException;
}
