package facet.core.spi;

import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;

/**
 * Contributed to {@code facet.core.losses}. The joint loss is a weighted sum of loss modules,
 * each built by its own factory.
 *
 * @param <L> the engine's loss type
 */
public interface LossFactory<L> extends ModuleFactory {

	L create(ModuleSettings settings, int classes) throws ModuleException;
}
