package facet.engine.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import facet.core.ExpressionClass;
import facet.core.eval.ClassificationMetrics;
import facet.core.eval.Prediction;
import facet.core.experiment.ExperimentFormat;
import facet.core.stats.Bootstrap;
import facet.core.stats.McNemar;
import facet.core.stats.Summary;

/**
 * Several runs side by side: one row per run, runs of the same experiment with different seeds
 * grouped (mean ± standard deviation, 95 % interval), pairwise tests between the groups on the
 * same test split, and ablation tables. UI-free: the CLI prints it, reports and the workbench
 * draw it.
 */
public final class RunComparison {

	/** Bootstrap resamples per interval. */
	public static final int BOOTSTRAP_ITERATIONS = 1000;
	/** Fixed, so that the same runs always give the same intervals. */
	public static final long BOOTSTRAP_SEED = 20240917L;

	private final String split;
	private final List<RunRecord> runs;
	private final List<RunGroup> groups;
	private final List<PairwiseTest> pairwise;

	private RunComparison(String split, List<RunRecord> runs, List<RunGroup> groups) {
		this.split = split;
		this.runs = List.copyOf(runs);
		this.groups = List.copyOf(groups);
		List<PairwiseTest> tests = new ArrayList<>();
		for (int i = 0; i < groups.size(); i++) {
			for (int j = i + 1; j < groups.size(); j++) {
				tests.add(test(groups.get(i), groups.get(j)));
			}
		}
		this.pairwise = List.copyOf(tests);
	}

	/** Reads the run folders and compares them on a split ({@code "test"} usually). */
	public static RunComparison of(List<Path> folders, String split) throws IOException {
		List<RunRecord> records = new ArrayList<>();
		Set<Path> seen = new HashSet<>();
		for (Path folder : folders) {
			if (seen.add(folder.toAbsolutePath().normalize())) {
				records.add(RunRecord.read(folder, split));
			}
		}
		return ofRecords(records, split);
	}

	/** Compares runs already read. */
	public static RunComparison ofRecords(List<RunRecord> records, String split) {
		if (records.isEmpty()) {
			throw new IllegalArgumentException("nothing to compare: no runs given");
		}
		// same experiment apart from the seed: the experiment written with seed 0 is the key
		Map<String, List<RunRecord>> byKey = new LinkedHashMap<>();
		for (RunRecord r : records) {
			String key = r.experiment().map(e -> ExperimentFormat.toJson(e.withSeed(0))).orElse("name:" + r.experimentName());
			byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
		}
		List<RunGroup> groups = new ArrayList<>();
		Map<String, Integer> nameCount = new LinkedHashMap<>();
		for (List<RunRecord> members : byKey.values()) {
			String base = members.get(0).experimentName();
			int n = nameCount.merge(base, 1, Integer::sum);
			groups.add(new RunGroup(n == 1 ? base : base + "#" + n, members));
		}
		return new RunComparison(split, records, groups);
	}

	public String split() {
		return split;
	}

	/** The runs in the order given. */
	public List<RunRecord> runs() {
		return runs;
	}

	/** The groups in order of their first run. */
	public List<RunGroup> groups() {
		return groups;
	}

	/** Every pair of groups, in order. */
	public List<PairwiseTest> pairwise() {
		return pairwise;
	}

	/** A group by name, or by the id of one of its runs. */
	public Optional<RunGroup> group(String nameOrRunId) {
		for (RunGroup g : groups) {
			if (g.name().equals(nameOrRunId) || g.runs().stream().anyMatch(r -> r.id().equals(nameOrRunId))) {
				return Optional.of(g);
			}
		}
		return Optional.empty();
	}

