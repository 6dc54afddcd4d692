package facet.core.modules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;

import facet.core.internal.CoreActivator;

/**
 * Installs module bundles (plug-in jars) into the running framework, the same way for the
 * command line ({@code --plugin JAR}, {@code $FACET_PLUGINS}) and the workbench, and removes
 * them again. The registry follows the framework, so their modules appear and disappear.
 */
public final class ModulePlugins {

	/** The environment variable naming a folder whose jars are installed at start. */
	public static final String FOLDER_VARIABLE = "FACET_PLUGINS";

	/** What {@link #install(List)} installed and nobody uninstalled yet, in install order. */
	private static final List<Bundle> INSTALLED = new CopyOnWriteArrayList<>();

	private ModulePlugins() {
	}

	/** The bundles installed through this class that are still installed, oldest first. */
	public static List<Bundle> installed() {
		INSTALLED.removeIf(b -> b.getState() == Bundle.UNINSTALLED);
		return List.copyOf(INSTALLED);
	}

	/** The jars of {@code $FACET_PLUGINS}, sorted by name; empty when it is unset or not a folder. */
	public static List<Path> fromEnvironment() throws IOException {
		String folder = System.getenv(FOLDER_VARIABLE);
		if (folder == null || folder.isBlank() || !Files.isDirectory(Path.of(folder))) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(Path.of(folder))) {
			return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
		}
	}

	/**
	 * Installs and starts plug-in jars, then refreshes the module registry.
	 *
	 * @return the installed bundles, to {@link #uninstall(List) uninstall} later
	 * @throws BundleException naming the jar that could not be installed or started; the jars
	 *         installed before it are uninstalled again, so nothing is left half-done
	 */
	public static List<Bundle> install(List<Path> jars) throws BundleException {
		BundleContext context = CoreActivator.context();
		if (context == null) {
			throw new BundleException("facet.core is not running inside OSGi: plug-ins cannot be installed");
		}
		List<Bundle> installed = new ArrayList<>();
		for (Path jar : jars) {
			if (!Files.isRegularFile(jar)) {
				uninstall(installed);
				throw new BundleException("plug-in " + jar + ": no such file");
			}
			try {
				installed.add(context.installBundle(jar.toAbsolutePath().toUri().toString()));
			} catch (BundleException | IllegalStateException e) {
				uninstall(installed);
				throw new BundleException("cannot install plug-in " + jar + ": " + e.getMessage(), e);
			}
		}
		// started only once all are installed, so that jars of one update site may depend on each other in any order
		for (int i = 0; i < installed.size(); i++) {
			Bundle bundle = installed.get(i);
			if (bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null) {
				continue; // a fragment is never started; it resolves with its host
			}
			try {
				bundle.start();
			} catch (BundleException | IllegalStateException e) {
				uninstall(installed);
				throw new BundleException("cannot start plug-in " + jars.get(i) + ": " + e.getMessage(), e);
			}
		}
		if (!installed.isEmpty()) {
			INSTALLED.addAll(installed);
			ModuleRegistry.getDefault().refresh();
		}
		return installed;
	}

	/** Uninstalls bundles that {@link #install(List)} installed; failures are ignored (the framework may be stopping). */
	public static void uninstall(List<Bundle> bundles) {
		for (Bundle bundle : bundles) {
			INSTALLED.remove(bundle);
			try {
				bundle.uninstall();
			} catch (BundleException | IllegalStateException e) {
				// already gone, or the framework is shutting down: nothing left to undo
			}
		}
		if (!bundles.isEmpty() && CoreActivator.context() != null) {
			ModuleRegistry registry = ModuleRegistry.getDefault();
			bundles.forEach(b -> registry.forgetDisabled(b.getSymbolicName()));
			registry.refresh();
		}
	}
}
