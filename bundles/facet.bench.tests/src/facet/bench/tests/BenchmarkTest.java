package facet.bench.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import facet.bench.Benchmark;

/** The suite around the measurements: which groups run how, the report, the results file, the commit. */
class BenchmarkTest {

	static final List<String> MODELS = List.of("model-1", "model-2", "vgg-baseline", "resnet18-baseline");

	@TempDir
	Path dir;

	private final ByteArrayOutputStream console = new ByteArrayOutputStream();
	private final PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);

	private static JsonObject result(String type, Object... keysAndValues) {
		JsonObject r = new JsonObject();
		r.addProperty("type", type);
		for (int i = 0; i < keysAndValues.length; i += 2) {
			Object v = keysAndValues[i + 1];
			if (v instanceof Number n) {
				r.addProperty((String) keysAndValues[i], n);
			} else {
				r.addProperty((String) keysAndValues[i], String.valueOf(v));
			}
		}
		return r;
	}

	/** What the measurement processes print, per group, with numbers chosen so that ratios are exact. */
	private static List<JsonObject> canned(List<String> group) {
		List<JsonObject> results = new ArrayList<>();
		switch (group.get(0)) {
			case "models" -> {
				results.add(result("hardware", "cpu", "Test CPU 9000", "threads", "2", "engine", "MXNet", "engineVersion", "1.9.0"));
				results.add(result("pipeline", "imagesPerSecond", 5000, "uncachedImagesPerSecond", 1000, "note", "pipeline note"));
				for (String model : MODELS) {
					results.add(result("model", "model", model, "input", "1×48×48, batch 32", "parameters", 1000, "flops", 2e6, "facetTrain", 90,
							"rawTrain", 100, "facetInfer", 450, "rawInfer", 500));
				}
			}
			case "raw-only" -> MODELS.forEach(m -> results.add(result("raw-only", "model", m, "rawTrain", 50, "rawInfer", 250)));
			case "memory" -> results.add(result("memory", "model", group.get(1), "vmHwmKiB", 1024 * 700));
			case "scaling" -> {
				for (int b : new int[] { 1, 8, 32, 64, 128 }) {
					results.add(result("batch", "model", "vgg-baseline", "batch", b, "train", 10 * b, "infer", 40 * b));
				}
				for (int s : new int[] { 48, 96, 112 }) {
					results.add(result("input", "model", "vgg-baseline", "size", s, "train", 10000 / s, "infer", 40000 / s));
				}
			}
			case "detect" -> {
				results.add(result("detector", "detector", "haar", "vgaMs", 30, "faces", 3, "goalMs", 15));
				results.add(result("detector", "detector", "viola-jones", "skipped", "no trained model"));
				for (int w : new int[] { 640, 1280, 1920 }) {
					results.add(result("detector-size", "detector", "haar", "width", w, "ms", w / 20));
				}
				for (int n = 1; n <= 6; n++) {
					results.add(result("detector-faces", "detector", "haar", "faces", n, "ms", 30 + n, "found", n));
				}
				results.add(result("analyze", "chain", "mtcnn + face-api", "ms", 100, "detectMs", 70, "faces", 3));
				results.add(result("analyze-stream", "frames", 30, "sequentialMs", 125, "pipelinedMs", 80, "failures", 0));
			}
			default -> throw new IllegalArgumentException(group.toString());
		}
		return results;
	}

	@Test
	void eachGroupRunsOnceWithAllCoresButTheRawOneThreadComparison() {
		List<Map.Entry<List<String>, Integer>> groups = Benchmark.groups(4);
		assertEquals(List.of("models"), groups.get(0).getKey());
		for (Map.Entry<List<String>, Integer> group : groups) {
			assertEquals(group.getKey().equals(List.of("raw-only")) ? 1 : 4, group.getValue(), group.getKey().toString());
		}
		for (String model : MODELS) {
			assertTrue(groups.stream().anyMatch(g -> g.getKey().equals(List.of("memory", model))), "peak memory of " + model);
		}
		assertTrue(groups.stream().anyMatch(g -> g.getKey().equals(List.of("scaling"))));
		assertTrue(groups.stream().anyMatch(g -> g.getKey().equals(List.of("detect"))));
	}

	@Test
	void theReportStatesTheHardwareAndTheRatiosAndEveryRunIsAppended() throws Exception {
		Path results = dir.resolve("bench/results.md");
		Files.createDirectories(results.getParent());
		Files.writeString(results, "# Results\n");
		Benchmark benchmark = new Benchmark(dir, true, out);
		List<Map<String, String>> envs = new ArrayList<>();
		String report = benchmark.run((env, group) -> {
			envs.add(env);
			return canned(group);
		}, results, results.getParent());

		assertTrue(report.contains("CPU: Test CPU 9000"), report);
		assertTrue(report.contains("MXNet 1.9.0"), report);
		assertTrue(report.contains("| model-1 | 1×48×48, batch 32 | 1,000 | 2.0 | 90 | 100 | **0.90** | 450 | 500 | **0.90** | 50 | 250 | 2.00 | 2.00 | 700 |"),
				report);
		assertTrue(report.contains("**55.6×**"), "pipeline cached / Facet training = 5000/90: " + report);
		assertTrue(report.contains("| haar | 30.0 | 15 | **2.00** | 3 |"), report);
		assertTrue(report.contains("| analyze: mtcnn + face-api | 100.0 (10.0 fps) (detection 70.0 ms of it) |"), report);
		assertTrue(report.contains("30 VGA JPEG frames") && report.contains("125 ms (8.0 fps) one stage after another | 80.0 (12.5 fps) | 66.7 (15 fps) | **1.20** |"),
				report);
		assertTrue(report.contains("| haar | 32.0 | 64.0 | 96.0 | 31.0 | 32.0 | 33.0 | 34.0 | 35.0 | 36.0 |"), report);
		assertTrue(report.contains("| 128 | 1280 | 5120 |"), report);
		assertTrue(report.contains("| 112×112 |"), report);
		assertTrue(envs.contains(Map.of("OMP_NUM_THREADS", "1")), envs.toString());

		String file = Files.readString(results);
		assertTrue(file.startsWith("# Results\n"), "earlier entries are kept");
		assertTrue(file.contains(", unknown commit (quick mode)"), "a folder that is not a git checkout: " + file);
		assertTrue(file.contains(report));
		for (String chart : List.of("model-scaling.png", "detector-scaling.png")) {
			assertNotNull(ImageIO.read(results.getParent().resolve(chart).toFile()), chart);
		}
		benchmark.run((env, group) -> canned(group), results, results.getParent());
		assertEquals(2, Files.readString(results).split("\n## ", -1).length - 1, "the second run is appended");
	}

	@Test
	void aGroupThatCannotRunIsNamedAndTheOthersStillReport() throws Exception {
		Benchmark benchmark = new Benchmark(dir, false, out);
		String report = benchmark.run((env, group) -> {
			if (group.get(0).equals("models")) {
				throw new IOException("cannot start");
			}
			return canned(group);
		}, null, dir);
		assertTrue(console.toString(StandardCharsets.UTF_8).contains("models could not run: cannot start"), console.toString(StandardCharsets.UTF_8));
		assertTrue(report.contains("| model-1 | failed: see the console"), report);
		assertTrue(report.contains("| haar | 30.0 |"), report);
	}

	@Test
	void theCommitOfAGitCheckoutIsRecordedAndChangesAreFlagged() throws Exception {
		Path repo = dir.resolve("repo");
		Files.createDirectories(repo);
		if (!git(repo, "init", "-q")) {
			return; // no git on this machine: unknown commit is covered above
		}
		Files.writeString(repo.resolve("a.txt"), "a\n");
		assertTrue(git(repo, "add", "a.txt"));
		assertTrue(git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "a"));
		String commit = Benchmark.commit(repo);
		assertTrue(commit.matches("commit [0-9a-f]{7,}"), commit);
		Files.writeString(repo.resolve("a.txt"), "b\n");
		assertTrue(Benchmark.commit(repo).endsWith("(with uncommitted changes)"), Benchmark.commit(repo));
		assertEquals("unknown commit", Benchmark.commit(dir.resolve("nowhere")));
	}

	/** The curves and the results file a run writes into a clean checkout do not count as changes to the code measured. */
	@Test
	void aRunRecordsTheCommitItMeasuredNotItsOwnOutput() throws Exception {
		Path repo = dir.resolve("checkout");
		Path bench = Files.createDirectories(repo.resolve("bench"));
		if (!git(repo, "init", "-q")) {
			return; // no git on this machine
		}
		Path results = Files.writeString(bench.resolve("results.md"), "# Results\n");
		Files.write(bench.resolve("model-scaling.png"), new byte[] { 1 });
		Files.write(bench.resolve("detector-scaling.png"), new byte[] { 2 });
		assertTrue(git(repo, "add", "."));
		assertTrue(git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "a"));
		String commit = Benchmark.commit(repo);

		new Benchmark(repo, true, out).run((env, group) -> canned(group), results, bench);

		String written = Files.readString(results);
		assertTrue(written.contains(", " + commit + " (quick mode)\n"), written);
		assertTrue(Benchmark.commit(repo).endsWith("(with uncommitted changes)"), "the run did write into the checkout");
	}

	private static boolean git(Path repo, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
		command.addAll(List.of(args));
		try {
			Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
			p.getInputStream().readAllBytes();
			return p.waitFor() == 0;
		} catch (IOException e) {
			return false;
		}
	}
}
