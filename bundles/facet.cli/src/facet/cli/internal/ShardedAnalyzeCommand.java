package facet.cli.internal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import facet.cli.ExitCodes;
import facet.cli.internal.Command.Arguments;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.engine.sweep.ShardedAnalysis;
import facet.engine.sweep.Slurm;
import facet.engine.sweep.TaskState;

/**
 * {@code facet analyze --executor local|slurm --shards N}: lists the inputs once, runs
 * {@code facet analyze --shard K/N} for every K (worker processes, or one Slurm job array), waits
 * with progress (Ctrl-C cancels the shards) and merges the shards' outputs into the files of one
 * run; {@code --no-wait} returns after submitting, {@code facet analyze --merge DIR} merges later.
 */
final class ShardedAnalyzeCommand {

	private ShardedAnalyzeCommand() {
	}

	static int run(String executor, Arguments args, PrintStream out, PrintStream err) throws Exception {
		if (!executor.equals("local") && !executor.equals("slurm")) {
			throw new UsageException("analyze: --executor local or --executor slurm, got \"" + executor + "\"");
		}
		String shardsText = args.option("--shards");
		if (shardsText == null) {
			throw new UsageException("analyze: --executor needs --shards N (how many processes or array tasks split the inputs)");
		}
		if (args.option("--shard") != null) {
			throw new UsageException("analyze: --shard K/N is what each of the --shards tasks runs; give one or the other");
		}
		int shards = (int) TrainCommand.parseLong("--shards", shardsText, 1);
		boolean json = args.flag("--json");
		boolean noWait = args.flag("--no-wait");
		String parallel = args.option("--parallel");
		String cpus = args.option("--cpus");
		Slurm.Options slurm = new Slurm.Options(args.option("--partition"), args.option("--time"),
				cpus == null ? null : (int) TrainCommand.parseLong("--cpus", cpus, 1), args.option("--mem"));
		Path launcher = SweepCommand.launcher(args.option("--launcher"));
		Path outDir = Path.of(Optional.ofNullable(args.option("--out")).orElse("analyze-out"));
		// what every shard passes on to facet analyze
		List<String> options = new ArrayList<>();
		String detector = args.option("--detector");
		if (detector != null) {
			ModuleRegistry registry = ModuleRegistry.getDefault();
			registry.find(ModuleKind.DETECTOR, detector).orElseThrow(() -> new UsageException("analyze: " + registry.unknownMessage(ModuleKind.DETECTOR, detector)));
			options.addAll(List.of("--detector", detector));
		}
		for (Map.Entry<String, String> p : DetectCommand.params("analyze", args).entrySet()) {
			options.addAll(List.of("--param", p.getKey() + "=" + p.getValue()));
		}
		for (String option : List.of("--model", "--margin", "--runs")) {
			String value = args.option(option);
			if (value != null) {
				options.addAll(List.of(option, value));
			}
		}
		String inputList = args.option("--inputs");
		List<String> inputs = new ArrayList<>(args.positional());
		if (inputList != null) {
			inputs.addAll(AnalyzeCommand.readInputList(Path.of(inputList)));
		}
		if (inputs.isEmpty()) {
			throw new UsageException("analyze: give at least one image or folder");
		}
		if (executor.equals("slurm") && !Slurm.available()) {
			err.println("facet analyze: no Slurm controller answers (scontrol ping failed): is the Slurm client installed and the cluster up?"
					+ " On one machine: releng/slurm/start.sh; or use --executor local");
			return ExitCodes.FAILURE;
		}
		List<ShardedAnalysis.FileError> inputErrors = new ArrayList<>();
		List<Path> images = AnalyzeCommand.expand(inputs, inputErrors, err);
		Files.createDirectories(outDir);
		ShardedAnalysis analysis;
		try {
			analysis = ShardedAnalysis.create(outDir, shards, images, inputErrors, options, launcher, Path.of("").toAbsolutePath(), executor);
		} catch (java.io.IOException e) {
			throw new UsageException("analyze: " + e.getMessage());
		}
		out.println("analyze: " + images.size() + " image(s) in " + shards + " shards; shard folders and logs in " + analysis.folder());
		ConsoleProgress progress = new ConsoleProgress(err).cancelOnInterrupt();
		try {
			if (executor.equals("local")) {
				int workers = parallel == null ? shards : (int) TrainCommand.parseLong("--parallel", parallel, 1);
				analysis.runLocally(workers, progress);
				if (progress.isCanceled()) {
					err.println("facet analyze: cancelled; the shards' logs are in " + analysis.folder().resolve("logs"));
					return ExitCodes.FAILURE;
				}
			} else {
				String job = analysis.submitToSlurm(slurm);
				out.println("  submitted job array " + job + " (" + shards + " tasks); merge later with: facet analyze --merge " + outDir);
				if (noWait) {
					return ExitCodes.OK;
				}
				if (!waitForSlurm(analysis, progress, err)) {
					return ExitCodes.FAILURE;
				}
			}
		} finally {
			progress.done();
		}
		return AnalyzeCommand.merge(outDir, json, out, err);
	}

	/** Polls the array until every shard ended; cancels it on Ctrl-C. Returns false when cancelled. */
	private static boolean waitForSlurm(ShardedAnalysis analysis, ConsoleProgress progress, PrintStream err) throws Exception {
		progress.begin("analyze: waiting for " + analysis.shards() + " Slurm tasks", analysis.shards());
		long reported = 0;
		while (true) {
			if (progress.isCanceled()) {
				analysis.cancelSlurm();
				err.println("facet analyze: cancelled job array " + analysis.job().orElse("?") + " (scancel)");
				return false;
			}
			List<TaskState> states = analysis.states(Slurm.jobView());
			long ended = states.stream().filter(s -> s == TaskState.DONE || s == TaskState.FAILED || s == TaskState.CANCELLED).count();
			long running = states.stream().filter(s -> s == TaskState.RUNNING).count();
			if (ended > reported) {
				progress.worked(ended - reported, running + " running");
				reported = ended;
			}
			if (ended == states.size()) {
				return true;
			}
			Thread.sleep(1000);
		}
	}
}
