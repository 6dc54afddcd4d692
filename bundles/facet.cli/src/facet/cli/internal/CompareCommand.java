package facet.cli.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

import facet.charts.NoDisplayException;
import facet.cli.ExitCodes;
import facet.engine.compare.PairwiseTest;
import facet.engine.compare.RunComparison;
import facet.engine.compare.RunGroup;

/** {@code facet compare}: the table of runs, seed groups and the pairwise statistics in words. */
final class CompareCommand implements Command {

	@Override
	public String name() {
		return "compare";
	}

	@Override
	public String usage() {
		return "compare RUN... [--split test] [--ablation BASE] [--report DIR]";
	}

	@Override
	public String summary() {
		return "runs side by side: metrics, mean ± sd over seeds, McNemar and bootstrap tests";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		String split = args.option("--split");
		String ablation = args.option("--ablation");
		String report = args.option("--report");
		RunComparison comparison = RunArguments.comparison(name(), args.positional(), split == null ? "test" : split);
		Optional<RunGroup> base = RunArguments.ablationBase(name(), comparison, ablation);
		print(comparison, base, out);
		if (report != null) {
			try {
				ReportCommand.write(comparison, base, Path.of(report), out);
			} catch (NoDisplayException e) {
				err.println("facet compare: the report " + e.getMessage());
				return ExitCodes.FAILURE;
			}
		}
		return ExitCodes.OK;
	}

	static void print(RunComparison comparison, Optional<RunGroup> base, PrintStream out) {
		out.println("Runs on the " + comparison.split() + " split (percent):");
		out.print(comparison.runTable());
		if (comparison.groups().size() < comparison.runs().size()) {
			out.println();
			out.println("Experiments over seeds (mean ± sd [95 % CI]):");
			out.print(comparison.groupTable());
		}
		if (!comparison.pairwise().isEmpty()) {
			out.println();
			out.println("Pairwise tests (first minus second):");
			for (PairwiseTest t : comparison.pairwise()) {
				out.println("- " + t.sentence());
			}
		}
		if (base.isPresent()) {
			out.println();
			out.println("Ablation against " + base.get().name() + " (ablated minus base, percentage points):");
			out.print(RunComparison.ablationTable(base.get(), comparison.ablation(base.get())));
		}
	}
}
