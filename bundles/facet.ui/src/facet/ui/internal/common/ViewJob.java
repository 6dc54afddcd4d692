package facet.ui.internal.common;

import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Control;

/**
 * The work of a view or editor in a background Job: its result goes to the UI thread while the
 * view's control lives; a failure becomes an error log entry and a dialog ({@link Errors}) and
 * then the view's own failure display. Nothing reaches a view that was closed meanwhile.
 *
 * @param <T> what the work produces
 */
public final class ViewJob<T> extends Job {

	/** The work, off the UI thread. */
	@FunctionalInterface
	public interface Work<T> {
		/** @return the result to show, or null for nothing to show (for example when cancelled) */
		T run(IProgressMonitor monitor) throws Exception;
	}

	private final Control owner;
	private final Work<T> work;
	private Consumer<T> show = result -> {
	};
	private Consumer<Throwable> failed = e -> {
	};
	private String errorTitle;
	private String errorMessage;
	private Object family;

	/** @param owner the control whose life bounds the job's effects on the UI */
	public ViewJob(String name, Control owner, Work<T> work) {
		super(name);
		this.owner = owner;
		this.work = work;
		this.errorTitle = name;
		this.errorMessage = "Failed: " + name;
	}

	/** What to do with a result, on the UI thread. */
	public ViewJob<T> onResult(Consumer<T> action) {
		this.show = action;
		return this;
	}

	/** How to report a failure: the dialog's title and message, and what the view shows then (on the UI thread). */
	public ViewJob<T> onFailure(String title, String message, Consumer<Throwable> action) {
		this.errorTitle = title;
		this.errorMessage = message;
		this.failed = action;
		return this;
	}

	/** The family {@link #belongsTo} answers for, so that a view can cancel its jobs. */
	public ViewJob<T> family(Object newFamily) {
		this.family = newFamily;
		return this;
	}

	@Override
	public boolean belongsTo(Object other) {
		return family != null && family == other;
	}

	@Override
	protected IStatus run(IProgressMonitor monitor) {
		try {
			T result = work.run(monitor);
			if (result != null) {
				asyncExec(owner, () -> show.accept(result));
			}
			return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
		} catch (Exception | LinkageError e) {
			asyncExec(owner, () -> failed.accept(e));
			Errors.report(owner, errorTitle, errorMessage, e);
			// the failure is reported; an ERROR status would show a second dialog
			return Status.OK_STATUS;
		}
	}

	/** Runs on the control's UI thread later, unless the control is disposed by then; safe from any thread. */
	public static void asyncExec(Control control, Runnable runnable) {
		if (control == null || control.isDisposed()) {
			return;
		}
		control.getDisplay().asyncExec(() -> {
			if (!control.isDisposed()) {
				runnable.run();
			}
		});
	}
}
