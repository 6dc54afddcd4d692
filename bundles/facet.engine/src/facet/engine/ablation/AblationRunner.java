package facet.engine.ablation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import facet.core.Progress;
import facet.core.experiment.ExperimentException;
import facet.core.experiment.ExperimentSpec;
import facet.core.experiment.ExperimentValidator;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ValidationProblem;
import facet.core.runs.Run;
import facet.core.runs.RunStatus;
import facet.core.runs.RunStore;
import facet.engine.compare.AblationRow;
import facet.engine.compare.PairwiseTest;
import facet.engine.compare.RunComparison;
import facet.engine.compare.RunGroup;
import facet.engine.run.ExperimentRunner;

/**
 * Trains the base and every variant of an {@link AblationIndex}, one run after another, seeds
 * in order, recording each run in the index as soon as it ends. Runs the index already has are
 * not trained again: completed ones are kept, the others resumed from their last checkpoint. A
 * cancel stops after the current run has recorded where it stopped; a failed run is recorded and
 * the others go on.
 */
public final class AblationRunner {

	/** How an ablation ended: every run completed, or why not. */
	public record Outcome(RunStatus status, int completed, int total, List<String> problems) {
	}

	private final ExperimentRunner runner;
	private final RunStore store;
	private final Consumer<String> log;

	/**
	 * @param log receives one line per run started, resumed or skipped
	 */
	public AblationRunner(ExperimentRunner runner, RunStore store, Consumer<String> log) {
		this.runner = runner;
		this.store = store;
		this.log = log;
	}

	/** Checks every variant against the installed modules before anything is trained. */
	public static void requireValid(List<Ablation> variants, String source, ModuleRegistry registry) throws ExperimentException {
		ExperimentValidator validator = new ExperimentValidator(registry);
		List<ValidationProblem> problems = new ArrayList<>();
		for (Ablation a : variants) {
			for (ValidationProblem p : validator.validate(a.experiment())) {
				problems.add(new ValidationProblem(a.name() + ": " + p.path(), p.message()));
			}
		}
		if (!problems.isEmpty()) {
			throw new ExperimentException(source, problems);
		}
	}

	public Outcome run(AblationIndex index, Progress progress) throws IOException, ExperimentException {
		List<Ablation> variants = index.variants();
		int total = variants.size() * index.seeds();
		int done = 0;
		int position = 0;
		List<String> problems = new ArrayList<>();
		for (Ablation a : variants) {
			for (long seed : index.seedValues()) {
				position++;
				String what = String.format(Locale.ROOT, "[%d/%d] %s, seed %d", position, total, a.name(), seed);
				if (progress.isCanceled()) {
					return new Outcome(RunStatus.CANCELLED, done, total, problems);
				}
				Optional<String> recorded = index.run(a.name(), seed);
				ExperimentRunner.Result result;
				if (recorded.isPresent()) {
					Run run;
					try {
						run = store.open(recorded.get());
					} catch (IOException e) {
						throw new IOException(index.file() + ": run " + recorded.get() + " of " + a.name() + " is gone from " + store.root(), e);
					}
					if (run.info().status() == RunStatus.COMPLETED) {
						log.accept(what + ": completed earlier as " + run.id());
						done++;
						continue;
					}
					log.accept(what + ": resuming " + run.id());
					result = runner.resume(run, progress);
				} else {
					log.accept(what + ": training");
					ExperimentSpec spec = a.experiment().withSeed(seed);
					result = runner.train(spec, store, progress);
					index.record(a.name(), seed, result.run().id());
					index.save();
				}
				log.accept(what + ": " + result.status().name().toLowerCase(Locale.ROOT) + " (" + result.run().id() + ")");
				switch (result.status()) {
				case COMPLETED -> done++;
				case CANCELLED -> {
					return new Outcome(RunStatus.CANCELLED, done, total, problems);
				}
				default -> problems.add(a.name() + " seed " + seed + " (" + result.run().id() + "): " + result.message());
				}
			}
		}
		return new Outcome(done == total ? RunStatus.COMPLETED : RunStatus.FAILED, done, total, problems);
	}

