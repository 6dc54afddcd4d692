package facet.faults.tests;

import static facet.faults.tests.FaultLedger.assertNoDataLost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import facet.core.Progress;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.Run;
import facet.core.runs.RunStatus;
import facet.core.runs.RunStore;
import facet.engine.run.ExperimentRunner;
import facet.engine.run.TrainedModel;
import facet.engine.train.Checkpoints;
import facet.engine.train.FacetOptimizer;
import facet.faults.tests.plugin.NanLoss;
import facet.faults.tests.plugin.NanLossFactory;

/**
 * Training under faults: a diverging loss, a full disk while checkpointing, two runs writing
 * one store, damaged checkpoints. ({@code kill -9} mid-epoch needs a separate process: see
 * releng/faults.sh.)
 */
@ExtendWith(FaultLedger.class)
class TrainingFaultsTest {

	@TempDir
	Path dir;

	private static Path trained;

	/** A completed two-epoch run, trained once and copied by the cases that damage it. */
	private static synchronized Path trainedRun() throws Exception {
		if (trained == null) {
			Path store = Files.createTempDirectory("facet-faults-store");
			ExperimentRunner.Result result = new ExperimentRunner(ModuleRegistry.getDefault(), 2)
					.train(ExperimentFormat.parse(Tiny.experiment(2), "tiny"), new RunStore(store), Progress.NONE);
			assertEquals(RunStatus.COMPLETED, result.status(), result.message());
			trained = result.run().folder();
		}
		return trained;
	}

	private Path copyOfTrainedRun() throws Exception {
		Path copy = dir.resolve("run");
		Tiny.copyTree(trainedRun(), copy);
		return copy;
	}

	@Test
	void aNanLossFailsTheRunWithAMessageAndKeepsTheLastGoodCheckpoint() throws Exception {
		// 7 training batches and 1 validation batch an epoch: the 10th evaluation is epoch 2, batch 2
		Bundle bundle = FaultBundles.install(dir, "facet.faults.nan", """
				<?xml version="1.0" encoding="UTF-8"?>
				<plugin>
				   <extension point="facet.core.losses">
				      <loss id="faults-nan" name="NaN on cue" class="facet.faults.tests.plugin.NanLossFactory">
				         <parameter name="step" type="int" default="10" min="1"/>
				      </loss>
				   </extension>
				</plugin>
				""", "faults-nan", NanLossFactory.class, NanLoss.class);
		ExperimentRunner.Result result;
		try {
			ExperimentSpec spec = ExperimentFormat.parse(Tiny.experiment(3, "", ", {\"id\": \"faults-nan\", \"weight\": 1.0}"), "nan");
			result = new ExperimentRunner(ModuleRegistry.getDefault(), 2).train(spec, new RunStore(dir.resolve("runs")), Progress.NONE);
		} finally {
			FaultBundles.uninstall(bundle, "faults-nan");
		}
		assertEquals(RunStatus.FAILED, result.status(), result.message());
		assertTrue(result.message().contains("the loss became NaN at epoch 2"), result.message());
		Run run = Run.open(result.run().folder());
		assertEquals(RunStatus.FAILED, run.info().status());
		assertTrue(run.info().message().orElseThrow().contains("NaN"), run.info().message().toString());
		assertNoDataLost(Tiny.damage(run.folder()) == null, String.valueOf(Tiny.damage(run.folder())));
		Path last = new Checkpoints(run.folder()).last().orElseThrow(() -> new AssertionError("data lost: no last checkpoint"));
		assertEquals("epoch-1", last.getFileName().toString());
		assertEquals(1, run.readMetrics().size());
		// the kept checkpoint is whole: the network loads it
		try (TrainedModel model = TrainedModel.open(run.folder(), ModuleRegistry.getDefault())) {
			assertEquals(24, model.info().height());
		}
	}

