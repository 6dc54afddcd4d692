package facet.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import facet.cli.ExitCodes;
import facet.core.experiment.ExperimentException;
import facet.core.experiment.ExperimentValidator;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.Run;
import facet.core.runs.RunStore;
import facet.engine.sweep.LocalExecutor;
import facet.engine.sweep.Slurm;
import facet.engine.sweep.Sweep;
import facet.engine.sweep.SweepControl;
import facet.engine.sweep.SweepDefinition;
import facet.engine.sweep.SweepExpansion;
import facet.engine.sweep.SweepPoint;
import facet.engine.sweep.SweepResults;
import facet.engine.sweep.SweepTask;
import facet.engine.sweep.TaskState;

/**
 * {@code facet sweep FILE}: expands a sweep into points, writes the sweep folder and runs its
 * tasks locally or as one Slurm job array; {@code status}, {@code cancel} and {@code retry}
 * act on a sweep folder. The comparison is written once every task is done.
 */
final class SweepCommand implements Command {

	@Override
	public String name() {
		return "sweep";
	}

	@Override
	public String usage() {
		return "sweep FILE --executor local|slurm [--parallel N] [--partition P] [--time T] [--cpus C] [--mem M] [--runs DIR] [--wait] | sweep status|cancel|retry SWEEP";
	}

	@Override
	public String summary() {
		return "run a grid, random or ablation sweep of an experiment over seeds, locally or as a Slurm job array";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		String word = args.word();
		if (word == null) {
			throw new UsageException("sweep: give a sweep file, or status|cancel|retry and a sweep");
		}
		RunStore store = TrainCommand.store(args.option("--runs"));
		return switch (word) {
		case "status" -> status(open(store, args), out);
		case "cancel" -> cancel(open(store, args), out);
		case "retry" -> {
			Launch launch = launch(args);
			yield retry(open(store, args), launch, out, err);
		}
		default -> submit(Path.of(word), store, args, out, err);
		};
	}

	private static Sweep open(RunStore store, Arguments args) throws UsageException {
		List<String> rest = args.positional();
		if (rest.size() != 1) {
			throw new UsageException("sweep: give exactly one sweep (its folder, or its name under " + store.root().resolve("sweeps") + ")");
		}
		try {
			return Sweep.open(store, rest.get(0));
		} catch (IOException e) {
			throw new UsageException("sweep: " + e.getMessage());
		}
	}

	private int submit(Path file, RunStore store, Arguments args, PrintStream out, PrintStream err) throws Exception {
		String executor = args.option("--executor");
		Launch launch = launch(args);
		Path launcher = launcher(args.option("--launcher"));
		if (!args.positional().isEmpty()) {
			throw new UsageException("sweep: unexpected " + String.join(" ", args.positional()));
		}
		if (executor == null || !(executor.equals("local") || executor.equals("slurm"))) {
			throw new UsageException("sweep: --executor local or --executor slurm");
		}
		if (!Files.isRegularFile(file)) {
			throw new UsageException("sweep: " + file + ": no such file");
		}
		List<SweepPoint> points;
		SweepDefinition definition;
		try {
			definition = SweepDefinition.read(file);
			points = SweepExpansion.expand(definition, new ExperimentValidator(ModuleRegistry.getDefault()));
		} catch (ExperimentException e) {
			e.problems().forEach(p -> err.println(file + ": " + p));
			return ExitCodes.BAD_INPUT;
		}
		if (executor.equals("slurm") && !Slurm.available()) {
			err.println("facet sweep: no Slurm controller answers (scontrol ping failed): is the Slurm client installed and the cluster up?"
					+ " On one machine: releng/slurm/start.sh");
			return ExitCodes.FAILURE;
		}
		List<Long> seeds = SweepExpansion.seeds(definition, points);
		Sweep sweep = Sweep.create(store, definition, Files.readString(file, StandardCharsets.UTF_8), points, seeds, launcher, executor);
		out.println("sweep " + sweep.name() + ": " + points.size() + " points × " + seeds.size() + " seeds = " + sweep.tasks().size() + " tasks");
		out.println("  folder " + sweep.folder());
		return execute(sweep, sweep.tasks().stream().map(SweepTask::task).toList(), launch, out, err);
	}

	private record Launch(int parallel, Slurm.Options slurm, boolean waitForEnd) {
	}

