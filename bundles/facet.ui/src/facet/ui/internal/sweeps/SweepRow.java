package facet.ui.internal.sweeps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import facet.core.runs.Run;
import facet.engine.sweep.Sweep;
import facet.engine.sweep.SweepControl;
import facet.engine.sweep.SweepResults;
import facet.engine.sweep.SweepTask;
import facet.engine.sweep.TaskState;

/**
 * One sweep of the Sweeps view with the state of each of its tasks, read once per refresh;
 * says which of cancel, retry and "open comparison" apply. Rows compare by identity (a tree's
 * elements), so each refresh makes new ones.
 */
public final class SweepRow {

	/** One task of a sweep: a point trained with one seed. */
	public static final class TaskRow {
		private final SweepRow parent;
		private final SweepTask task;
		private final TaskState state;
		private final String run;

		TaskRow(SweepRow parent, SweepTask task, TaskState state, String run) {
			this.parent = parent;
			this.task = task;
			this.state = state;
			this.run = run;
		}

		public SweepRow parent() {
			return parent;
		}

		public SweepTask task() {
			return task;
		}

		public TaskState state() {
			return state;
		}

		/** The run id, empty before the task started one. */
		public String run() {
			return run;
		}

		public String pointText() {
			return "p" + task.point() + " " + task.label();
		}
	}

	private final Sweep sweep;
	private final List<TaskRow> tasks;
	private final Map<TaskState, Integer> counts;
	private final Optional<Path> comparison;

	private SweepRow(Sweep sweep, List<TaskRow> tasks, Map<TaskState, Integer> counts, Optional<Path> comparison) {
		this.sweep = sweep;
		this.tasks = tasks;
		this.counts = counts;
		this.comparison = comparison;
	}

	public Sweep sweep() {
		return sweep;
	}

	public List<TaskRow> tasks() {
		return tasks;
	}

	/** The comparison file, once every task is done. */
	public Optional<Path> comparison() {
		return comparison;
	}

	static SweepRow of(Sweep sweep, SweepControl.Snapshot snapshot) {
		Path comparison = sweep.folder().resolve(SweepResults.COMPARISON);
		List<TaskRow> tasks = new ArrayList<>();
		SweepRow row = new SweepRow(sweep, tasks, snapshot.counts(), Files.isRegularFile(comparison) ? Optional.of(comparison) : Optional.empty());
		for (SweepTask t : sweep.tasks()) {
			Run run = snapshot.runs().get(t.task());
			tasks.add(new TaskRow(row, t, snapshot.states().get(t.task()), run == null ? "" : run.id()));
		}
		return row;
	}

	public String name() {
		return sweep.name();
	}

	/** {@code 7 done, 2 running, 1 failed}, in the order of {@link TaskState}. */
	public String stateText() {
		List<String> parts = new ArrayList<>();
		counts.forEach((state, n) -> parts.add(n + " " + state.word()));
		return String.join(", ", parts);
	}

	/** Whether some task is pending or running. */
	public boolean canCancel() {
		return count(TaskState.PENDING) + count(TaskState.RUNNING) > 0;
	}

	/** Whether some task failed or was cancelled and none still runs. */
	public boolean canRetry() {
		return !canCancel() && count(TaskState.FAILED) + count(TaskState.CANCELLED) > 0;
	}

	public boolean canOpenComparison() {
		return comparison.isPresent();
	}

	public int count(TaskState state) {
		return counts.getOrDefault(state, 0);
	}
}
