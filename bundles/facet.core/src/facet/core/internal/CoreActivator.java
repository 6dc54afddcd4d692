package facet.core.internal;

import org.eclipse.core.runtime.ContributorFactoryOSGi;
import org.eclipse.core.runtime.IContributor;
import org.eclipse.core.runtime.RegistryFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

import facet.core.modules.ModuleRegistry;

/** Holds the bundle context and the one {@link ModuleRegistry} of the running platform. */
public final class CoreActivator implements BundleActivator {

	private static volatile BundleContext context;
	private static ModuleRegistry registry;

	@Override
	public void start(BundleContext bundleContext) {
		context = bundleContext;
	}

	@Override
	public void stop(BundleContext bundleContext) {
		synchronized (CoreActivator.class) {
			if (registry != null) {
				registry.dispose();
				registry = null;
			}
		}
		context = null;
	}

	/** The bundle context of facet.core, or null outside OSGi. */
	public static BundleContext context() {
		return context;
	}

	public static synchronized ModuleRegistry moduleRegistry() {
		if (registry == null) {
			if (RegistryFactory.getRegistry() == null) {
				throw new IllegalStateException("no extension registry is running (is org.eclipse.equinox.registry started?)");
			}
			registry = new ModuleRegistry(RegistryFactory.getRegistry(), CoreActivator::versionOf, CoreActivator::bundleId);
		}
		return registry;
	}

	/** The version of a contributing bundle, "unknown" where the registry cannot resolve it. */
	public static String versionOf(IContributor contributor) {
		try {
			Bundle bundle = ContributorFactoryOSGi.resolve(contributor);
			return bundle == null ? "unknown" : bundle.getVersion().toString();
		} catch (RuntimeException e) {
			return "unknown";
		}
	}

	/** The OSGi id of a contributing bundle (its install order), {@code Long.MAX_VALUE} where unknown. */
	public static long bundleId(IContributor contributor) {
		try {
			Bundle bundle = ContributorFactoryOSGi.resolve(contributor);
			return bundle == null ? Long.MAX_VALUE : bundle.getBundleId();
		} catch (RuntimeException e) {
			return Long.MAX_VALUE;
		}
	}

	/** Logs to stderr; the core has no logging dependency and its callers show errors themselves. */
	public static void log(String message, Throwable error) {
		System.err.println("facet.core: " + message + ": " + error);
	}
}
