package facet.ui.internal.common;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

/**
 * Failures of the views' work: an entry in the error log and a dialog over the view, on the UI
 * thread whichever thread reports it; the workbench goes on.
 */
public final class Errors {

	private Errors() {
	}

	public static IStatus status(String message, Throwable e) {
		String detail = e == null ? "" : e.getMessage() == null ? e.toString() : e.getMessage();
		return new Status(IStatus.ERROR, "facet.ui", detail.isEmpty() ? message : message + ": " + detail, e);
	}

	/** Logs and shows; safe from any thread; nothing is shown once the control is gone. */
	public static IStatus report(Control control, String title, String message, Throwable e) {
		IStatus status = status(message, e);
		Platform.getLog(Errors.class).log(status);
		if (control == null || control.isDisposed()) {
			return status;
		}
		Display display = control.getDisplay();
		Runnable show = () -> {
			if (!control.isDisposed()) {
				ErrorDialog.openError(control.getShell(), title, null, status);
			}
		};
		if (Display.getCurrent() == display) {
			show.run();
		} else {
			display.asyncExec(show);
		}
		return status;
	}
}
