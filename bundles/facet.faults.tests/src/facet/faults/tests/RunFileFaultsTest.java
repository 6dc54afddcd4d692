package facet.faults.tests;

import static facet.faults.tests.FaultLedger.assertNoDataLost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.runs.AtomicFiles;
import facet.core.runs.Run;
import facet.core.runs.RunEnvironment;
import facet.core.runs.RunStatus;
import facet.core.runs.RunStore;

/**
 * A full disk while {@code run.json} itself is written (simulated by {@link FullDisk}: the file
 * takes 40 bytes, then every write fails as ENOSPC does): when a run is created and when it is
 * finished. The run folder never holds a cut-short run.json, and the error names the file.
 */
@ExtendWith(FaultLedger.class)
class RunFileFaultsTest {

	@TempDir
	Path dir;

	private final FullDisk disk = new FullDisk(name -> name.startsWith(AtomicFiles.TEMP_PREFIX + Run.INFO_FILE), 40);

	private static ExperimentSpec spec() throws Exception {
		return ExperimentFormat.parse(Tiny.experiment(1), "tiny");
	}

	private static RunEnvironment environment() {
		return RunEnvironment.current("MXNet", "test", Map.of());
	}

	private static List<Path> files(Path folder) throws IOException {
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

	@Test
	void aFullDiskWhileCreatingARunNamesRunJsonAndLeavesNoHalfRunFolder() throws Exception {
		Path root = dir.resolve("runs");
		IOException e = assertThrows(IOException.class, () -> new RunStore(disk.path(root)).create(spec(), environment()));
		assertTrue(e.getMessage().contains(Run.INFO_FILE) && e.getMessage().contains("No space left"), e.getMessage());
		for (Path file : files(root)) {
			assertNoDataLost(!file.getFileName().toString().equals(Run.INFO_FILE), "a run.json was left after a failed write: " + file);
		}
		try (Stream<Path> folders = Files.list(root)) {
			assertEquals(List.of(), folders.toList(), "the claimed run folder is removed again");
		}
		assertEquals(0, new RunStore(root).list().size());
		// with space again the store works as before
		Run run = new RunStore(root).create(spec(), environment());
		assertEquals(RunStatus.RUNNING, Run.open(run.folder()).info().status());
	}

	@Test
	void aFullDiskWhileFinishingARunKeepsThePreviousWholeRunJson() throws Exception {
		Run created = new RunStore(dir.resolve("runs")).create(spec(), environment());
		String before = Files.readString(created.folder().resolve(Run.INFO_FILE));
		Run full = Run.open(disk.path(created.folder()));
		IOException e = assertThrows(IOException.class, () -> full.finish(RunStatus.COMPLETED, null));
		assertTrue(e.getMessage().contains(created.folder().resolve(Run.INFO_FILE).toString()) && e.getMessage().contains("No space left"),
				e.getMessage());
		assertNoDataLost(before.equals(Files.readString(created.folder().resolve(Run.INFO_FILE))), "run.json changed after a failed write");
		assertNoDataLost(Tiny.damage(created.folder()) == null, String.valueOf(Tiny.damage(created.folder())));
		assertEquals(RunStatus.RUNNING, Run.open(created.folder()).info().status());
		assertEquals(RunStatus.RUNNING, full.info().status(), "the run in memory says what its file says");
		for (Path file : files(created.folder())) {
			assertTrue(!file.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX), "temporary file left: " + file);
		}
		// once there is space, finishing works
		Run again = Run.open(created.folder());
		again.finish(RunStatus.COMPLETED, null);
		assertEquals(RunStatus.COMPLETED, Run.open(created.folder()).info().status());
	}
}
