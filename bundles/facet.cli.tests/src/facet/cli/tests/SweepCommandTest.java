package facet.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.cli.ExitCodes;
import facet.cli.tests.harness.CommandLineFixture;
import facet.core.runs.RunStore;
import facet.engine.sweep.Slurm;
import facet.engine.sweep.Sweep;

/**
 * {@code facet sweep} in process, its tasks run by a stand-in for ./facet (resources/fake-facet)
 * that writes a run folder at once: the local executor always, a real Slurm cluster when one
 * answers (releng/slurm/start.sh; .ci/run starts it), otherwise those tests are skipped.
 */
class SweepCommandTest extends CommandLineFixture {

	private static final Path FAKE_FACET = Path.of("resources", "fake-facet").toAbsolutePath();
	/** A tiny experiment; the stand-in never trains it, but the sweep validates it against the real modules. */
	private static final String SWEEP = """
			{"format": 1, "name": "tiny-sweep",
			 "base": {"format": 1, "name": "tiny",
			   "dataset": {"id": "synthetic", "params": {"perClass": 15, "size": 24}},
			   "backbone": {"id": "separable", "params": {"stages": 2, "width": 4}},
			   "head": {"id": "embedding", "params": {"size": 8}},
			   "loss": {"terms": [{"id": "cross-entropy", "weight": 1.0}]},
			   "optimizer": {"name": "adam", "learningRate": 0.003}, "epochs": 1, "batchSize": 16, "seed": 1},
			 "grid": {"$.optimizer.learningRate": [0.001, 0.003]},
			 "seeds": 1}
			""";

	@TempDir
	Path dir;

	private Path sweepFile(String text) throws IOException {
		Path file = dir.resolve("tiny.sweep.json");
		Files.writeString(file, text);
		return file;
	}

	private Sweep onlySweep() throws IOException {
		try (var folders = Files.list(dir.resolve("runs/sweeps"))) {
			List<Path> all = folders.toList();
			assertEquals(1, all.size(), all.toString());
			return Sweep.open(new RunStore(dir.resolve("runs")), all.get(0).toString());
		}
	}

	@Test
	void aLocalSweepRunsEveryPointAndWritesTheComparison() throws IOException {
		assertEquals(ExitCodes.OK, run("sweep", sweepFile(SWEEP).toString(), "--executor", "local", "--parallel", "2", "--runs",
				dir.resolve("runs").toString(), "--launcher", FAKE_FACET.toString()), err + out);
		Sweep sweep = onlySweep();
		assertEquals(2, sweep.tasks().size());
		assertTrue(sweep.tasks().stream().allMatch(t -> t.run() != null), sweep.tasks().toString());
		assertTrue(out.contains("2 done"), out);
		String comparison = Files.readString(sweep.folder().resolve("comparison.txt"));
		assertTrue(comparison.contains("tiny learningRate=0.001") && comparison.contains("tiny learningRate=0.003"), comparison);
		assertTrue(Files.readString(sweep.folder().resolve("points.csv")).lines().count() == 3);
	}

	@Test
	void anInvalidPointIsRefusedWithItsJsonPathAndNothingRuns() throws IOException {
		assertEquals(ExitCodes.BAD_INPUT, run("sweep", sweepFile(SWEEP.replace("[0.001, 0.003]", "[0.001, \"fast\"]")).toString(), "--executor", "local",
				"--runs", dir.resolve("runs").toString(), "--launcher", FAKE_FACET.toString()));
		assertTrue(err.contains("point 1 (learningRate=fast) $.optimizer.learningRate"), err);
		assertTrue(!Files.exists(dir.resolve("runs/sweeps")));
	}

	@Test
	void aSlurmSweepRunsAsOneArrayFailsRetriesAndCancels() throws Exception {
		Assumptions.assumeTrue(Slurm.available(), "no Slurm controller answers (scontrol ping): start one with releng/slurm/start.sh; Slurm sweep test skipped");
		Path markers = Files.createDirectories(dir.resolve("markers"));
		// the stand-in reads its markers from the environment that sbatch passes on: a wrapper fixes the folder
		Path launcher = dir.resolve("facet");
		Files.writeString(launcher, "#!/usr/bin/env bash\nexport FAKE_FACET_MARKERS='" + markers + "'\nexec '" + FAKE_FACET + "' \"$@\"\n");
		launcher.toFile().setExecutable(true);
		String runs = dir.resolve("runs").toString();

		Files.createFile(markers.resolve("fail"));
		assertEquals(ExitCodes.FAILURE, run("sweep", sweepFile(SWEEP).toString(), "--executor", "slurm", "--wait", "--runs", runs, "--launcher",
				launcher.toString()), err + out);
		assertTrue(out.contains("submitted job array") && out.contains("2 failed"), out);
		Sweep sweep = onlySweep();
		assertEquals("3", Files.readString(sweep.folder().resolve("tasks/0.exit")).trim());

		Files.delete(markers.resolve("fail"));
		assertEquals(ExitCodes.OK, run("sweep", "retry", sweep.folder().toString(), "--wait", "--runs", runs), err + out);
		assertTrue(out.contains("retrying 2 tasks") && out.contains("2 done"), out);
		assertTrue(Files.exists(sweep.folder().resolve("comparison.txt")));

		// a second sweep, slowed down, cancelled while it runs
		Files.createFile(markers.resolve("slow"));
		assertEquals(ExitCodes.OK, run("sweep", sweepFile(SWEEP.replace("tiny-sweep", "slow-sweep")).toString(), "--executor", "slurm", "--runs", runs,
				"--launcher", launcher.toString()), err + out);
		Path slow;
		try (var folders = Files.list(dir.resolve("runs/sweeps"))) {
			slow = folders.filter(f -> f.getFileName().toString().startsWith("slow-sweep")).findFirst().orElseThrow();
		}
		assertEquals(ExitCodes.OK, run("sweep", "cancel", slow.toString(), "--runs", runs), err + out);
		assertTrue(out.contains("cancelled 2"), out);
		for (int i = 0; i < 100; i++) {
			run("sweep", "status", slow.toString(), "--runs", runs);
			if (out.contains("2 cancelled")) {
				break;
			}
			Thread.sleep(200);
		}
		assertTrue(out.contains("2 cancelled"), out);
	}
}
