package facet.core.modules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IContributor;
import org.eclipse.core.runtime.IExtension;
import org.eclipse.core.runtime.IExtensionPoint;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.IRegistryEventListener;
import org.eclipse.core.runtime.InvalidRegistryObjectException;

import facet.core.internal.CoreActivator;
import facet.core.spi.ModuleFactory;

/**
 * One cached view of every module contributed to Facet's extension points.
 * <p>
 * Reads {@code plugin.xml} contributions without loading their classes, follows the extension
 * registry (a bundle installed while Facet runs appears, an uninstalled one disappears) and
 * isolates broken contributions: a missing attribute, a malformed parameter, a duplicate id or
 * a factory class that cannot be loaded is reported in {@link #problems()} with the
 * contributing bundle, and never breaks the other modules.
 */
public final class ModuleRegistry {

	/** Told when the set of modules changed; may be called on any thread. */
	@FunctionalInterface
	public interface Listener {
		void modulesChanged(ModuleRegistry registry);
	}

	/** A contribution that was rejected, and why. */
	public record Problem(String bundle, ModuleKind kind, String id, String message) {
		@Override
		public String toString() {
			return bundle + ": " + kind.label() + (id == null ? "" : " '" + id + "'") + ": " + message;
		}
	}

	private final IExtensionRegistry registry;
	private final Function<IContributor, String> versionOf;
	private final java.util.function.ToLongFunction<IContributor> installOrder;
	private final List<Listener> listeners = new CopyOnWriteArrayList<>();
	private final Map<String, ModuleFactory> factories = new ConcurrentHashMap<>();
	/** "kind/id/bundle" of modules switched off while Facet runs, with the reason. */
	private final Map<String, String> disabled = new ConcurrentHashMap<>();
	private final IRegistryEventListener registryListener = new IRegistryEventListener() {
		@Override
		public void added(IExtension[] extensions) {
			changed();
		}

		@Override
		public void removed(IExtension[] extensions) {
			changed();
		}

		@Override
		public void added(IExtensionPoint[] extensionPoints) {
			changed();
		}

		@Override
		public void removed(IExtensionPoint[] extensionPoints) {
			changed();
		}
	};

	private volatile Snapshot snapshot;

	private record Snapshot(Map<ModuleKind, Map<String, ModuleDescriptor>> modules, List<Problem> problems) {
	}

	/**
	 * @param registry the extension registry to read and follow
	 * @param versionOf the version of a contributing bundle ({@code "unknown"} where it cannot tell)
	 * @param installOrder orders contributing bundles (the OSGi bundle id); the first installed
	 *        keeps a contested module id
	 */
	public ModuleRegistry(IExtensionRegistry registry, Function<IContributor, String> versionOf,
			java.util.function.ToLongFunction<IContributor> installOrder) {
		this.registry = registry;
		this.versionOf = versionOf;
		this.installOrder = installOrder;
		// null: every extension point; one listener per point would be eight, and a change is rare
		registry.addListener(registryListener);
		this.snapshot = read();
	}

	/** The registry of the running platform, created on first use. */
	public static ModuleRegistry getDefault() {
		return CoreActivator.moduleRegistry();
	}

	/** Every module of a kind, sorted by id. */
	public List<ModuleDescriptor> modules(ModuleKind kind) {
		return List.copyOf(snapshot.modules().get(kind).values());
	}

	/** Every module of every kind, grouped by kind in {@link ModuleKind} order. */
	public List<ModuleDescriptor> all() {
		List<ModuleDescriptor> all = new ArrayList<>();
		for (ModuleKind kind : ModuleKind.values()) {
			all.addAll(modules(kind));
		}
		return all;
	}

	public Optional<ModuleDescriptor> find(ModuleKind kind, String id) {
		return Optional.ofNullable(snapshot.modules().get(kind).get(id));
	}

	/**
	 * A module by kind and id.
	 *
	 * @throws ModuleException "unknown backbone 'x'; installed: a, b" when there is none
	 */
	public ModuleDescriptor get(ModuleKind kind, String id) throws ModuleException {
		return find(kind, id).orElseThrow(() -> new ModuleException(unknownMessage(kind, id)));
	}

