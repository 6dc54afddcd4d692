package facet.core.spi;

import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;

/**
 * Contributed to {@code facet.core.attention}. The block returned keeps its input's shape and
 * exposes the map it computed, so that heatmaps can be drawn without knowing the module.
 *
 * @param <B> the engine's block type
 */
public interface AttentionFactory<B> extends ModuleFactory {

	/** @param channels channels of the stage output the block is inserted after */
	B create(ModuleSettings settings, int channels) throws ModuleException;
}