	/**
	 * The ablation table against a base group: for every other group, what it lacks or changes
	 * relative to the base and the change in accuracy and macro-F1 (ablated minus base) with its
	 * significance.
	 */
	public List<AblationRow> ablation(RunGroup base) {
		List<AblationRow> rows = new ArrayList<>();
		for (RunGroup g : groups) {
			if (g == base) {
				continue;
			}
			String change;
			if (base.experiment().isPresent() && g.experiment().isPresent()) {
				List<String> changes = ExperimentDiff.describe(base.experiment().get(), g.experiment().get());
				change = changes.isEmpty() ? "same components" : String.join("; ", changes);
			} else {
				change = g.name() + " (experiment file missing)";
			}
			rows.add(new AblationRow(g, change, test(g, base)));
		}
		return rows;
	}

	/** The pairwise test of two groups (first minus second). */
	public static PairwiseTest test(RunGroup first, RunGroup second) {
		int pairs = Math.min(first.size(), second.size());
		List<Prediction> a = new ArrayList<>();
		List<Prediction> b = new ArrayList<>();
		for (int i = 0; i < pairs; i++) {
			RunRecord ra = first.runs().get(i);
			RunRecord rb = second.runs().get(i);
			if (ra.predictions().isEmpty() || rb.predictions().isEmpty()) {
				RunRecord missing = ra.predictions().isEmpty() ? ra : rb;
				return untested(first, second, pairs, "run " + missing.id() + " has no per-sample predictions (predictions-" + missing.split() + ".csv)");
			}
			Map<String, Prediction> other = new LinkedHashMap<>();
			rb.predictions().get().forEach(p -> other.put(p.sampleId(), p));
			List<Prediction> pa = ra.predictions().get();
			if (other.size() != pa.size() || !pa.stream().allMatch(p -> other.containsKey(p.sampleId()))) {
				return untested(first, second, pairs, "runs " + ra.id() + " and " + rb.id() + " were evaluated on different samples ("
						+ pa.size() + " and " + other.size() + " predictions)");
			}
			String prefix = pairs > 1 ? i + "/" : "";
			for (Prediction p : pa) {
				Prediction q = other.get(p.sampleId());
				if (q.label() != p.label()) {
					return untested(first, second, pairs, "sample " + p.sampleId() + " has label " + p.label().label() + " in run " + ra.id()
							+ " but " + q.label().label() + " in run " + rb.id());
				}
				a.add(new Prediction(prefix + p.sampleId(), p.label(), p.probabilities()));
				b.add(new Prediction(prefix + q.sampleId(), q.label(), q.probabilities()));
			}
		}
		McNemar m = McNemar.of(a, b);
		List<Prediction> occludedA = a.stream().filter(p -> OcclusionSubsets.isOccluded(p.sampleId())).toList();
		List<Prediction> occludedB = b.stream().filter(p -> OcclusionSubsets.isOccluded(p.sampleId())).toList();
		Optional<McNemar> occluded = occludedA.isEmpty() ? Optional.empty() : Optional.of(McNemar.of(occludedA, occludedB));
		Bootstrap accuracy = Bootstrap.pairedDifference(a, b, ClassificationMetrics::accuracy, BOOTSTRAP_ITERATIONS, 0.95, BOOTSTRAP_SEED);
		Bootstrap macroF1 = Bootstrap.pairedDifference(a, b, ClassificationMetrics::macroF1, BOOTSTRAP_ITERATIONS, 0.95, BOOTSTRAP_SEED);
		return new PairwiseTest(first, second, pairs, a.size(), Optional.of(m), Optional.of(accuracy), Optional.of(macroF1), Optional.empty(), occluded,
				occludedA.size());
	}

	private static PairwiseTest untested(RunGroup first, RunGroup second, int pairs, String why) {
		return new PairwiseTest(first, second, pairs, 0, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(why), Optional.empty(), 0);
	}

