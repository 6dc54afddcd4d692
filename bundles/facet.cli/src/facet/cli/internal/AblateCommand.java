package facet.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import facet.cli.ExitCodes;
import facet.core.experiment.ExperimentException;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.AtomicFiles;
import facet.core.runs.RunStatus;
import facet.core.runs.RunStore;
import facet.engine.ablation.Ablation;
import facet.engine.ablation.AblationIndex;
import facet.engine.ablation.AblationRunner;
import facet.engine.ablation.AblationSet;
import facet.engine.run.ExperimentRunner;

/**
 * {@code facet ablate EXP}: trains an experiment and each of its ablations (facet.engine.ablation.AblationSet)
 * over N seeds, records the runs in an index in the run store ({@code <runs>/ablations/NAME-STAMP.json})
 * and prints the ablation table, also written next to the index as Markdown and CSV. Ctrl-C stops
 * after the current run has recorded where it stopped; {@code --resume INDEX} keeps the completed
 * runs, resumes the unfinished one and trains the rest.
 */
final class AblateCommand implements Command {

	@Override
	public String name() {
		return "ablate";
	}

	@Override
	public String usage() {
		return "ablate EXP|--resume INDEX [--seeds N] [--epochs E] [--runs DIR] [--threads N] [--dry-run [--write DIR]]";
	}

	@Override
	public String summary() {
		return "train an experiment and each ablation of it (components removed in turn), then the ablation table";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		String seedsText = args.option("--seeds");
		String epochs = args.option("--epochs");
		String runs = args.option("--runs");
		String threads = args.option("--threads");
		String resume = args.option("--resume");
		String write = args.option("--write");
		boolean dryRun = args.flag("--dry-run");
		List<String> files = args.positional();
		if (write != null && !dryRun) {
			throw new UsageException("ablate: --write DIR goes with --dry-run (it writes the ablated experiments without training)");
		}
		AblationIndex index = null;
		ExperimentSpec base;
		int seeds;
		RunStore store;
		if (resume != null) {
			if (!files.isEmpty() || seedsText != null || epochs != null) {
				throw new UsageException("ablate: --resume INDEX takes the experiment, seeds and epochs from the index; give no EXP, --seeds or --epochs");
			}
			Path file = Path.of(resume);
			if (!Files.isRegularFile(file)) {
				throw new UsageException("ablate: " + file + ": no such ablation index");
			}
			try {
				index = AblationIndex.read(file);
			} catch (IOException e) {
				throw new UsageException("ablate: " + e.getMessage());
			}
			base = index.base();
			seeds = index.seeds();
			// the index lives in <runs>/ablations/
			Path parent = file.toAbsolutePath().getParent().getParent();
			store = runs != null ? new RunStore(Path.of(runs)) : new RunStore(parent);
		} else {
			if (files.size() != 1) {
				throw new UsageException("ablate: give exactly one experiment file (or --resume INDEX)");
			}
			Path file = Path.of(files.get(0));
			if (!Files.isRegularFile(file)) {
				throw new UsageException("ablate: " + file + ": no such file");
			}
			try {
				base = ExperimentFormat.read(file);
			} catch (ExperimentException e) {
				e.problems().forEach(p -> err.println(file + ": " + p));
				return ExitCodes.BAD_INPUT;
			}
			if (epochs != null) {
				base = withEpochs(base, (int) TrainCommand.parseLong("--epochs", epochs, 1));
			}
			seeds = seedsText == null ? 1 : (int) TrainCommand.parseLong("--seeds", seedsText, 1);
			store = TrainCommand.store(runs);
		}
		List<Ablation> variants = AblationSet.withBase(base);
		String source = resume != null ? resume : files.get(0);
		try {
			AblationRunner.requireValid(variants, source, ModuleRegistry.getDefault());
		} catch (ExperimentException e) {
			e.problems().forEach(p -> err.println(e.source() + ": " + p));
			return ExitCodes.BAD_INPUT;
		}
		if (dryRun) {
			print(base, variants, seeds, out);
			if (write != null) {
				Path dir = Path.of(write);
				for (Ablation a : variants.subList(1, variants.size())) {
					Path target = dir.resolve(a.fileName());
					AtomicFiles.write(target, ExperimentFormat.toJson(a.experiment()));
					out.println("wrote " + target);
				}
			}
			return ExitCodes.OK;
		}
		if (index == null) {
			index = AblationIndex.create(store, base, seeds);
		}
		out.println("ablation index " + index.file());
		ExperimentRunner runner = threads == null ? new ExperimentRunner(ModuleRegistry.getDefault())
				: new ExperimentRunner(ModuleRegistry.getDefault(), (int) TrainCommand.parseLong("--threads", threads, 1));
		ConsoleProgress progress = new ConsoleProgress(err).cancelOnInterrupt();
		AblationRunner.Outcome outcome;
		try {
			outcome = new AblationRunner(runner, store, err::println).run(index, progress);
			writeTable(index, store, out);
		} catch (ExperimentException e) {
			e.problems().forEach(p -> err.println(e.source() + ": " + p));
			return ExitCodes.BAD_INPUT;
		} finally {
			progress.done();
		}
		outcome.problems().forEach(p -> err.println("facet ablate: failed: " + p));
		if (outcome.status() == RunStatus.CANCELLED) {
			err.println("facet ablate: cancelled after " + outcome.completed() + " of " + outcome.total()
					+ " runs; finished runs are kept, the current one is resumable; continue with: facet ablate --resume " + index.file());
			return ExitCodes.FAILURE;
		}
		if (outcome.status() != RunStatus.COMPLETED) {
			err.println("facet ablate: " + outcome.completed() + " of " + outcome.total()
					+ " runs completed; retry the others (failed runs resume from their last checkpoint) with: facet ablate --resume " + index.file());
			return ExitCodes.FAILURE;
		}
		return ExitCodes.OK;
	}

