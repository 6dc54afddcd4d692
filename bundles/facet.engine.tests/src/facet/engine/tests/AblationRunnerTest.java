package facet.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.core.Progress;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.RunStatus;
import facet.core.runs.RunStore;
import facet.engine.ablation.AblationIndex;
import facet.engine.ablation.AblationRunner;
import facet.engine.run.ExperimentRunner;

/** A real, tiny ablation: cancelled at once, resumed to the end, its table; and a rerun trains nothing. */
class AblationRunnerTest {

	static final String TINY = """
			{"format": 1, "name": "tiny",
			 "dataset": {"id": "synthetic", "params": {"perClass": 12, "size": 20, "identities": 21, "seed": 3}},
			 "preprocessors": [{"id": "normalize"}],
			 "augmentations": [{"id": "hflip"}],
			 "backbone": {"id": "separable", "params": {"stages": 2, "width": 8},
			              "attention": [{"id": "cam", "stage": "stage1", "params": {"reduction": 4}}]},
			 "head": {"id": "embedding", "params": {"size": 16, "dropout": 0.1}},
			 "loss": {"terms": [{"id": "cross-entropy", "weight": 1.0}, {"id": "center", "weight": 0.01}]},
			 "optimizer": {"name": "adam", "learningRate": 0.003, "weightDecay": 0},
			 "epochs": 1, "batchSize": 16, "seed": 5}
			""";

	@TempDir
	Path dir;

	@Test
	void aCancelledAblationResumesToItsTableAndARerunTrainsNothing() throws Exception {
		ExperimentSpec base = ExperimentFormat.parse(TINY, "tiny");
		RunStore store = new RunStore(dir.resolve("runs"));
		AblationIndex index = AblationIndex.create(store, base, 1);
		assertEquals(dir.resolve("runs").resolve("ablations").toAbsolutePath(), index.file().getParent());
		assertEquals(4, index.variants().size());
		ExperimentRunner runner = new ExperimentRunner(ModuleRegistry.getDefault(), 1);
		List<String> log = new ArrayList<>();
		AblationRunner ablation = new AblationRunner(runner, store, log::add);

		AblationRunner.Outcome cancelled = ablation.run(index, cancelledOnceBegun());
		assertEquals(RunStatus.CANCELLED, cancelled.status());
		String baseRun = AblationIndex.read(index.file()).run("base", 5).orElseThrow();
		assertEquals(RunStatus.CANCELLED, store.open(baseRun).info().status());

		AblationIndex reread = AblationIndex.read(index.file());
		AblationRunner.Outcome done = ablation.run(reread, Progress.NONE);
		assertEquals(RunStatus.COMPLETED, done.status(), done.problems().toString());
		assertEquals(4, done.completed());
		assertTrue(log.stream().anyMatch(l -> l.contains("resuming " + baseRun)), log.toString());
		AblationIndex after = AblationIndex.read(index.file());
		assertEquals(baseRun, after.run("base", 5).orElseThrow());
		for (String variant : List.of("without attention cam at stage1", "without augmentation hflip", "without loss center")) {
			String id = after.run(variant, 5).orElseThrow();
			assertEquals(RunStatus.COMPLETED, store.open(id).info().status());
			assertEquals("tiny " + variant, store.open(id).info().experiment());
		}
		assertEquals(4, store.list().size());

		AblationRunner.Table table = AblationRunner.table(after, store, ExperimentRunner.TEST).orElseThrow();
		assertEquals("tiny", table.base().name());
		assertEquals(3, table.rows().size());
		assertTrue(table.text().contains("without augmentation hflip"), table.text());
		assertTrue(table.markdown().contains("| tiny without loss center | 1 |"), table.markdown());
		String[] csv = table.csv().split("\n");
		assertEquals(5, csv.length, table.csv());
		assertTrue(csv[1].startsWith("tiny,base,1,"), csv[1]);
		assertEquals(13, csv[2].split(",", -1).length, csv[2]);

		log.clear();
		assertEquals(RunStatus.COMPLETED, ablation.run(after, Progress.NONE).status());
		assertEquals(4, log.stream().filter(l -> l.contains("completed earlier")).count(), log.toString());
		assertEquals(4, store.list().size());
	}

	@Test
	void aDamagedIndexIsNamedInTheError() throws Exception {
		Path file = dir.resolve("bad.json");
		Files.writeString(file, "{\"format\": 1, \"seeds\": 1}");
		Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> AblationIndex.read(file));
		assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("$.experiment"), e.getMessage());
	}

	private static Progress cancelledOnceBegun() {
		// cancels once the first run has begun, as Ctrl-C during training would
		return new Progress() {
			private volatile boolean begun;

			@Override
			public void begin(String task, long totalWork) {
				begun = true;
			}

			@Override
			public void worked(long units, String message) {
			}

			@Override
			public boolean isCanceled() {
				return begun;
			}
		};
	}
}
