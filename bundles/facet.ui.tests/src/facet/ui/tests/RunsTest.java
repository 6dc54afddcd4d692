package facet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.runs.Run;
import facet.core.runs.RunEnvironment;
import facet.core.runs.RunStatus;
import facet.core.runs.RunStore;
import facet.ui.internal.views.RunRow;
import facet.ui.internal.views.RunsView;

class RunsTest {

	@TempDir
	Path folder;

	@Test
	void rowsFilterByExperimentIdAndStatusAndReadTheTestAccuracy() throws Exception {
		RunStore store = new RunStore(folder);
		ExperimentSpec spec = ExperimentFormat.parse(Experiments.VALID, "text");
		Run run = store.create(spec, RunEnvironment.current("test", "0", Map.of()));
		run.writeFile("evaluation-test.json", "{\"accuracy\": 0.8125, \"count\": 16}");
		run.finish(RunStatus.CANCELLED, "cancelled");
		RunRow row = RunRow.of(store.list().get(0));
		assertEquals("0.813", row.accuracyText());
		assertTrue(row.matches("UI-TOY"));
		assertTrue(row.matches("cancel"));
		assertTrue(row.matches(""));
		assertFalse(row.matches("resnet"));
	}

	@Test
	void deletedRunsMoveToTheTrashAndLeaveTheList() throws Exception {
		RunStore store = new RunStore(folder);
		ExperimentSpec spec = ExperimentFormat.parse(Experiments.VALID, "text");
		Run first = store.create(spec, RunEnvironment.current("test", "0", Map.of()));
		store.create(spec.withSeed(8), RunEnvironment.current("test", "0", Map.of()));

		Path moved = RunsView.moveToTrash(store, first.folder());
		assertEquals(folder.resolve(RunsView.TRASH).resolve(first.id()), moved);
		assertTrue(Files.isRegularFile(moved.resolve(Run.INFO_FILE)));
		assertEquals(1, store.list().size(), "the trash folder is not a run");
	}
}
