package facet.core.spi;

import java.util.List;
import java.util.Map;

import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;

/**
 * Contributed to {@code facet.core.backbones}. The network types stay generic because the
 * core knows no engine: the engine instantiates {@code B} as its block type (a DJL
 * {@code Block}) and checks it.
 *
 * @param <B> the engine's block type
 */
public interface BackboneFactory<B> extends ModuleFactory {

	/** The stages where attention can be inserted, in order: {@code stem}, {@code stage1} … {@code head-input}. */
	List<String> stageNames(ModuleSettings settings);

	/**
	 * Builds the backbone.
	 *
	 * @param inputChannels 1 for gray, 3 for RGB
	 * @param attention for each stage name, the blocks to insert after it (possibly none)
	 */
	B create(ModuleSettings settings, int inputChannels, Map<String, List<B>> attention) throws ModuleException;
}
