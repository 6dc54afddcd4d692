package facet.testmodules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import facet.core.modules.ModuleSettings;
import facet.core.spi.BackboneFactory;

/** Builds a description string instead of a network, so that the core can be tested without an engine. */
public class TestBackboneFactory implements BackboneFactory<String> {

	@Override
	public List<String> stageNames(ModuleSettings settings) {
		List<String> stages = new ArrayList<>();
		stages.add("stem");
		for (int i = 1; i <= settings.getInt("stages"); i++) {
			stages.add("stage" + i);
		}
		stages.add("head-input");
		return stages;
	}

	@Override
	public String create(ModuleSettings settings, int inputChannels, Map<String, List<String>> attention) {
		StringBuilder text = new StringBuilder("backbone(" + inputChannels + "ch");
		for (String stage : stageNames(settings)) {
			text.append(' ').append(stage);
			for (String block : attention.getOrDefault(stage, List.of())) {
				text.append('+').append(block);
			}
		}
		return text.append(')').toString();
	}
}
