package facet.ui.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;
import org.eclipse.ui.dialogs.PreferencesUtil;

import facet.ui.internal.common.StartupRequests;
import facet.ui.internal.editor.ExperimentEditor;
import facet.ui.internal.plugins.InstallPluginAction;
import facet.ui.internal.plugins.InstallPluginDialog;
import facet.ui.internal.plugins.PluginInstallation;
import facet.ui.internal.plugins.UninstallPluginAction;
import facet.ui.internal.preferences.FacetPreferencePage;

/**
 * Opens one window on the Facet perspective, opens the experiments named by
 * {@code $FACET_OPEN} (paths separated by the path separator) and turns an exception that
 * reaches the event loop into a dialog and a log entry instead of the end of the workbench.
 * For screenshots and demonstrations, {@code FACET_EDITOR_PAGE=source} shows the last opened
 * experiment's source ({@code training}: its training settings), {@code FACET_TRAIN=1} starts training it, {@code FACET_SHOW} opens a
 * dialog (see {@link #showRequestedDialog}); {@link StartupRequests} shows views and compares runs.
 */
public class FacetWorkbenchAdvisor extends WorkbenchAdvisor {

	private boolean reporting;

	@Override
	public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
		return new FacetWorkbenchWindowAdvisor(configurer);
	}

	@Override
	public String getInitialWindowPerspectiveId() {
		return FacetPerspective.ID;
	}

	@Override
	public void postStartup() {
		String files = System.getenv("FACET_OPEN");
		IWorkbenchWindow window = getWorkbenchConfigurer().getWorkbench().getActiveWorkbenchWindow();
		if (window == null) {
			return;
		}
		showRequestedDialog(window);
		if (files != null && !files.isBlank()) {
			openExperiments(window, files);
		}
		StartupRequests.apply(window.getActivePage());
	}

	private static void openExperiments(IWorkbenchWindow window, String files) {
		IWorkbenchPage page = window.getActivePage();
		ExperimentEditor last = null;
		for (String name : files.split(File.pathSeparator)) {
			Path file = Path.of(name.trim());
			if (!Files.isRegularFile(file)) {
				Platform.getLog(FacetWorkbenchAdvisor.class).warn("$FACET_OPEN names " + file + ", which is not a file");
				continue;
			}
			ExperimentEditor editor = OpenExperimentAction.open(page, file);
			last = editor != null ? editor : last;
		}
		if (last != null && "source".equals(System.getenv("FACET_EDITOR_PAGE"))) {
			last.showPage(ExperimentEditor.SOURCE_PAGE);
		}
		if (last != null && "training".equals(System.getenv("FACET_EDITOR_PAGE"))) {
			// after the first layout, when the groups have their places
			ExperimentEditor shown = last;
			window.getShell().getDisplay().timerExec(1000, () -> shown.pipeline().revealTraining());
		}
		if (last != null && "1".equals(System.getenv("FACET_TRAIN"))) {
			last.train();
		}
	}

	/**
	 * For screenshots: {@code FACET_SHOW=install-plugin} opens Install Module Plugin… (on
	 * {@code $FACET_PLUGIN_LOCATION} if set), {@code uninstall-plugin} its counterpart,
	 * {@code preferences} the Facet preference page. Opened after start-up, so that the
	 * workbench is drawn behind the dialog.
	 */
	private static void showRequestedDialog(IWorkbenchWindow window) {
		String show = System.getenv("FACET_SHOW");
		if (show == null || show.isBlank() || window == null) {
			return;
		}
		window.getShell().getDisplay().timerExec(1500, () -> {
			switch (show.trim()) {
			case "install-plugin" -> {
				InstallPluginDialog dialog = new InstallPluginDialog(window.getShell(), PluginInstallation::isInstalled);
				String location = System.getenv("FACET_PLUGIN_LOCATION");
				if (location != null) {
					dialog.setLocation(location);
				}
				if (dialog.open() == Window.OK) {
					InstallPluginAction.install(window.getShell(), dialog.candidates());
				}
			}
			case "uninstall-plugin" -> new UninstallPluginAction(window).run();
			case "preferences" -> PreferencesUtil.createPreferenceDialogOn(window.getShell(), FacetPreferencePage.ID, null, null).open();
			default -> Platform.getLog(FacetWorkbenchAdvisor.class).warn("$FACET_SHOW: unknown '" + show + "'; known: install-plugin, uninstall-plugin, preferences");
			}
		});
	}

	@Override
	public void eventLoopException(Throwable exception) {
		IStatus status = new Status(IStatus.ERROR, "facet.ui", "Unexpected error: " + exception, exception);
		Platform.getLog(getClass()).log(status);
		// an error while showing the dialog must not open another one, and so on
		if (reporting) {
			return;
		}
		reporting = true;
		try {
			Display display = Display.getCurrent();
			Shell shell = display == null ? null : display.getActiveShell();
			ErrorDialog.openError(shell, "Facet", "Something went wrong; the workbench goes on. Details are in the log.", status);
		} catch (RuntimeException e) {
			// the log entry above is what remains
		} finally {
			reporting = false;
		}
	}
}
