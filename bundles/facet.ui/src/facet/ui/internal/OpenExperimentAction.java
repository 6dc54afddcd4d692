package facet.ui.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.actions.ActionFactory.IWorkbenchAction;

import facet.ui.internal.editor.ExperimentEditor;
import facet.ui.internal.editor.ExperimentEditorInput;

/** File &gt; Open Experiment…: a file dialog, then the experiment editor on the chosen file. */
public final class OpenExperimentAction extends Action implements IWorkbenchAction {

	private IWorkbenchWindow window;

	public OpenExperimentAction(IWorkbenchWindow window) {
		super("&Open Experiment…");
		this.window = window;
		setId("facet.ui.openExperiment");
	}

	@Override
	public void run() {
		FileDialog dialog = new FileDialog(window.getShell(), SWT.OPEN);
		dialog.setText("Open Experiment");
		dialog.setFilterExtensions(new String[] { "*.facet.json", "*.json", "*" });
		dialog.setFilterNames(new String[] { "Experiments (*.facet.json)", "JSON files", "All files" });
		String chosen = dialog.open();
		if (chosen != null) {
			open(window.getActivePage(), Path.of(chosen));
		}
	}

	/** Opens the experiment editor on a file; a failure becomes a dialog and a log entry. */
	public static ExperimentEditor open(IWorkbenchPage page, Path file) {
		try {
			// the editor reads it too; read here first so that the dialog can say why it cannot be
			Files.readString(file, StandardCharsets.UTF_8);
		} catch (IOException e) {
			failed(page, file, "cannot read it (" + (e.getMessage() == null ? e.toString() : e.getMessage()) + ")", null);
			return null;
		}
		try {
			IEditorPart part = page.openEditor(new ExperimentEditorInput(file), ExperimentEditor.ID);
			if (part instanceof ExperimentEditor editor) {
				return editor;
			}
			// the workbench stands in an error part for an editor whose creation failed; it already logged why
			if (part != null) {
				page.closeEditor(part, false);
			}
			failed(page, file, "the experiment editor could not be created for it (the error log has the cause)", null);
			return null;
		} catch (PartInitException | RuntimeException e) {
			failed(page, file, e.getMessage() == null ? e.toString() : e.getMessage(), e);
			return null;
		}
	}

	private static void failed(IWorkbenchPage page, Path file, String why, Throwable e) {
		IStatus status = new Status(IStatus.ERROR, "facet.ui", "Cannot open " + file + ": " + why, e);
		if (e != null) {
			Platform.getLog(OpenExperimentAction.class).log(status);
		}
		ErrorDialog.openError(page.getWorkbenchWindow().getShell(), "Open Experiment", null, status);
	}

	@Override
	public void dispose() {
		window = null;
	}
}
