package facet.ui.internal.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;

import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModulePlugins;
import facet.core.modules.ModuleRegistry;

/**
 * What Install Module Plugin… and Uninstall Module Plugins… do, without a dialog: install the
 * new bundles through {@link ModulePlugins} (the same path as {@code --plugin} and
 * {@code $FACET_PLUGINS}), then create the factory of every module they contribute once, so
 * that a module whose factory throws is found now, reported, and
 * {@linkplain ModuleRegistry#disable disabled} instead of failing at every later use.
 */
public final class PluginInstallation {

	/** A module that was switched off, and why. */
	public record Disabled(ModuleDescriptor module, String reason) {
		@Override
		public String toString() {
			return module.displayName() + ": " + reason;
		}
	}

	/**
	 * @param bundles the bundles installed
	 * @param modules their modules that work
	 * @param disabled their modules whose factory failed
	 * @param problems their contributions that the registry rejected (malformed plugin.xml)
	 */
	public record Outcome(List<Bundle> bundles, List<ModuleDescriptor> modules, List<Disabled> disabled, List<String> problems) {

		public boolean clean() {
			return disabled.isEmpty() && problems.isEmpty();
		}

		/** One paragraph for a dialog. */
		public String summary() {
			StringBuilder text = new StringBuilder("Installed " + bundles.size() + (bundles.size() == 1 ? " bundle" : " bundles") + ": "
					+ bundles.stream().map(b -> b.getSymbolicName() + " " + b.getVersion()).collect(Collectors.joining(", ")) + ".");
			text.append(modules.isEmpty() ? "\nNo new module." : "\nNew modules: "
					+ modules.stream().map(m -> m.kind().label() + " '" + m.id() + "'").collect(Collectors.joining(", ")) + ".");
			for (Disabled d : disabled) {
				text.append("\nDisabled ").append(d);
			}
			for (String problem : problems) {
				text.append("\nRejected ").append(problem);
			}
			return text.toString();
		}
	}

	private PluginInstallation() {
	}

	/** Whether the running framework has a bundle of this symbolic name. */
	public static boolean isInstalled(String symbolicName) {
		BundleContext context = FrameworkUtil.getBundle(PluginInstallation.class).getBundleContext();
		for (Bundle bundle : context.getBundles()) {
			if (symbolicName.equals(bundle.getSymbolicName()) && bundle.getState() != Bundle.UNINSTALLED) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Installs the candidates not installed yet and checks their modules.
	 *
	 * @throws BundleException naming the jar that could not be installed or started; then nothing stays installed
	 */
	public static Outcome install(List<PluginCandidate> candidates, ModuleRegistry registry) throws BundleException {
		List<PluginCandidate> fresh = candidates.stream().filter(c -> !c.installed()).toList();
		if (fresh.isEmpty()) {
			throw new BundleException("nothing to install: every bundle found is installed already");
		}
		List<Bundle> bundles = ModulePlugins.install(fresh.stream().map(PluginCandidate::jar).toList());
		Set<String> names = bundles.stream().map(Bundle::getSymbolicName).collect(Collectors.toSet());
		awaitContributions(bundles, names, registry);
		List<ModuleDescriptor> modules = new ArrayList<>();
		List<Disabled> disabled = new ArrayList<>();
		for (ModuleDescriptor module : registry.all()) {
			if (!names.contains(module.bundle())) {
				continue;
			}
			try {
				module.factorySupplier().get();
				modules.add(module);
			} catch (ModuleException | RuntimeException | LinkageError e) {
				disabled.add(new Disabled(module, String.valueOf(e.getMessage())));
			}
		}
		for (Disabled d : disabled) {
			registry.disable(d.module(), d.reason());
		}
		List<String> problems = registry.problems().stream().filter(p -> names.contains(p.bundle()))
				.filter(p -> !p.message().startsWith("disabled: ")).map(Object::toString).toList();
		return new Outcome(bundles, modules, disabled, problems);
	}

	/** Uninstalls bundles that {@link ModulePlugins} installed; their modules leave the registry. */
	public static void uninstall(List<Bundle> bundles) {
		ModulePlugins.uninstall(bundles);
	}

	/**
	 * The extension registry may add a new bundle's plugin.xml a moment after the bundle
	 * resolved: wait (a few seconds at most) until each bundle with a plugin.xml shows up as
	 * modules or problems.
	 */
	private static void awaitContributions(List<Bundle> bundles, Set<String> names, ModuleRegistry registry) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		for (Bundle bundle : bundles) {
			if (bundle.getEntry("plugin.xml") == null) {
				continue;
			}
			String name = bundle.getSymbolicName();
			while (registry.all().stream().noneMatch(m -> m.bundle().equals(name))
					&& registry.problems().stream().noneMatch(p -> p.bundle().equals(name)) && System.nanoTime() < deadline) {
				try {
					Thread.sleep(20);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					return;
				}
				registry.refresh();
			}
		}
	}
}
