package facet.platform.djl.internal;

import java.util.ServiceLoader;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineProvider;

/**
 * Registers the DJL engines embedded in this bundle.
 * <p>
 * DJL finds engines with {@link ServiceLoader} on the thread's context class loader, which
 * inside OSGi does not see the embedded jars. Loading the providers through this bundle's own
 * class loader (which holds every embedded DJL jar) makes the registration independent of the
 * caller, and names no engine class: a second engine jar on the Bundle-ClassPath registers
 * the same way.
 */
public final class DjlActivator implements BundleActivator {

	@Override
	public void start(BundleContext context) {
		if (System.getProperty("ai.djl.offline") == null) {
			// Facet never downloads at run time: weights come from the setup, natives from the bundle.
			System.setProperty("ai.djl.offline", "true");
		}
		for (EngineProvider provider : ServiceLoader.load(EngineProvider.class, DjlActivator.class.getClassLoader())) {
			Engine.registerEngine(provider);
		}
	}

	@Override
	public void stop(BundleContext context) {
		// DJL keeps no per-bundle state that could be released here.
	}
}