	private static void writeTable(AblationIndex index, RunStore store, PrintStream out) throws IOException {
		Optional<AblationRunner.Table> table = AblationRunner.table(index, store, ExperimentRunner.TEST);
		if (table.isEmpty()) {
			out.println("no ablation table: the base has no completed run yet");
			return;
		}
		AblationRunner.Table t = table.get();
		out.println();
		out.println("Ablation of " + t.base().name() + " on the test split (ablated minus base, percentage points; base accuracy "
				+ facet.engine.compare.RunComparison.percent(t.base().summary(r -> r.accuracy())) + " %, " + t.base().size() + " run"
				+ (t.base().size() == 1 ? "" : "s") + "):");
		out.print(t.text());
		String title = "# Ablation of " + index.base().name() + "\n\nIndex: " + index.file().getFileName() + "; " + index.seeds() + " seed"
				+ (index.seeds() == 1 ? "" : "s") + " from " + index.base().seed() + ", " + index.base().epochs()
				+ " epochs; test split; Δ = ablated minus base in percentage points, paired bootstrap 95 % CI; McNemar's exact test.\n\n";
		AtomicFiles.write(index.sibling(".md"), title + t.markdown());
		AtomicFiles.write(index.sibling(".csv"), t.csv());
		out.println("table written to " + index.sibling(".md") + " and " + index.sibling(".csv"));
	}

	private static void print(ExperimentSpec base, List<Ablation> variants, int seeds, PrintStream out) {
		String seedText = seeds == 1 ? "seed " + base.seed() : "seeds " + base.seed() + ".." + (base.seed() + seeds - 1);
		out.printf(Locale.ROOT, "Ablation of %s: the base and %d variants, %s, %d epochs each: %d runs%n", base.name(), variants.size() - 1,
				seedText, base.epochs(), variants.size() * seeds);
		for (Ablation a : variants) {
			out.println("  " + a.name() + (a.name().equals(AblationSet.BASE) ? " (" + base.name() + ")" : ""));
		}
	}

	private static ExperimentSpec withEpochs(ExperimentSpec s, int epochs) {
		return s.withEpochs(epochs);
	}
}
