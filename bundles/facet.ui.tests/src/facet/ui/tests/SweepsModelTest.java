package facet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.core.experiment.ExperimentFormat;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.Run;
import facet.core.runs.RunEnvironment;
import facet.core.runs.RunStatus;
import facet.core.runs.RunStore;
import facet.engine.sweep.Sweep;
import facet.engine.sweep.SweepTask;
import facet.engine.sweep.TaskState;
import facet.ui.internal.sweeps.SweepDraft;
import facet.ui.internal.sweeps.SweepRow;
import facet.ui.internal.sweeps.SweepsModel;

/**
 * The Sweeps view's model without SWT: a sweep set up as from the experiment editor, its tasks'
 * states as their runs and exit files appear, which actions apply, and the comparison once all
 * are done. Tasks are not run; the test writes what a finished task leaves behind.
 */
class SweepsModelTest {

	private static final String[] CLASSES = { "anger", "disgust", "fear", "happiness", "neutral", "sadness", "surprise" };

	@TempDir
	Path folder;

	@Test
	void aDraftOffersTheNumbersToVaryAndExpandsTheAblationOrAGrid() throws Exception {
		SweepDraft draft = new SweepDraft(Experiments.VALID);
		assertEquals("ui-toy-sweep", draft.name());
		List<String> parameters = draft.parameters();
		assertTrue(parameters.contains("$.optimizer.learningRate") && parameters.contains("$.augmentations[0].params.probability")
				&& parameters.contains("$.backbone.attention[0].params.reduction"), parameters.toString());
		assertFalse(parameters.contains("$.seed") || parameters.contains("$.format"), parameters.toString());

		ModuleRegistry registry = ModuleRegistry.getDefault();
		// full, without test-attention, without test-flip
		assertEquals("3 points × 2 seeds = 6 runs", draft.seeds(2).ablation(true).summary(registry));
		draft.ablation(false).seeds(1).vary("$.optimizer.learningRate", "0.001, 0.01").vary("$.epochs", "1, 2");
		assertEquals("4 points × 1 seed = 4 runs", draft.summary(registry));
		assertTrue(draft.toJson().contains("\"$.optimizer.learningRate\": [\n      0.001,\n      0.01\n    ]"), draft.toJson());
		draft.vary("$.epochs", "").vary("$.optimizer.learningRate", "0.001, fast");
		String refused = draft.summary(registry);
		assertTrue(refused.contains("$.optimizer.learningRate") && refused.contains("learningRate=fast"), refused);
		draft.vary("$.optimizer.learningRate", null);
		assertTrue(draft.summary(registry).contains("nothing to sweep"), draft.summary(registry));
	}

	@Test
	void rowsFollowTheTasksAndOfferCancelRetryAndTheComparison() throws Exception {
		RunStore store = new RunStore(folder.resolve("runs"));
		Sweep sweep = new SweepDraft(Experiments.VALID).ablation(true).seeds(2).create(store, ModuleRegistry.getDefault(), "local", Path.of("/bin/true"));
		// a scheduler that still has every task queued
		SweepsModel queued = new SweepsModel(store, s -> task -> TaskState.PENDING);
		SweepRow row = only(queued.read());
		assertEquals(6, row.tasks().size());
		assertEquals("6 pending", row.stateText());
		assertTrue(row.canCancel());
		assertFalse(row.canRetry() || row.canOpenComparison());
		assertEquals("p1 without test-attention at stage2", row.tasks().get(2).pointText());

		// every task ended; task 3 failed
		for (SweepTask t : sweep.tasks()) {
			if (t.task() == 3) {
				Files.writeString(sweep.folder().resolve("tasks/3.exit"), "3\n");
			} else {
				finish(store, sweep, t);
			}
		}
		SweepsModel ended = new SweepsModel(store, s -> task -> null);
		row = only(ended.read());
		assertEquals("5 done, 1 failed", row.stateText());
		assertEquals(TaskState.FAILED, row.tasks().get(3).state());
		assertFalse(row.tasks().get(0).run().isEmpty());
		assertTrue(row.canRetry());
		assertFalse(row.canCancel() || row.canOpenComparison());

		// the retried task done: the comparison is written and can be opened
		finish(store, sweep, sweep.tasks().get(3));
		row = only(ended.read());
		assertEquals("6 done", row.stateText());
		assertTrue(row.canOpenComparison());
		assertFalse(row.canRetry() || row.canCancel());
		String comparison = Files.readString(row.comparison().orElseThrow());
		assertTrue(comparison.contains("95 % CI") && comparison.contains("Ablation against"), comparison);

		// a store moved (or mounted elsewhere) still finds its runs
		Path moved = folder.resolve("moved");
		Files.move(folder.resolve("runs"), moved);
		row = only(new SweepsModel(new RunStore(moved), s -> task -> null).read());
		assertEquals("6 done", row.stateText());
		assertTrue(row.tasks().stream().noneMatch(t -> t.run().isEmpty()));
	}

	private static SweepRow only(List<SweepRow> rows) {
		assertEquals(1, rows.size());
		return rows.get(0);
	}

	/** What a finished task leaves: a completed run with test predictions, and exit status 0. */
	private static void finish(RunStore store, Sweep sweep, SweepTask t) throws Exception {
		var spec = ExperimentFormat.read(sweep.folder().resolve(t.experiment())).withSeed(t.seed());
		Run run = store.create(spec, RunEnvironment.current("test", "0", Map.of()));
		StringBuilder csv = new StringBuilder("sample,label,predicted");
		for (String c : CLASSES) {
			csv.append(",p_").append(c);
		}
		csv.append('\n');
		for (int i = 0; i < 14; i++) {
			String label = CLASSES[i % 7];
			String predicted = (i + t.seed() + t.point()) % 3 != 0 ? label : CLASSES[(i + 1) % 7];
			csv.append('s').append(i).append(',').append(label).append(',').append(predicted);
			for (String c : CLASSES) {
				csv.append(',').append(c.equals(predicted) ? "0.9" : "0.0167");
			}
			csv.append('\n');
		}
		run.writeFile("predictions-test.csv", csv.toString());
		run.finish(RunStatus.COMPLETED, "done");
		Files.writeString(sweep.folder().resolve("tasks/" + t.task() + ".exit"), "0\n");
	}
}
