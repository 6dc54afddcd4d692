package facet.ui.internal.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.prefs.BackingStoreException;

import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModulePlugins;
import facet.core.modules.ModuleRegistry;
import facet.ui.internal.preferences.FacetPreferences;

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
	 * Installs as {@link #install} does and remembers the jars in the preferences, so that the
	 * workbench installs them again at its next start ({@link #reinstallRemembered}).
	 */
	public static Outcome installAndRemember(List<PluginCandidate> candidates, ModuleRegistry registry, FacetPreferences preferences)
			throws BundleException {
		Outcome outcome = install(candidates, registry);
		try {
			preferences.rememberPlugins(outcome.bundles().stream().map(PluginInstallation::jarOf).toList());
		} catch (BackingStoreException e) {
			throw new BundleException("installed, but not remembered for the next start: " + e.getMessage(), e);
		}
		return outcome;
	}

	/** Uninstalls and forgets: the workbench will not install these bundles again at its next start. */
	public static void uninstallAndForget(List<Bundle> bundles, FacetPreferences preferences) throws BackingStoreException {
		List<Path> jars = bundles.stream().map(PluginInstallation::jarOf).toList();
		uninstall(bundles);
		preferences.forgetPlugins(jars);
	}

	/**
	 * At start: installs again what Install Module Plugin… installed before, one installation
	 * (a jar, or the bundles of one update site choice) at a time, so that one broken set does
	 * not keep the others out. A remembered jar that is gone is reported and forgotten.
	 *
	 * @return one message per installation that failed, naming the jar and why; empty when all came back
	 */
	public static List<String> reinstallRemembered(FacetPreferences preferences, ModuleRegistry registry) {
		List<String> problems = new ArrayList<>();
		for (List<Path> set : preferences.rememberedPlugins()) {
			List<Path> gone = set.stream().filter(jar -> !Files.isRegularFile(jar)).toList();
			if (!gone.isEmpty()) {
				problems.add("Module plug-in " + String.join(", ", gone.stream().map(Path::toString).toList())
						+ " was installed in an earlier session but is gone; Facet forgets it (install it again with File > Install Module Plugin…)");
				forget(preferences, set, problems);
				continue;
			}
			try {
				List<PluginCandidate> candidates = new ArrayList<>();
				for (Path jar : set) {
					candidates.add(PluginSource.read(jar, PluginInstallation::isInstalled));
				}
				if (candidates.stream().allMatch(PluginCandidate::installed)) {
					continue; // $FACET_PLUGINS brought them already
				}
				Outcome outcome = install(candidates, registry);
				for (Disabled d : outcome.disabled()) {
					problems.add("Module plug-in " + set.get(0) + ": disabled " + d);
				}
			} catch (IOException | BundleException | RuntimeException e) {
				problems.add("Module plug-in " + String.join(", ", set.stream().map(Path::toString).toList()) + " not installed again: " + e.getMessage());
			}
		}
		return problems;
	}

	private static void forget(FacetPreferences preferences, List<Path> set, List<String> problems) {
		try {
			preferences.forgetPlugins(set);
		} catch (BackingStoreException e) {
			problems.add("cannot forget " + set + ": " + e.getMessage());
		}
	}

	/** The jar a bundle was installed from (its location is the jar's file URI). */
	static Path jarOf(Bundle bundle) {
		String location = bundle.getLocation();
		try {
			return Path.of(java.net.URI.create(location));
		} catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
			return Path.of(location.replaceFirst("^file:", ""));
		}
	}

	/**
	 * The running framework as an update site's requirements see it: a bundle that runs in any
	 * version counts as there (a second version of a singleton would not resolve), packages count
	 * when a bundle (the system bundle too) exports them in the range.
	 */
	public static UpdateSite.Platform platform() {
		BundleContext context = FrameworkUtil.getBundle(PluginInstallation.class).getBundleContext();
		return new UpdateSite.Platform() {
			@Override
			public boolean hasBundle(String symbolicName, VersionRange range) {
				return isInstalled(symbolicName);
			}

			@Override
			public boolean exportsPackage(String name, VersionRange range) {
				for (Bundle bundle : context.getBundles()) {
					BundleRevision revision = bundle.adapt(BundleRevision.class);
					if (revision == null || bundle.getState() == Bundle.UNINSTALLED) {
						continue;
					}
					for (BundleCapability c : revision.getDeclaredCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
						Object version = c.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
						if (name.equals(c.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))
								&& range.includes(version instanceof Version v ? v : Version.emptyVersion)) {
							return true;
						}
					}
				}
				return false;
			}

			@Override
			public Map<String, Object> filterProperties() {
				Map<String, Object> properties = new HashMap<>();
				properties.put("osgi.os", org.eclipse.core.runtime.Platform.getOS());
				properties.put("osgi.ws", org.eclipse.core.runtime.Platform.getWS());
				properties.put("osgi.arch", org.eclipse.core.runtime.Platform.getOSArch());
				properties.put("osgi.nl", org.eclipse.core.runtime.Platform.getNL());
				return properties;
			}
		};
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