	/** The table of runs as fixed-width text, one row per run. */
	public String runTable() {
		List<String> header = new ArrayList<>(List.of("run", "experiment", "seed", "accuracy", "macro-F1"));
		for (ExpressionClass c : ExpressionClass.values()) {
			header.add("R " + c.label().substring(0, 3));
		}
		header.addAll(List.of("occluded", "clean", "params", "MFLOPs", "model", "img/s", "train s", "ms/img"));
		List<List<String>> rows = new ArrayList<>();
		for (RunRecord r : runs) {
			List<String> row = new ArrayList<>(List.of(r.id(), r.experimentName(), Long.toString(r.seed()), percent(r.accuracy()),
					percent(r.macroF1())));
			for (double v : r.recall()) {
				row.add(percent(v));
			}
			row.addAll(List.of(r.occlusion().map(o -> percent(o.occludedAccuracy()) + " (" + o.occluded() + ")").orElse("–"),
					r.occlusion().map(o -> percent(o.cleanAccuracy())).orElse("–"),
					r.parameters() < 0 ? "–" : String.format(Locale.ROOT, "%,d", r.parameters()), number(r.flops() / 1e6, 1), bytes(r.modelBytes()), number(r.imagesPerSecond(), 1),
					number(r.trainingSeconds(), 1), number(r.msPerImage(), 2)));
			rows.add(row);
		}
		return TextTable.format(header, rows);
	}

	/** The table of groups as text: mean ± sd [95 % CI] over seeds. */
	public String groupTable() {
		List<String> header = List.of("experiment", "runs", "accuracy", "macro-F1", "img/s", "train s");
		List<List<String>> rows = new ArrayList<>();
		for (RunGroup g : groups) {
			rows.add(List.of(g.name(), Integer.toString(g.size()), percent(g.summary(RunRecord::accuracy)),
					percent(g.summary(RunRecord::macroF1)), number(g.summary(RunRecord::imagesPerSecond).mean(), 1),
					number(g.summary(RunRecord::trainingSeconds).mean(), 1)));
		}
		return TextTable.format(header, rows);
	}

	/** The ablation table as text. */
	public static String ablationTable(RunGroup base, List<AblationRow> rows) {
		List<String> header = List.of("experiment", "change from " + base.name(), "Δ accuracy [95 % CI]", "Δ macro-F1 [95 % CI]", "McNemar p",
				"significant");
		List<List<String>> lines = new ArrayList<>();
		for (AblationRow row : rows) {
			PairwiseTest t = row.test();
			lines.add(List.of(row.group().name(), row.change(), interval(t.accuracy()), interval(t.macroF1()),
					t.mcNemar().map(m -> PairwiseTest.p(m.pValue())).orElse("–"), t.problem().isPresent() ? "not tested" : t.significant() ? "yes" : "no"));
		}
		return TextTable.format(header, lines);
	}

	/** A difference with its interval in percentage points, e.g. {@code -3.1 [-5.0, -1.2]}. */
	public static String interval(Optional<Bootstrap> b) {
		return b.map(x -> PairwiseTest.points(x.observed()) + " [" + PairwiseTest.points(x.low()) + ", " + PairwiseTest.points(x.high()) + "]")
				.orElse("–");
	}

	/** A fraction in percent with one decimal, {@code –} for NaN. */
	public static String percent(double fraction) {
		return Double.isNaN(fraction) ? "–" : String.format(Locale.ROOT, "%.1f", 100 * fraction);
	}

	/** A summary in percent: {@code 71.3 ± 1.2 [69.8, 72.8]}, or the single value for one run. */
	public static String percent(Summary s) {
		if (s.count() == 0) {
			return "–";
		}
		if (s.count() == 1) {
			return percent(s.mean());
		}
		return String.format(Locale.ROOT, "%.1f ± %.1f [%.1f, %.1f]", 100 * s.mean(), 100 * s.standardDeviation(), 100 * s.low(), 100 * s.high());
	}

	/** A size in bytes, kB or MB (powers of 1000), {@code –} when unknown. */
	public static String bytes(long bytes) {
		if (bytes < 0) {
			return "–";
		}
		if (bytes < 1000) {
			return bytes + " B";
		}
		return bytes < 1_000_000 ? String.format(Locale.ROOT, "%.1f kB", bytes / 1e3) : String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
	}

	public static String number(double value, int decimals) {
		return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", value);
	}
}
