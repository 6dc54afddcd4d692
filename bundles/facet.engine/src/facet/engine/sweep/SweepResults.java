package facet.engine.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import facet.core.runs.AtomicFiles;
import facet.core.runs.Run;
import facet.core.stats.Summary;
import facet.engine.compare.PairwiseTest;
import facet.engine.compare.RunComparison;
import facet.engine.compare.RunGroup;
import facet.engine.compare.RunRecord;

/**
 * The sweep's comparison, written into its folder once every task is done: {@code comparison.txt}
 * (runs, mean ± sd [95 % CI] per point over seeds, paired tests, the ablation table for an
 * ablation sweep against the full experiment) and {@code points.csv}.
 */
public final class SweepResults {

	public static final String COMPARISON = "comparison.txt";

	private SweepResults() {
	}

	/** Writes the comparison when every task is done and it is not written yet; returns its file if written now. */
	public static Optional<Path> writeIfComplete(Sweep sweep, List<TaskState> states, Map<Integer, Run> runs) throws IOException {
		Path file = sweep.folder().resolve(COMPARISON);
		if (Files.exists(file) || states.isEmpty() || !states.stream().allMatch(s -> s == TaskState.DONE)) {
			return Optional.empty();
		}
		List<Path> folders = new ArrayList<>();
		for (SweepTask t : sweep.tasks()) {
			folders.add(runs.get(t.task()).folder());
		}
		RunComparison comparison = RunComparison.of(folders, "test");
		StringBuilder text = new StringBuilder();
		text.append("Sweep ").append(sweep.name()).append(": ").append(folders.size()).append(" runs on the test split (percent)\n");
		text.append(comparison.runTable()).append('\n');
		text.append("Points over seeds (mean ± sd [95 % CI]):\n").append(comparison.groupTable());
		if (!comparison.pairwise().isEmpty()) {
			text.append("\nPairwise tests (first minus second):\n");
			for (PairwiseTest t : comparison.pairwise()) {
				text.append("- ").append(t.sentence()).append('\n');
			}
		}
		if (sweep.kind().equals(SweepDefinition.ABLATION) && !sweep.tasks().isEmpty()) {
			Optional<RunGroup> base = comparison.group(runs.get(sweep.tasks().get(0).task()).id());
			if (base.isPresent()) {
				text.append("\nAblation against ").append(base.get().name()).append(" (ablated minus base, percentage points):\n");
				text.append(RunComparison.ablationTable(base.get(), comparison.ablation(base.get())));
			}
		}
		StringBuilder csv = new StringBuilder("experiment,runs,accuracy_mean,accuracy_sd,accuracy_low,accuracy_high,macro_f1_mean,macro_f1_sd,macro_f1_low,macro_f1_high\n");
		for (RunGroup g : comparison.groups()) {
			Summary a = g.summary(RunRecord::accuracy);
			Summary f = g.summary(RunRecord::macroF1);
			csv.append('"').append(g.name().replace("\"", "\"\"")).append("\",").append(g.size());
			for (Summary s : List.of(a, f)) {
				csv.append(String.format(Locale.ROOT, ",%.6f,%.6f,%.6f,%.6f", s.mean(), s.standardDeviation(), s.low(), s.high()));
			}
			csv.append('\n');
		}
		AtomicFiles.write(sweep.folder().resolve("points.csv"), csv.toString());
		AtomicFiles.write(file, text.toString());
		return Optional.of(file);
	}
}
