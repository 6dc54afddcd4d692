package facet.ui.internal.sweeps;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import facet.core.Progress;
import facet.core.runs.RunStore;
import facet.engine.sweep.LocalExecutor;
import facet.engine.sweep.Slurm;
import facet.engine.sweep.Sweep;
import facet.engine.sweep.SweepControl;

/**
 * What the Sweeps view shows and does, without SWT: lists the sweeps of a run store with their
 * tasks' states (writing a sweep's comparison once all its tasks are done, as
 * {@code facet sweep status} does), cancels and retries.
 */
public final class SweepsModel {

	private final RunStore store;
	private final Function<Sweep, Sweep.SchedulerView> scheduler;

	/** @param scheduler what the scheduler knows of a sweep's tasks; {@link SweepControl#scheduler} in the workbench */
	public SweepsModel(RunStore store, Function<Sweep, Sweep.SchedulerView> scheduler) {
		this.store = store;
		this.scheduler = scheduler;
	}

	public static SweepsModel of(RunStore store) {
		return new SweepsModel(store, SweepControl::scheduler);
	}

	public RunStore store() {
		return store;
	}

	/** The sweeps, newest first; one that cannot be read is left out, the others are still shown. */
	public List<SweepRow> read() throws IOException {
		List<SweepRow> rows = new ArrayList<>();
		for (Sweep sweep : SweepControl.list(store)) {
			try {
				rows.add(SweepRow.of(sweep, SweepControl.refresh(sweep, scheduler.apply(sweep))));
			} catch (IOException | RuntimeException e) {
				// a sweep being written by another process: the next refresh shows it
			}
		}
		return rows;
	}

	/** Cancels the sweep's pending and running tasks; returns how many. */
	public int cancel(SweepRow row) throws IOException {
		return SweepControl.cancel(row.sweep());
	}

	/**
	 * Retries the failed and cancelled tasks with the sweep's executor: submitted to Slurm at once,
	 * or run here until they end (call it from a background job). Returns how many.
	 */
	public int retry(SweepRow row, int parallel, Progress progress) throws IOException {
		SweepControl.Retry retry = SweepControl.prepareRetry(row.sweep());
		if (retry.tasks().isEmpty()) {
			return 0;
		}
		run(row.sweep(), retry.tasks(), parallel, progress);
		return retry.tasks().size();
	}

	/** Runs tasks of a sweep with its executor: one Slurm job array, or worker processes here. */
	static void run(Sweep sweep, List<Integer> tasks, int parallel, Progress progress) throws IOException {
		if (sweep.executor().equals("slurm")) {
			SweepControl.submitToSlurm(sweep, tasks, new Slurm.Options(null, null, null, null));
		} else {
			new LocalExecutor(parallel).run(sweep, tasks, progress);
		}
	}
}