	@Test
	void aFullDiskWhileCheckpointingKeepsThePreviousCheckpointAndLastJson() throws Exception {
		Path folder = copyOfTrainedRun();
		Checkpoints checkpoints = new Checkpoints(folder);
		Path before = checkpoints.last().orElseThrow();
		String lastJson = Files.readString(checkpoints.folder().resolve("last.json"));
		SequentialBlock diskFull = new SequentialBlock() {
			@Override
			public void saveParameters(DataOutputStream os) throws IOException {
				os.write(new byte[4096]);
				throw new IOException("No space left on device");
			}
		};
		ExperimentSpec spec = ExperimentFormat.read(folder.resolve(Run.EXPERIMENT_FILE));
		try (NDManager manager = NDManager.newBaseManager()) {
			FacetOptimizer optimizer = new FacetOptimizer(spec.optimizer(), manager);
			IOException e = assertThrows(IOException.class,
					() -> checkpoints.save(diskFull, optimizer, new Checkpoints.LoopState(3, 0, 0.9, 3, 0), true));
			assertTrue(e.getMessage().contains("No space left"), e.getMessage());
		}
		assertNoDataLost(lastJson.equals(Files.readString(checkpoints.folder().resolve("last.json"))), "last.json changed");
		assertNoDataLost(before.equals(checkpoints.last().orElseThrow()), "the last checkpoint moved");
		assertTrue(Files.notExists(checkpoints.folder().resolve("epoch-3")));
		assertNoDataLost(Tiny.damage(folder) == null, String.valueOf(Tiny.damage(folder)));
		try (TrainedModel model = TrainedModel.open(folder, ModuleRegistry.getDefault())) {
			assertEquals(1, model.info().channels());
		}
	}

	@Test
	void twoRunsWritingOneStoreAtOnceBothCompleteInTheirOwnFolders() throws Exception {
		RunStore store = new RunStore(dir.resolve("runs"));
		ExperimentSpec spec = ExperimentFormat.parse(Tiny.experiment(1), "tiny");
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<ExperimentRunner.Result>> futures = List.of(
					pool.submit(() -> new ExperimentRunner(ModuleRegistry.getDefault(), 1).train(spec, store, Progress.NONE)),
					pool.submit(() -> new ExperimentRunner(ModuleRegistry.getDefault(), 1).train(spec, store, Progress.NONE)));
			ExperimentRunner.Result a = futures.get(0).get();
			ExperimentRunner.Result b = futures.get(1).get();
			assertEquals(RunStatus.COMPLETED, a.status(), a.message());
			assertEquals(RunStatus.COMPLETED, b.status(), b.message());
			assertNotEquals(a.run().id(), b.run().id());
		} finally {
			pool.shutdownNow();
		}
		List<Run> runs = store.list();
		assertNoDataLost(runs.size() == 2, "the store lists " + runs.size() + " of 2 runs");
		for (Run run : runs) {
			assertNoDataLost(Tiny.damage(run.folder()) == null, String.valueOf(Tiny.damage(run.folder())));
			assertEquals(1, run.readMetrics().size());
			assertEquals(RunStatus.COMPLETED, run.info().status());
		}
	}

	@Test
	void aTruncatedCheckpointIsAnErrorNamingTheFile() throws Exception {
		Path folder = copyOfTrainedRun();
		Path params = folder.resolve("checkpoints/best/model.params");
		byte[] bytes = Files.readAllBytes(params);
		Files.write(params, java.util.Arrays.copyOf(bytes, bytes.length / 3));
		IOException e = assertThrows(IOException.class, () -> TrainedModel.open(folder, ModuleRegistry.getDefault()).close());
		assertTrue(e.getMessage().contains(params.toString()), e.getMessage());
	}

	@Test
	void aMissingCheckpointIsAnErrorNamingTheRun() throws Exception {
		Path folder = copyOfTrainedRun();
		Files.delete(folder.resolve("checkpoints/best/model.params"));
		IOException e = assertThrows(IOException.class, () -> TrainedModel.open(folder, ModuleRegistry.getDefault()).close());
		assertTrue(e.getMessage().contains("model.params"), e.getMessage());
	}
}
