package facet.faults.tests;

import static facet.core.tests.fixtures.Conditions.waitFor;

import java.nio.file.Path;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

import facet.core.tests.fixtures.BundleJars;

/**
 * Module bundles written and installed at test time, with classes copied from this bundle, as a
 * third party's plug-in would arrive (see facet.core.tests' BundleJars).
 */
final class FaultBundles {

	static final String IMPORTS = "facet.core,facet.core.modules,facet.core.spi,facet.nn.api,ai.djl.ndarray,ai.djl.ndarray.types,"
			+ "ai.djl.nn,ai.djl.nn.pooling,ai.djl.training,ai.djl.training.loss,ai.djl.util";

	private FaultBundles() {
	}

	/** Writes a bundle jar and installs and starts it; the registry has its modules on return. */
	static Bundle install(Path dir, String symbolicName, String pluginXml, String firstModule, Class<?>... classes) throws Exception {
		Path jar = dir.resolve(symbolicName + ".jar");
		BundleJars.write(jar, symbolicName, "1.0.0", IMPORTS, pluginXml, classes);
		BundleContext context = FrameworkUtil.getBundle(FaultBundles.class).getBundleContext();
		Bundle bundle = context.installBundle(jar.toUri().toString());
		bundle.start();
		waitFor(() -> facet.core.modules.ModuleRegistry.getDefault().problems().stream().anyMatch(p -> p.bundle().equals(symbolicName))
				|| facet.core.modules.ModuleRegistry.getDefault().all().stream().anyMatch(m -> m.id().equals(firstModule)),
				"module " + firstModule);
		return bundle;
	}

	/** Uninstalls a bundle and waits until the registry no longer lists the module. */
	static void uninstall(Bundle bundle, String module) throws Exception {
		if (bundle.getState() != Bundle.UNINSTALLED) {
			bundle.uninstall();
		}
		waitFor(() -> facet.core.modules.ModuleRegistry.getDefault().all().stream().noneMatch(m -> m.id().equals(module)),
				"module " + module + " to go");
	}
}
