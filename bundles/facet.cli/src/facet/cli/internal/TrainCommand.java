package facet.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import facet.cli.ExitCodes;
import facet.core.experiment.ExperimentException;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ValidationProblem;
import facet.core.runs.RunStatus;
import facet.core.runs.RunStore;
import facet.engine.run.ExperimentRunner;

/**
 * {@code facet train EXP}: trains an experiment into a new run. Ctrl-C cancels cleanly and the
 * run can be resumed. Exit status 0 when the run completed, 1 when it failed or was cancelled,
 * 2 for an invalid experiment (no run is created).
 */
final class TrainCommand implements Command {

	@Override
	public String name() {
		return "train";
	}

	@Override
	public String usage() {
		return "train EXP [--epochs N] [--seed S] [--runs DIR] [--threads N]";
	}

	@Override
	public String summary() {
		return "train an experiment into a new run (checkpoints every epoch; Ctrl-C leaves it resumable)";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		String epochs = args.option("--epochs");
		String seed = args.option("--seed");
		String runs = args.option("--runs");
		String threads = args.option("--threads");
		List<String> files = args.positional();
		if (files.size() != 1) {
			throw new UsageException("train: give exactly one experiment file");
		}
		Path file = Path.of(files.get(0));
		if (!Files.isRegularFile(file)) {
			throw new UsageException("train: " + file + ": no such file");
		}
		ExperimentSpec spec;
		try {
			spec = ExperimentFormat.read(file);
			if (seed != null) {
				spec = spec.withSeed(parseLong("--seed", seed, 0));
			}
			if (epochs != null) {
				spec = withEpochs(spec, (int) parseLong("--epochs", epochs, 1));
			}
		} catch (ExperimentException e) {
			e.problems().forEach(p -> err.println(file + ": " + p));
			return ExitCodes.BAD_INPUT;
		}
		RunStore store = store(runs);
		ExperimentRunner runner = threads == null ? new ExperimentRunner(ModuleRegistry.getDefault())
				: new ExperimentRunner(ModuleRegistry.getDefault(), (int) parseLong("--threads", threads, 1));
		ConsoleProgress progress = new ConsoleProgress(err).cancelOnInterrupt();
		try {
			ExperimentRunner.Result result = runner.train(spec, store, progress);
			return report(result, out, err);
		} catch (ExperimentException e) {
			for (ValidationProblem p : e.problems()) {
				err.println(file + ": " + p);
			}
			return ExitCodes.BAD_INPUT;
		} finally {
			progress.done();
		}
	}

	static int report(ExperimentRunner.Result result, PrintStream out, PrintStream err) {
		out.println("run " + result.run().id() + ": " + result.status().name().toLowerCase(java.util.Locale.ROOT));
		out.println("  folder " + result.run().folder());
		for (Map.Entry<String, Double> e : result.testMetrics().entrySet()) {
			out.printf(java.util.Locale.ROOT, "  test %s %.4f%n", e.getKey(), e.getValue());
		}
		if (result.status() != RunStatus.COMPLETED) {
			err.println("facet: " + result.message());
			return ExitCodes.FAILURE;
		}
		return ExitCodes.OK;
	}

	static RunStore store(String runs) {
		return runs == null ? RunStore.defaultStore() : new RunStore(Path.of(runs));
	}

	static long parseLong(String option, String text, long min) throws UsageException {
		try {
			long value = Long.parseLong(text.trim());
			if (value < min) {
				throw new UsageException(option + " must be ≥ " + min + ", got " + text);
			}
			return value;
		} catch (NumberFormatException e) {
			throw new UsageException(option + " expects an integer, got \"" + text + "\"");
		}
	}

	private static ExperimentSpec withEpochs(ExperimentSpec s, int epochs) {
		return s.withEpochs(epochs);
	}

	/** For error messages of commands that take a run. */
	static IOException noRun(String id, RunStore store) {
		return new IOException("no run '" + id + "' in " + store.root() + " (give a run id from facet runs, or a run folder)");
	}
}
