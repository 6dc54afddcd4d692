package facet.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

import facet.bench.internal.Measurements;
import facet.bench.internal.Report;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.RunEnvironment;

/**
 * Facet's benchmark suite ({@code facet bench}): each shipped model trained and run through Facet
 * against a bare DJL loop on the same network, MXNet with all cores against one OpenMP thread,
 * the data pipeline against training, detectors and the analyze chain per 640×480 frame, peak
 * memory training each model at batch 64, and how cost grows with batch, input side, image size
 * and face count. Every number that is compared is measured in the same run: ratios are what to
 * read, as absolute times drift on a shared machine.
 * <p>
 * The suite starts one process per measurement group ({@link #GROUPS}), since MXNet reads
 * {@code OMP_NUM_THREADS} when it loads and peak resident memory is per process; each group
 * prints its results as {@code RESULT {json}} lines ({@link #measure}).
 */
public final class Benchmark {

	/** The results file, relative to the Facet checkout. */
	public static final String DEFAULT_RESULTS = "releng/benchmarks/results.md";

	/** Starts one measurement group in a process of its own and collects its results. */
	@FunctionalInterface
	public interface Groups {
		/**
		 * @param env variables to set for the process (OMP_NUM_THREADS)
		 * @param group the group and its arguments, e.g. {@code memory model-1}
		 */
		List<JsonObject> run(Map<String, String> env, List<String> group) throws Exception;
	}

	private static final Gson GSON = new Gson();

	private final Path root;
	private final boolean quick;
	private final PrintStream out;

	/**
	 * @param root the Facet checkout (its examples/ hold the shipped experiments)
	 * @param quick fewer steps and frames: minutes instead of a quarter of an hour
	 */
	public Benchmark(Path root, boolean quick, PrintStream out) {
		this.root = root;
		this.quick = quick;
		this.out = out;
	}

	/** Every measurement group, in the order the suite runs them, with its OpenMP thread count. */
	public static List<Map.Entry<List<String>, Integer>> groups(int cores) {
		List<Map.Entry<List<String>, Integer>> groups = new ArrayList<>();
		groups.add(Map.entry(List.of("models"), cores));
		groups.add(Map.entry(List.of("raw-only"), 1));
		for (String model : Measurements.MODELS) {
			groups.add(Map.entry(List.of("memory", model), cores));
		}
		groups.add(Map.entry(List.of("scaling"), cores));
		groups.add(Map.entry(List.of("detect"), cores));
		return groups;
	}

	/**
	 * Runs every group, prints the report, draws the curves into {@code charts} and, unless
	 * {@code results} is null, appends the report with the date and commit to that file.
	 *
	 * @return the report (Markdown)
	 */
	public String run(Groups groups, Path results, Path charts) throws Exception {
		int cores = Runtime.getRuntime().availableProcessors();
		String load0 = Report.loadAverage();
		// the code measured is the checkout as it is now: the curves this run draws into the
		// checkout must not make it "uncommitted changes" at the end
		String commit = commit(root);
		long start = System.nanoTime();
		List<JsonObject> all = new ArrayList<>();
		for (Map.Entry<List<String>, Integer> group : groups(cores)) {
			out.println("== " + String.join(" ", group.getKey()) + ", OMP_NUM_THREADS=" + group.getValue());
			Map<String, String> env = Map.of("OMP_NUM_THREADS", String.valueOf(group.getValue()));
			try {
				for (JsonObject result : groups.run(env, group.getKey())) {
					result.addProperty("omp", String.valueOf(group.getValue()));
					all.add(result);
				}
			} catch (IOException e) {
				out.println("   " + String.join(" ", group.getKey()) + " could not run: " + e.getMessage());
			}
		}
		String report = Report.report(all, cores, RunEnvironment.readCpuModel(), load0, charts)
				+ String.format(Locale.ROOT, "%nThe suite took %.1f min%s.%n", (System.nanoTime() - start) / 60e9, quick ? " (quick mode)" : "");
		out.println();
		out.println(report);
		if (results != null) {
			append(results, String.format(Locale.ROOT, "%n## %s, %s%s%n%n%s", LocalDate.now(), commit, quick ? " (quick mode)" : "", report));
			out.println("appended to " + results);
		}
		return report;
	}

	/** Appends a section to the results file, creating it when missing, so that earlier runs are kept. */
	static void append(Path file, String entry) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		Files.writeString(file, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

	/**
	 * "commit 0b84c87", with "(with uncommitted changes)" when the checkout differs from it, or
	 * "unknown commit" when {@code root} is not a git checkout or git is missing.
	 */
	public static String commit(Path root) {
		try {
			String head = git(root, "rev-parse", "--short", "HEAD");
			if (head == null || head.isBlank()) {
				return "unknown commit";
			}
			String changes = git(root, "status", "--porcelain", "--untracked-files=no");
			return "commit " + head.strip() + (changes != null && !changes.isBlank() ? " (with uncommitted changes)" : "");
		} catch (IOException e) {
			return "unknown commit";
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return "unknown commit";
		}
	}

	private static String git(Path root, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			return null;
		}
		return process.exitValue() == 0 ? text : null;
	}

	/**
	 * Groups run as processes of {@code launcher} (e.g. {@code ./facet bench}) with
	 * {@code [--quick] --child GROUP...} appended; their output is shown indented and their
	 * {@code RESULT} lines collected. A process that fails keeps the results it printed.
	 */
	public Groups processes(List<String> launcher) {
		return (env, group) -> {
			List<String> command = new ArrayList<>(launcher);
			if (quick) {
				command.add("--quick");
			}
			command.add("--child");
			command.addAll(group);
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			builder.environment().putAll(env);
			Process process = builder.start();
			List<JsonObject> results = new ArrayList<>();
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					if (line.startsWith(Measurements.RESULT)) {
						results.add(GSON.fromJson(line.substring(Measurements.RESULT.length()), JsonObject.class));
					}
					out.println("   " + line);
				}
			}
			int status = process.waitFor();
			if (status != 0) {
				out.println("   " + String.join(" ", group) + " failed with exit status " + status + "; its results so far are kept");
			}
			return results;
		};
	}

	/** Runs one measurement group in this process, printing {@code RESULT} lines to the output. */
	public void measure(ModuleRegistry registry, List<String> group) throws Exception {
		if (group.isEmpty()) {
			throw new IllegalArgumentException("no measurement group: one of models, raw-only, memory MODEL, scaling, detect");
		}
		new Measurements(registry, root, quick, out).run(group);
	}
}
