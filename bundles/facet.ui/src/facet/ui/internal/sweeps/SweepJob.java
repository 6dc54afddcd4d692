package facet.ui.internal.sweeps;

import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

import facet.core.Progress;
import facet.engine.sweep.Sweep;

/**
 * Runs tasks of a sweep in the background: submits them to Slurm (the job ends at once, the
 * Sweeps view follows the array) or runs them in worker processes here, where cancelling the
 * job stops the workers and marks their tasks cancelled.
 */
public final class SweepJob extends Job {

	/** What a job does with its progress. */
	interface Work {
		void run(Progress progress) throws Exception;
	}

	private final Work work;

	SweepJob(String name, Work work) {
		super(name);
		this.work = work;
		setUser(true);
	}

	/** Runs the given tasks of the sweep with its executor. */
	public static SweepJob run(Sweep sweep, List<Integer> tasks, int parallel) {
		return new SweepJob("Sweep " + sweep.name(), progress -> SweepsModel.run(sweep, tasks, parallel, progress));
	}

	@Override
	protected IStatus run(IProgressMonitor monitor) {
		monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
		Progress progress = new Progress() {
			@Override
			public void begin(String task, long totalWork) {
				monitor.subTask(task);
			}

			@Override
			public void worked(long units, String message) {
				if (message != null) {
					monitor.subTask(message);
				}
			}

			@Override
			public void metrics(Map<String, ? extends Number> values) {
				// a sweep's tasks report their metrics to their own runs
			}

			@Override
			public boolean isCanceled() {
				return monitor.isCanceled();
			}
		};
		try {
			work.run(progress);
			return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
		} catch (Exception e) {
			return new Status(IStatus.ERROR, "facet.ui", getName() + " failed: " + e.getMessage(), e);
		} finally {
			monitor.done();
		}
	}
}
