package facet.nn.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.nn.Block;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;
import facet.core.spi.BackboneFactory;

/**
 * A backbone factory that describes its network as named stages; stage names, their channel
 * counts (which the engine needs to build attention blocks before the backbone) and the
 * {@link StagedBackbone} itself all follow from {@link #stages}.
 */
public interface StagedBackboneFactory extends BackboneFactory<Block> {

	/** Name of the first stage. */
	String STEM = "stem";

	/** Name of the last stage, whose output the head receives. */
	String HEAD_INPUT = "head-input";

	/**
	 * One stage: a block not yet initialized, and the channels of its output.
	 *
	 * @param name {@code stem}, {@code stageK} or {@code head-input}
	 */
	record Stage(String name, Block body, int channels) {
	}

	/**
	 * The stages, in order, as fresh blocks. Building blocks allocates no arrays, so this is cheap
	 * enough to call for the names alone.
	 *
	 * @param inputChannels 1 for gray, 3 for RGB
	 */
	List<Stage> stages(ModuleSettings settings, int inputChannels) throws ModuleException;

	@Override
	default List<String> stageNames(ModuleSettings settings) {
		try {
			return stages(settings, 3).stream().map(Stage::name).toList();
		} catch (ModuleException e) {
			throw new IllegalArgumentException(e.getMessage(), e);
		}
	}

	/** Output channels of every stage, by name, in order. */
	default Map<String, Integer> stageChannels(ModuleSettings settings, int inputChannels) throws ModuleException {
		Map<String, Integer> result = new LinkedHashMap<>();
		for (Stage stage : stages(settings, inputChannels)) {
			result.put(stage.name(), stage.channels());
		}
		return result;
	}

	/**
	 * @return a {@link StagedBackbone}
	 * @throws ModuleException when attention is placed at a stage this backbone does not have
	 */
	@Override
	default StagedBackbone create(ModuleSettings settings, int inputChannels, Map<String, List<Block>> attention) throws ModuleException {
		if (inputChannels < 1) {
			throw new ModuleException(settings.module().displayName() + ": input channels must be at least 1, got " + inputChannels);
		}
		List<Stage> stages = stages(settings, inputChannels);
		List<String> names = new ArrayList<>(stages.stream().map(Stage::name).toList());
		for (String stage : attention.keySet()) {
			if (!names.contains(stage)) {
				throw new ModuleException(settings.module().displayName() + " has no stage '" + stage
						+ "' to insert attention after; its stages are " + String.join(", ", names));
			}
		}
		return new StagedBackbone(stages, attention);
	}
}