	/** The comparison of the completed runs of an index, with the base group; empty when the base has no completed run. */
	public static Optional<Table> table(AblationIndex index, RunStore store, String split) throws IOException {
		List<Path> folders = new ArrayList<>();
		String baseRun = null;
		for (Ablation a : index.variants()) {
			for (String id : index.runs(a.name()).values()) {
				Run run;
				try {
					run = store.open(id);
				} catch (IOException e) {
					continue;
				}
				if (run.info().status() == RunStatus.COMPLETED) {
					folders.add(run.folder());
					if (a.name().equals(AblationSet.BASE) && baseRun == null) {
						baseRun = id;
					}
				}
			}
		}
		if (baseRun == null) {
			return Optional.empty();
		}
		RunComparison comparison = RunComparison.of(folders, split);
		RunGroup base = comparison.group(baseRun).orElseThrow();
		return Optional.of(new Table(comparison, base, comparison.ablation(base)));
	}

	/** The ablation table: the base group and one row per ablated group, as text, Markdown and CSV. */
	public record Table(RunComparison comparison, RunGroup base, List<AblationRow> rows) {

		public String text() {
			return RunComparison.ablationTable(base, rows);
		}

		public String markdown() {
			StringBuilder s = new StringBuilder();
			s.append("| experiment | runs | accuracy % | macro-F1 % | change from base | Δ accuracy [95 % CI] | Δ macro-F1 [95 % CI] | McNemar p | significant |\n");
			s.append("|---|---:|---:|---:|---|---:|---:|---:|---|\n");
			s.append("| ").append(cell(base.name())).append(" | ").append(base.size()).append(" | ")
					.append(RunComparison.percent(base.summary(r -> r.accuracy()))).append(" | ")
					.append(RunComparison.percent(base.summary(r -> r.macroF1()))).append(" | (base) | | | | |\n");
			for (AblationRow row : rows) {
				PairwiseTest t = row.test();
				s.append("| ").append(cell(row.group().name())).append(" | ").append(row.group().size()).append(" | ")
						.append(RunComparison.percent(row.group().summary(r -> r.accuracy()))).append(" | ")
						.append(RunComparison.percent(row.group().summary(r -> r.macroF1()))).append(" | ").append(cell(row.change()))
						.append(" | ").append(RunComparison.interval(t.accuracy())).append(" | ").append(RunComparison.interval(t.macroF1()))
						.append(" | ").append(t.mcNemar().map(m -> p(m.pValue())).orElse("–")).append(" | ")
						.append(t.problem().isPresent() ? "not tested" : t.significant() ? "yes" : "no").append(" |\n");
			}
			return s.toString();
		}

		/** One line per group (base first); differences are ablated minus base, as fractions; empty cells where not tested. */
		public String csv() {
			StringBuilder s = new StringBuilder(
					"experiment,change,runs,accuracy,macro_f1,delta_accuracy,delta_accuracy_low,delta_accuracy_high,delta_macro_f1,delta_macro_f1_low,delta_macro_f1_high,mcnemar_p,significant\n");
			s.append(csvCell(base.name())).append(",base,").append(base.size()).append(',').append(num(base.summary(r -> r.accuracy()).mean()))
					.append(',').append(num(base.summary(r -> r.macroF1()).mean())).append(",,,,,,,,\n");
			for (AblationRow row : rows) {
				PairwiseTest t = row.test();
				s.append(csvCell(row.group().name())).append(',').append(csvCell(row.change())).append(',').append(row.group().size()).append(',')
						.append(num(row.group().summary(r -> r.accuracy()).mean())).append(',').append(num(row.group().summary(r -> r.macroF1()).mean()));
				for (var b : List.of(t.accuracy(), t.macroF1())) {
					s.append(',').append(b.map(x -> num(x.observed())).orElse("")).append(',').append(b.map(x -> num(x.low())).orElse(""))
							.append(',').append(b.map(x -> num(x.high())).orElse(""));
				}
				s.append(',').append(t.mcNemar().map(m -> num(m.pValue())).orElse("")).append(',')
						.append(t.problem().isPresent() ? "" : Boolean.toString(t.significant())).append('\n');
			}
			return s.toString();
		}

		private static String cell(String text) {
			return text.replace("|", "\\|");
		}

		private static String csvCell(String text) {
			return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
		}

		private static String num(double v) {
			return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
		}

		private static String p(double p) {
			return p < 0.001 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.3f", p);
		}
	}
}
