package facet.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

import facet.cli.ExitCodes;
import facet.core.experiment.ExperimentException;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.Run;
import facet.core.runs.RunStore;
import facet.engine.run.ExperimentRunner;

/** {@code facet resume RUN}: continues a cancelled, failed or killed run from its last checkpoint. */
final class ResumeCommand implements Command {

	@Override
	public String name() {
		return "resume";
	}

	@Override
	public String usage() {
		return "resume RUN [--runs DIR]";
	}

	@Override
	public String summary() {
		return "continue a run from its last checkpoint (same final metrics as an uninterrupted run)";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		RunStore store = TrainCommand.store(args.option("--runs"));
		List<String> ids = args.positional();
		if (ids.size() != 1) {
			throw new UsageException("resume: give exactly one run (an id from facet runs, or a run folder)");
		}
		Run run;
		try {
			run = store.open(ids.get(0));
		} catch (IOException e) {
			throw new UsageException("resume: " + e.getMessage());
		}
		ConsoleProgress progress = new ConsoleProgress(err).cancelOnInterrupt();
		try {
			return TrainCommand.report(new ExperimentRunner(ModuleRegistry.getDefault()).resume(run, progress), out, err);
		} catch (ExperimentException e) {
			e.problems().forEach(p -> err.println(e.source() + ": " + p));
			return ExitCodes.BAD_INPUT;
		} finally {
			progress.done();
		}
	}
}
