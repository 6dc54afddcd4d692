package facet.ui.internal.runs;

import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

/**
 * {@link facet.core.Progress} over a Job's monitor: tasks become the monitor's work, messages
 * its sub-task, Cancel in the progress view becomes {@link #isCanceled()}, and metrics go to
 * whoever draws them. The engine calls it from worker threads; monitors are thread-safe in the
 * Jobs framework, the metrics consumer must be too.
 */
public final class JobProgress implements facet.core.Progress {

	private static final int TICKS = 10_000;

	private final IProgressMonitor root;
	private final Consumer<Map<String, ? extends Number>> metrics;
	private SubMonitor task;
	private long total;
	private long done;
	private int ticksGiven;

	public JobProgress(IProgressMonitor monitor, Consumer<Map<String, ? extends Number>> metrics) {
		this.root = monitor;
		this.metrics = metrics;
		this.task = SubMonitor.convert(monitor, TICKS);
	}

	@Override
	public synchronized void begin(String name, long totalWork) {
		// each task fills the bar anew: the engine begins data preparation, then training
		task = SubMonitor.convert(root, name, TICKS);
		total = totalWork;
		done = 0;
		ticksGiven = 0;
	}

	@Override
	public synchronized void worked(long units, String message) {
		done += units;
		if (total > 0) {
			int ticks = (int) Math.min(TICKS, done * TICKS / total);
			if (ticks > ticksGiven) {
				task.worked(ticks - ticksGiven);
				ticksGiven = ticks;
			}
		}
		if (message != null) {
			task.subTask(message);
		}
	}

	@Override
	public void metrics(Map<String, ? extends Number> values) {
		metrics.accept(values);
	}

	@Override
	public boolean isCanceled() {
		return root.isCanceled();
	}
}