	private static Launch launch(Arguments args) throws UsageException {
		String parallel = args.option("--parallel");
		String cpus = args.option("--cpus");
		Slurm.Options options = new Slurm.Options(args.option("--partition"), args.option("--time"),
				cpus == null ? null : (int) TrainCommand.parseLong("--cpus", cpus, 1), args.option("--mem"));
		int workers = parallel == null ? Math.max(1, Runtime.getRuntime().availableProcessors() / 2) : (int) TrainCommand.parseLong("--parallel", parallel, 1);
		return new Launch(workers, options, args.flag("--wait"));
	}

	private int execute(Sweep sweep, List<Integer> tasks, Launch launch, PrintStream out, PrintStream err) throws Exception {
		if (sweep.executor().equals("slurm")) {
			String job = SweepControl.submitToSlurm(sweep, tasks, launch.slurm());
			out.println("  submitted job array " + job + " (" + tasks.size() + " tasks); follow it with: facet sweep status " + sweep.folder());
			if (!launch.waitForEnd()) {
				return ExitCodes.OK;
			}
			while (SweepControl.refresh(sweep).open()) {
				Thread.sleep(1000);
			}
		} else {
			LocalExecutor local = new LocalExecutor(launch.parallel());
			out.println("  running " + tasks.size() + " tasks locally, " + local.parallel() + " at a time, " + local.threadsPerTask() + " threads each");
			ConsoleProgress progress = new ConsoleProgress(err).cancelOnInterrupt();
			try {
				local.run(sweep, tasks, progress);
			} finally {
				progress.done();
			}
		}
		return status(sweep, out);
	}

	private static int status(Sweep sweep, PrintStream out) throws IOException {
		SweepControl.Snapshot s = SweepControl.refresh(sweep);
		out.println("sweep " + sweep.name() + " (" + sweep.executor() + "): " + sweep.folder());
		out.printf(Locale.ROOT, "  %-5s %-5s %-6s %-9s %-45s %s%n", "task", "point", "seed", "state", "run", "point");
		for (SweepTask t : sweep.tasks()) {
			TaskState state = s.states().get(t.task());
			Run r = s.runs().get(t.task());
			out.printf(Locale.ROOT, "  %-5d %-5d %-6d %-9s %-45s %s%n", t.task(), t.point(), t.seed(), state.word(), r == null ? "–" : r.id(), t.label());
		}
		Map<TaskState, Integer> counts = s.counts();
		List<String> summary = new ArrayList<>();
		counts.forEach((k, v) -> summary.add(v + " " + k.word()));
		out.println("  " + String.join(", ", summary));
		Path comparison = sweep.folder().resolve(SweepResults.COMPARISON);
		if (Files.exists(comparison)) {
			out.println("  comparison " + comparison);
		}
		return s.allDone() || s.open() ? ExitCodes.OK : ExitCodes.FAILURE;
	}

	private static int cancel(Sweep sweep, PrintStream out) throws IOException {
		int cancelled = SweepControl.cancel(sweep);
		out.println("sweep " + sweep.name() + ": cancelled " + cancelled + " pending or running tasks");
		return ExitCodes.OK;
	}

	private int retry(Sweep sweep, Launch launch, PrintStream out, PrintStream err) throws Exception {
		SweepControl.Retry retry = SweepControl.prepareRetry(sweep);
		if (retry.tasks().isEmpty()) {
			out.println("sweep " + sweep.name() + ": nothing to retry (no failed or cancelled tasks)");
			return status(sweep, out);
		}
		out.println("sweep " + sweep.name() + ": retrying " + retry.tasks().size() + " tasks (" + retry.resumed() + " resume from their last checkpoint)");
		return execute(sweep, retry.tasks(), launch, out, err);
	}

	/** {@code --launcher}, else the {@code facet.launcher} property, else {@code $FACET_ROOT/facet} (exported by the launcher). */
	static Path launcher(String option) throws UsageException {
		String path = option != null ? option : System.getProperty("facet.launcher");
		if (path == null && System.getenv("FACET_ROOT") != null) {
			path = Path.of(System.getenv("FACET_ROOT"), "facet").toString();
		}
		if (path == null || !Files.isExecutable(Path.of(path))) {
			throw new UsageException("sweep: cannot find the facet launcher that tasks run (" + (path == null ? "FACET_ROOT is not set" : path + " is not executable")
					+ "); start facet through ./facet or give --launcher PATH");
		}
		return Path.of(path).toAbsolutePath();
	}
}
