package facet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;

import facet.ui.internal.runs.JobProgress;

class JobProgressTest {

	/** Counts the ticks and remembers the sub-tasks a job's monitor receives. */
	private static final class RecordingMonitor extends NullProgressMonitor {
		int ticks;
		final List<String> subTasks = new ArrayList<>();

		@Override
		public void worked(int work) {
			ticks += work;
		}

		@Override
		public void internalWorked(double work) {
			ticks += (int) Math.round(work);
		}

		@Override
		public void subTask(String name) {
			subTasks.add(name);
		}
	}

	@Test
	void cancelInTheJobReachesTheEngineAndMetricsReachTheDashboard() {
		RecordingMonitor monitor = new RecordingMonitor();
		List<Map<String, ? extends Number>> seen = new ArrayList<>();
		JobProgress progress = new JobProgress(monitor, seen::add);
		progress.begin("training", 4);
		progress.worked(1, "epoch 1/2 batch 1/2");
		progress.metrics(Map.of("loss", 1.5));
		assertFalse(progress.isCanceled());
		monitor.setCanceled(true);
		assertTrue(progress.isCanceled());
		assertEquals(List.of("epoch 1/2 batch 1/2"), monitor.subTasks);
		assertEquals(1.5, seen.get(0).get("loss").doubleValue());
	}

	@Test
	void theBarAdvancesInProportionToTheWorkDone() {
		RecordingMonitor monitor = new RecordingMonitor();
		JobProgress progress = new JobProgress(monitor, values -> {
		});
		progress.begin("training", 4);
		progress.worked(1, null);
		int quarter = monitor.ticks;
		progress.worked(3, null);
		assertTrue(quarter > 0);
		assertEquals(4 * quarter, monitor.ticks, 4);
	}
}
