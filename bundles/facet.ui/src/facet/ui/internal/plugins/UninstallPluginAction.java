package facet.ui.internal.plugins;

import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.IWorkbenchWindow;

import org.osgi.service.prefs.BackingStoreException;

import facet.core.modules.ModulePlugins;
import facet.ui.internal.common.Errors;
import facet.ui.internal.preferences.FacetPreferences;

/** File &gt; Uninstall Module Plugins…: removes plug-ins installed while Facet runs, and forgets them for the next start. */
public class UninstallPluginAction extends Action {

	public static final String ID = "facet.ui.uninstallPlugin";

	private final IWorkbenchWindow window;

	public UninstallPluginAction(IWorkbenchWindow window) {
		super("&Uninstall Module Plugins…");
		this.window = window;
		setId(ID);
	}

	@Override
	public void run() {
		UninstallPluginDialog dialog = new UninstallPluginDialog(window.getShell(), ModulePlugins.installed());
		if (dialog.open() != Window.OK || dialog.chosen().isEmpty()) {
			return;
		}
		try {
			PluginInstallation.uninstallAndForget(dialog.chosen(), FacetPreferences.instance());
		} catch (BackingStoreException e) {
			Errors.report(window.getShell(), "Uninstall Module Plugins", "Uninstalled, but the next start may install them again", e);
		}
		Platform.getLog(UninstallPluginAction.class).info("Uninstalled module plug-ins: "
				+ String.join(", ", dialog.chosen().stream().map(b -> b.getSymbolicName() + " " + b.getVersion()).toList()));
	}
}