	/** The message for an id that no installed bundle contributes, listing what is installed. */
	public String unknownMessage(ModuleKind kind, String id) {
		List<String> ids = List.copyOf(snapshot.modules().get(kind).keySet());
		String rejected = snapshot.problems().stream().filter(p -> p.kind() == kind && id.equals(p.id()))
				.map(p -> "; a contribution with that id was rejected: " + p.message()).findFirst().orElse("");
		return "unknown " + kind.label() + " '" + id + "'" + rejected
				+ (ids.isEmpty() ? "; no " + kind.label() + " module is installed" : "; installed: " + String.join(", ", ids));
	}

	/** Contributions that were rejected since the last change. */
	public List<Problem> problems() {
		return snapshot.problems();
	}

	public void addListener(Listener listener) {
		listeners.add(listener);
	}

	public void removeListener(Listener listener) {
		listeners.remove(listener);
	}

	/** Rereads the extension registry now (the registry's own events do the same, asynchronously). */
	public void refresh() {
		snapshot = read();
	}

	/**
	 * Switches a module off until its bundle is uninstalled or Facet restarts: it leaves the
	 * module lists and appears in {@link #problems()} with the reason. For a module whose
	 * factory cannot be created: it would otherwise be offered and fail at every use.
	 */
	public void disable(ModuleDescriptor module, String reason) {
		disabled.put(disabledKey(module.kind(), module.id(), module.bundle()), reason);
		changed();
	}

	/** Forgets the modules of a bundle that were {@link #disable disabled}, so that a new copy of it starts clean. */
	public void forgetDisabled(String bundle) {
		if (disabled.keySet().removeIf(key -> key.endsWith("/" + bundle))) {
			changed();
		}
	}

	private static String disabledKey(ModuleKind kind, String id, String bundle) {
		return kind + "/" + id + "/" + bundle;
	}

	/** Stops following the extension registry. */
	public void dispose() {
		registry.removeListener(registryListener);
		listeners.clear();
	}

	private void changed() {
		factories.clear();
		snapshot = read();
		for (Listener listener : listeners) {
			try {
				listener.modulesChanged(this);
			} catch (RuntimeException e) {
				// a broken listener must not stop the others from hearing about the change
				CoreActivator.log("module registry listener failed", e);
			}
		}
	}

	private Snapshot read() {
		Map<ModuleKind, Map<String, ModuleDescriptor>> modules = new EnumMap<>(ModuleKind.class);
		List<Problem> problems = new ArrayList<>();
		for (ModuleKind kind : ModuleKind.values()) {
			Map<String, ModuleDescriptor> byId = new LinkedHashMap<>();
			for (IConfigurationElement element : inInstallOrder(registry.getConfigurationElementsFor(kind.extensionPointId()))) {
				try {
					readContribution(kind, element, byId, problems);
				} catch (InvalidRegistryObjectException e) {
					// the contributing bundle went away while we read it: it is simply gone
				} catch (RuntimeException e) {
					problems.add(new Problem(contributorName(element), kind, null, "unreadable contribution: " + e));
				}
			}
			Map<String, ModuleDescriptor> sorted = new LinkedHashMap<>();
			byId.keySet().stream().sorted().forEach(id -> sorted.put(id, byId.get(id)));
			modules.put(kind, Collections.unmodifiableMap(sorted));
		}
		return new Snapshot(Collections.unmodifiableMap(modules), List.copyOf(problems));
	}

	/**
	 * Sorts contributions by the install order of their bundles, so that of two bundles with the
	 * same module id the one installed first keeps it, whatever order the registry reports.
	 */
	private IConfigurationElement[] inInstallOrder(IConfigurationElement[] elements) {
		IConfigurationElement[] sorted = elements.clone();
		java.util.Arrays.sort(sorted, java.util.Comparator.comparingLong(e -> installOrder.applyAsLong(e.getContributor())));
		return sorted;
	}

