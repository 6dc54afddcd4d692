package facet.cli.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import facet.core.runs.RunStore;
import facet.engine.compare.RunComparison;
import facet.engine.compare.RunGroup;

/** What {@code compare} and {@code report} share: runs by id or folder, the split, the ablation base. */
final class RunArguments {

	private RunArguments() {
	}

	/** Opens the runs named on the command line (ids in the run store or paths to run folders) and compares them. */
	static RunComparison comparison(String command, List<String> runs, String split) throws UsageException {
		if (runs.isEmpty()) {
			throw new UsageException(command + ": name at least one run (an id in the run store or a run folder)");
		}
		RunStore store = RunStore.defaultStore();
		List<Path> folders = new ArrayList<>();
		for (String run : runs) {
			try {
				folders.add(store.open(run).folder());
			} catch (IOException e) {
				throw new UsageException(command + ": " + e.getMessage());
			}
		}
		try {
			return RunComparison.of(folders, split);
		} catch (IOException e) {
			throw new UsageException(command + ": " + e.getMessage());
		}
	}

	static Optional<RunGroup> ablationBase(String command, RunComparison comparison, String base) throws UsageException {
		if (base == null) {
			return Optional.empty();
		}
		Optional<RunGroup> group = comparison.group(base);
		if (group.isEmpty()) {
			throw new UsageException(command + ": --ablation " + base + " names no experiment or run of this comparison; experiments: "
					+ String.join(", ", comparison.groups().stream().map(RunGroup::name).toList()));
		}
		return group;
	}
}
