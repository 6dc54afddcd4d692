package facet.core.spi;

import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;

/**
 * Contributed to {@code facet.core.heads}: turns the backbone's features into class scores
 * (and, for distance losses, an embedding).
 *
 * @param <B> the engine's block type
 */
public interface HeadFactory<B> extends ModuleFactory {

	B create(ModuleSettings settings, int classes) throws ModuleException;
}
