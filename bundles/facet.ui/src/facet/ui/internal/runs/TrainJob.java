package facet.ui.internal.runs;

import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

import facet.core.experiment.ExperimentSpec;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.RunStatus;
import facet.core.runs.RunStore;
import facet.engine.run.ExperimentRunner;

/**
 * Trains an experiment in the background. Cancel stops it at the next batch; the engine then
 * records the run CANCELLED, resumable from its last checkpoint. A failure comes back as an
 * error status, which the workbench shows as a dialog and logs.
 */
public final class TrainJob extends Job {

	/** Told from the job's threads: metrics as they come, the result once. */
	public interface Listener {
		void metrics(Map<String, ? extends Number> values);

		void finished(ExperimentRunner.Result result, Throwable failure);
	}

	private final ExperimentSpec spec;
	private final RunStore store;
	private final ModuleRegistry registry;
	private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
	private volatile ExperimentRunner.Result result;

	private final int threads;

	public TrainJob(ExperimentSpec spec, RunStore store, ModuleRegistry registry) {
		this(spec, store, registry, Math.max(1, Runtime.getRuntime().availableProcessors()));
	}

	/** @param threads data pipeline threads (Window &gt; Preferences &gt; Facet) */
	public TrainJob(ExperimentSpec spec, RunStore store, ModuleRegistry registry, int threads) {
		super("Training " + spec.name());
		this.threads = threads;
		this.spec = spec;
		this.store = store;
		this.registry = registry;
		setUser(true);
	}

	public ExperimentSpec spec() {
		return spec;
	}

	public ExperimentRunner.Result result() {
		return result;
	}

	public void addListener(Listener listener) {
		listeners.add(listener);
	}

	public void removeListener(Listener listener) {
		listeners.remove(listener);
	}

	@Override
	protected IStatus run(IProgressMonitor monitor) {
		JobProgress progress = new JobProgress(monitor, values -> listeners.forEach(l -> l.metrics(values)));
		try {
			result = new ExperimentRunner(registry, threads).train(spec, store, progress);
			listeners.forEach(l -> l.finished(result, null));
			if (result.status() == RunStatus.CANCELLED) {
				return new Status(IStatus.CANCEL, "facet.ui", result.message());
			}
			if (result.status() == RunStatus.FAILED) {
				return new Status(IStatus.ERROR, "facet.ui", "Run " + result.run().id() + " failed: " + result.message());
			}
			return Status.OK_STATUS;
		} catch (Exception | LinkageError e) {
			listeners.forEach(l -> l.finished(null, e));
			return new Status(IStatus.ERROR, "facet.ui", "Training " + spec.name() + " failed: " + e.getMessage(), e);
		} finally {
			monitor.done();
		}
	}
}
