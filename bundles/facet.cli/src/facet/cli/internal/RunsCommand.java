package facet.cli.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonObject;

import facet.cli.ExitCodes;
import facet.core.runs.Run;
import facet.core.runs.RunInfo;
import facet.core.runs.RunStore;
import facet.engine.eval.EvaluationFiles;

/** {@code facet runs}: the run store as a table. */
final class RunsCommand implements Command {

	@Override
	public String name() {
		return "runs";
	}

	@Override
	public String usage() {
		return "runs [--runs DIR]";
	}

	@Override
	public String summary() {
		return "list the runs of the run store: status, experiment, seed, epochs, test accuracy";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		RunStore store = TrainCommand.store(args.option("--runs"));
		if (!args.positional().isEmpty()) {
			throw new UsageException("runs: unexpected argument " + args.positional().get(0));
		}
		List<Run> runs = store.list();
		out.println(runs.size() + " run(s) in " + store.root());
		if (!runs.isEmpty()) {
			out.printf(Locale.ROOT, "%-48s %-10s %-6s %6s %9s %9s%n", "run", "status", "seed", "epochs", "test acc", "macro-F1");
		}
		for (Run run : runs) {
			RunInfo info = run.info();
			String accuracy = "-";
			String f1 = "-";
			try {
				JsonObject test = EvaluationFiles.readEvaluation(run.folder(), "test");
				accuracy = String.format(Locale.ROOT, "%.4f", test.get("accuracy").getAsDouble());
				f1 = String.format(Locale.ROOT, "%.4f", test.get("macroF1").getAsDouble());
			} catch (java.io.IOException | RuntimeException e) {
				// not evaluated (yet)
			}
			int epochs = run.readMetrics().size();
			out.printf(Locale.ROOT, "%-48s %-10s %-6d %6d %9s %9s%n", info.id(), info.status().name().toLowerCase(Locale.ROOT), info.seed(),
					epochs, accuracy, f1);
		}
		return ExitCodes.OK;
	}
}
