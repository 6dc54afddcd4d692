package facet.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import facet.cli.ExitCodes;
import facet.core.experiment.ExperimentException;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.Run;
import facet.core.runs.RunStore;
import facet.engine.run.ExperimentRunner;

/** {@code facet eval RUN}: evaluates a run's best checkpoint again, on its own data or another dataset. */
final class EvalCommand implements Command {

	@Override
	public String name() {
		return "eval";
	}

	@Override
	public String usage() {
		return "eval RUN [--split test] [--data EXP] [--runs DIR]";
	}

	@Override
	public String summary() {
		return "evaluate a run's best checkpoint (per-sample predictions and metrics into the run folder)";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		RunStore store = TrainCommand.store(args.option("--runs"));
		String split = Optional.ofNullable(args.option("--split")).orElse("test");
		String data = args.option("--data");
		List<String> ids = args.positional();
		if (ids.size() != 1) {
			throw new UsageException("eval: give exactly one run (an id from facet runs, or a run folder)");
		}
		Run run;
		try {
			run = store.open(ids.get(0));
		} catch (IOException e) {
			throw new UsageException("eval: " + e.getMessage());
		}
		Optional<ExperimentSpec> dataFrom = Optional.empty();
		String name = split;
		if (data != null) {
			try {
				ExperimentSpec spec = ExperimentFormat.read(Path.of(data));
				dataFrom = Optional.of(spec);
				name = split + "-" + spec.dataset().id();
			} catch (ExperimentException e) {
				e.problems().forEach(p -> err.println(data + ": " + p));
				return ExitCodes.BAD_INPUT;
			} catch (IOException e) {
				throw new UsageException("eval: --data " + data + ": " + e.getMessage());
			}
		}
		ExperimentRunner.ClassificationResult result = new ExperimentRunner(ModuleRegistry.getDefault()).evaluate(run, dataFrom, split, name,
				new ConsoleProgress(err));
		out.printf(Locale.ROOT, "%s on %s (%d samples): accuracy %.4f, macro-F1 %.4f%n", run.id(), name, result.count(), result.accuracy(),
				result.macroF1());
		out.println("  " + run.folder().resolve("evaluation-" + name + ".json"));
		return ExitCodes.OK;
	}
}