	private void readContribution(ModuleKind kind, IConfigurationElement element, Map<String, ModuleDescriptor> byId,
			List<Problem> problems) {
		String bundle = contributorName(element);
		if (!kind.elementName().equals(element.getName())) {
			problems.add(new Problem(bundle, kind, null,
					"element <" + element.getName() + "> is not allowed here; expected <" + kind.elementName() + ">"));
			return;
		}
		String id = trimToNull(element.getAttribute("id"));
		List<String> missing = new ArrayList<>();
		for (String attribute : List.of("id", "name", "class")) {
			if (trimToNull(element.getAttribute(attribute)) == null) {
				missing.add(attribute);
			}
		}
		if (!missing.isEmpty()) {
			problems.add(new Problem(bundle, kind, id, "missing required attribute " + String.join(", ", missing)));
			return;
		}
		if (!id.matches("[a-z0-9][a-z0-9.+_-]*")) {
			problems.add(new Problem(bundle, kind, id,
					"id must be lower-case letters, digits and . + _ - (it is used on the command line and in JSON)"));
			return;
		}
		ModuleDescriptor existing = byId.get(id);
		if (existing != null) {
			problems.add(new Problem(bundle, kind, id, "duplicate id: already contributed by " + existing.bundle()
					+ "; this contribution is ignored"));
			return;
		}
		List<ParameterSpec> parameters = new ArrayList<>();
		for (IConfigurationElement child : element.getChildren("parameter")) {
			try {
				ParameterSpec parameter = ParameterReader.read(child.getAttribute("name"), child.getAttribute("type"),
						child.getAttribute("default"), child.getAttribute("min"), child.getAttribute("max"),
						child.getAttribute("choices"), child.getAttribute("help"));
				if (parameters.stream().anyMatch(p -> p.name().equals(parameter.name()))) {
					throw new IllegalArgumentException("parameter '" + parameter.name() + "' is declared twice");
				}
				parameters.add(parameter);
			} catch (IllegalArgumentException e) {
				problems.add(new Problem(bundle, kind, id, e.getMessage()));
				return;
			}
		}
		String disabledReason = disabled.get(disabledKey(kind, id, bundle));
		if (disabledReason != null) {
			problems.add(new Problem(bundle, kind, id, "disabled: " + disabledReason));
			return;
		}
		String factoryClass = element.getAttribute("class").trim();
		String version = versionOf.apply(element.getContributor());
		String key = kind + "/" + id + "/" + bundle + "/" + version;
		String description = trimToNull(element.getAttribute("description"));
		ModuleDescriptor.FactorySupplier supplier = () -> createFactory(kind, id, bundle, factoryClass, element, key);
		byId.put(id, new ModuleDescriptor(kind, id, element.getAttribute("name").trim(), description == null ? "" : description,
				bundle, version, factoryClass, parameters, supplier));
	}

	private ModuleFactory createFactory(ModuleKind kind, String id, String bundle, String factoryClass,
			IConfigurationElement element, String key) throws ModuleException {
		ModuleFactory cached = factories.get(key);
		if (cached != null) {
			return cached;
		}
		String where = kind.label() + " '" + id + "' from bundle " + bundle;
		Object created;
		try {
			created = element.createExecutableExtension("class");
		} catch (CoreException e) {
			throw new ModuleException(where + ": cannot create factory " + factoryClass + ": " + rootMessage(e), e);
		} catch (InvalidRegistryObjectException e) {
			throw new ModuleException(where + " is no longer installed", e);
		} catch (LinkageError | RuntimeException e) {
			// a missing dependency or a throwing constructor: report it, never take the caller down
			throw new ModuleException(where + ": factory " + factoryClass + " failed to load: " + e, e);
		}
		if (!kind.factoryType().isInstance(created)) {
			throw new ModuleException(where + ": factory " + factoryClass + " does not implement " + kind.factoryType().getName());
		}
		ModuleFactory factory = (ModuleFactory) created;
		factories.put(key, factory);
		return factory;
	}

	private static String rootMessage(Throwable e) {
		Throwable root = e;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
	}

	private static String contributorName(IConfigurationElement element) {
		try {
			return element.getContributor().getName();
		} catch (RuntimeException e) {
			return "<unknown bundle>";
		}
	}

	private static String trimToNull(String text) {
		return text == null || text.isBlank() ? null : text.trim();
	}
}
