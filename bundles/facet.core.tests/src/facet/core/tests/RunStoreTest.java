package facet.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.runs.AtomicFiles;
import facet.core.runs.Run;
import facet.core.runs.RunEnvironment;
import facet.core.runs.RunStatus;
import facet.core.runs.RunStore;

class RunStoreTest {

	@TempDir
	Path dir;

	private static ExperimentSpec toy() throws Exception {
		return ExperimentFormat.parse(ExperimentFormatTest.VALID, "toy");
	}

	private static RunEnvironment env() {
		return RunEnvironment.current("TestEngine", "1.0", Map.of("extra.bundle", "2.3.4"));
	}

	@Test
	void aRunRecordsExperimentEnvironmentAndTimes() throws Exception {
		RunStore store = new RunStore(dir);
		Run run = store.create(toy(), env());
		assertTrue(run.id().endsWith("-toy-s7"), run.id());
		assertEquals(ExperimentFormat.toJson(toy()), Files.readString(run.folder().resolve(Run.EXPERIMENT_FILE)));

		Run reopened = store.open(run.id());
		assertEquals(RunStatus.RUNNING, reopened.info().status());
		assertEquals(7, reopened.info().seed());
		RunEnvironment environment = reopened.info().environment();
		assertEquals("TestEngine", environment.engine());
		assertEquals(Runtime.getRuntime().availableProcessors(), environment.cores());
		assertFalse(environment.cpuModel().isBlank());
		assertTrue(environment.threads().containsKey("OMP_NUM_THREADS"));
		assertEquals("2.3.4", environment.bundles().get("extra.bundle"));
		assertTrue(environment.bundles().containsKey("facet.core"), environment.bundles().toString());

		run.finish(RunStatus.COMPLETED, null);
		Run done = store.open(run.id());
		assertEquals(RunStatus.COMPLETED, done.info().status());
		assertTrue(done.info().ended().orElseThrow().compareTo(done.info().started()) >= 0);
		assertEquals(List.of(), leftovers(run.folder()));
	}

	@Test
	void metricsAreAppendedAndACutLastLineIsNotTakenForARecord() throws Exception {
		Run run = new RunStore(dir).create(toy(), env());
		run.appendMetrics(Map.of("epoch", 1, "loss", 1.5));
		run.appendMetrics(Map.of("epoch", 2, "loss", 0.75));
		// what a crash in the middle of a write leaves behind
		Files.writeString(run.folder().resolve(Run.METRICS_FILE), "{\"epoch\": 3, \"lo", StandardCharsets.UTF_8,
				java.nio.file.StandardOpenOption.APPEND);
		List<com.google.gson.JsonObject> metrics = run.readMetrics();
		assertEquals(2, metrics.size());
		assertEquals(0.75, metrics.get(1).get("loss").getAsDouble());
	}

	@Test
	void concurrentWritersClaimDistinctRunFolders() throws Exception {
		RunStore store = new RunStore(dir);
		ExperimentSpec spec = toy();
		Set<String> ids = ConcurrentHashMap.newKeySet();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			futures.add(pool.submit(() -> {
				Run run = store.create(spec, env());
				run.appendMetrics(Map.of("epoch", 1));
				ids.add(run.id());
				return null;
			}));
		}
		for (Future<?> f : futures) {
			f.get();
		}
		pool.shutdown();
		assertEquals(24, ids.size());
		assertEquals(24, store.list().size());
		for (Run run : store.list()) {
			assertEquals(1, run.readMetrics().size());
		}
	}

	@Test
	void atomicWritesReplaceWholeFilesAndLeaveNoTemporaries() throws Exception {
		Path target = dir.resolve("sub/checkpoint.params");
		AtomicFiles.write(target, new byte[] { 1, 2, 3 });
		AtomicFiles.write(target, new byte[] { 4, 5 });
		assertEquals(2, Files.size(target));
		assertEquals(List.of(), leftovers(target.getParent()));
	}

	@Test
	void aDamagedRunDoesNotHideTheOthers() throws Exception {
		RunStore store = new RunStore(dir);
		store.create(toy(), env());
		Path broken = Files.createDirectories(dir.resolve("broken-run"));
		Files.writeString(broken.resolve(Run.INFO_FILE), "{ not json");
		assertEquals(1, store.list().size());
		java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> store.open("broken-run"));
		assertTrue(e.getMessage().contains("run.json is not a valid run description"), e.getMessage());
	}

	private static List<Path> leftovers(Path folder) throws Exception {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(p -> p.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX)).toList();
		}
	}
}
