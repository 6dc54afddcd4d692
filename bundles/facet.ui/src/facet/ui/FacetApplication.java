package facet.ui;

import java.io.IOException;

import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PlatformUI;
import org.osgi.framework.BundleException;

import facet.core.modules.ModulePlugins;
import facet.core.modules.ModuleRegistry;
import facet.ui.internal.FacetWorkbenchAdvisor;
import facet.ui.internal.plugins.PluginInstallation;
import facet.ui.internal.preferences.FacetPreferences;

/** The Facet workbench, started as {@code facet.ui.application}. */
public class FacetApplication implements IApplication {

	@Override
	public Object start(IApplicationContext context) {
		// before the display exists, so that GTK uses it for the window class and the dock
		Display.setAppName("Facet");
		Display display = PlatformUI.createDisplay();
		try {
			installPlugins();
			int code = PlatformUI.createAndRunWorkbench(display, new FacetWorkbenchAdvisor());
			return code == PlatformUI.RETURN_RESTART ? IApplication.EXIT_RESTART : IApplication.EXIT_OK;
		} finally {
			display.dispose();
		}
	}

	/**
	 * Installs the module bundles of {@code $FACET_PLUGINS}, then those that Install Module
	 * Plugin… installed in earlier sessions; a broken or missing one is an error log entry, never fatal.
	 */
	private static void installPlugins() {
		try {
			ModulePlugins.install(ModulePlugins.fromEnvironment());
		} catch (IOException | BundleException e) {
			Platform.getLog(FacetApplication.class).error("Module plug-ins of $" + ModulePlugins.FOLDER_VARIABLE + " not installed: " + e.getMessage(), e);
		}
		for (String problem : PluginInstallation.reinstallRemembered(FacetPreferences.instance(), ModuleRegistry.getDefault())) {
			Platform.getLog(FacetApplication.class).error(problem);
		}
	}

	@Override
	public void stop() {
		if (!PlatformUI.isWorkbenchRunning()) {
			return;
		}
		IWorkbench workbench = PlatformUI.getWorkbench();
		Display display = workbench.getDisplay();
		// stop() comes from the framework's thread; only the UI thread may close the workbench
		display.syncExec(() -> {
			if (!display.isDisposed()) {
				workbench.close();
			}
		});
	}
}
