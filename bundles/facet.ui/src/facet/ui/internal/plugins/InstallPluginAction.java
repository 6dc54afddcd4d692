package facet.ui.internal.plugins;

import java.util.List;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.osgi.framework.BundleException;

import facet.core.modules.ModuleRegistry;
import facet.ui.internal.preferences.FacetPreferences;

/**
 * File &gt; Install Module Plugin…: a jar or an update site, installed while the workbench
 * runs and remembered for its next start. Failures and modules whose factory throws become a dialog and error log entries; the
 * workbench goes on.
 */
public class InstallPluginAction extends Action {

	public static final String ID = "facet.ui.installPlugin";

	private final IWorkbenchWindow window;

	public InstallPluginAction(IWorkbenchWindow window) {
		super("Install Module &Plugin…");
		this.window = window;
		setId(ID);
		setToolTipText("Install a module bundle jar or the new bundles of an update site");
	}

	@Override
	public void run() {
		Shell shell = window.getShell();
		InstallPluginDialog dialog = new InstallPluginDialog(shell, PluginInstallation::isInstalled);
		if (dialog.open() != Window.OK) {
			return;
		}
		install(shell, dialog.candidates());
	}

	/** Installs and reports; returns the outcome, or null when the installation failed. */
	public static PluginInstallation.Outcome install(Shell shell, List<PluginCandidate> candidates) {
		PluginInstallation.Outcome outcome;
		try {
			outcome = PluginInstallation.installAndRemember(candidates, ModuleRegistry.getDefault(), FacetPreferences.instance());
		} catch (BundleException | RuntimeException e) {
			IStatus status = new Status(IStatus.ERROR, "facet.ui", "Module plug-in not installed: " + e.getMessage(), e);
			Platform.getLog(InstallPluginAction.class).log(status);
			ErrorDialog.openError(shell, "Install Module Plugin", "Nothing was installed.", status);
			return null;
		}
		if (outcome.clean()) {
			Platform.getLog(InstallPluginAction.class).info(outcome.summary());
			MessageDialog.openInformation(shell, "Install Module Plugin", outcome.summary());
			return outcome;
		}
		MultiStatus status = new MultiStatus("facet.ui", 0, "Module plug-in installed with problems", null);
		for (PluginInstallation.Disabled d : outcome.disabled()) {
			status.add(new Status(IStatus.ERROR, "facet.ui", "Disabled " + d));
		}
		for (String problem : outcome.problems()) {
			status.add(new Status(IStatus.WARNING, "facet.ui", "Rejected " + problem));
		}
		Platform.getLog(InstallPluginAction.class).log(status);
		ErrorDialog.openError(shell, "Install Module Plugin", outcome.summary(), status);
		return outcome;
	}
}
