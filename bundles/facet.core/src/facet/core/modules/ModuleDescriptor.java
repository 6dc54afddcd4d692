package facet.core.modules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import facet.core.spi.ModuleFactory;

/**
 * What the registry knows of one contribution, read from {@code plugin.xml} without loading
 * any of its classes. The factory is created on first use.
 *
 * @param kind the extension point it contributes to
 * @param id unique within its kind
 * @param name human-readable name
 * @param description one paragraph for the palette and {@code facet modules}
 * @param bundle symbolic name of the contributing bundle
 * @param version version of the contributing bundle
 * @param factoryClass the class named by the {@code class} attribute
 * @param parameters declared parameters, in declaration order
 * @param factorySupplier creates the factory; throws {@link ModuleException} naming the bundle
 */
public record ModuleDescriptor(ModuleKind kind, String id, String name, String description, String bundle, String version,
		String factoryClass, List<ParameterSpec> parameters, FactorySupplier factorySupplier) {

	/** Creates a module's factory; the registry's implementation isolates a broken contribution. */
	@FunctionalInterface
	public interface FactorySupplier {
		ModuleFactory get() throws ModuleException;
	}

	public ModuleDescriptor {
		parameters = List.copyOf(parameters);
	}

	/** A parameter by name. */
	public Optional<ParameterSpec> parameter(String parameterName) {
		return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
	}

	/** "backbone 'vgg' (facet.nn.backbones 0.1.0)", for messages. */
	public String displayName() {
		return kind.label() + " '" + id + "' (" + bundle + " " + version + ")";
	}

	/**
	 * Validates raw values (from JSON or a form) and fills in defaults.
	 *
	 * @param values parameter values by name, as JSON gives them; unknown names are refused
	 * @throws SettingsException listing every refused value, each naming the module and parameter
	 */
	public ModuleSettings settings(Map<String, ?> values) {
		List<ValidationProblem> problems = new ArrayList<>();
		Map<String, Object> checked = new LinkedHashMap<>();
		for (ParameterSpec parameter : parameters) {
			Object raw = values.get(parameter.name());
			if (raw == null) {
				if (parameter.required()) {
					problems.add(new ValidationProblem(parameter.name(),
							kind.label() + " '" + id + "' needs parameter '" + parameter.name() + "': " + parameter.describe()));
				} else {
					checked.put(parameter.name(), parameter.defaultValue());
				}
				continue;
			}
			try {
				checked.put(parameter.name(), parameter.coerce(raw));
			} catch (IllegalArgumentException e) {
				problems.add(new ValidationProblem(parameter.name(),
						kind.label() + " '" + id + "' parameter '" + parameter.name() + "': " + e.getMessage()));
			}
		}
		for (String key : values.keySet()) {
			if (parameter(key).isEmpty()) {
				problems.add(new ValidationProblem(key, kind.label() + " '" + id + "' has no parameter '" + key + "'"
						+ (parameters.isEmpty() ? " (it takes none)"
								: " (known: " + String.join(", ", parameters.stream().map(ParameterSpec::name).toList()) + ")")));
			}
		}
		if (!problems.isEmpty()) {
			throw new SettingsException(problems);
		}
		return new ModuleSettings(this, checked);
	}

	/** Settings with every default, for a module whose parameters all have one. */
	public ModuleSettings defaults() {
		return settings(Map.of());
	}

	/**
	 * The factory, created on first call by the registry. A class that cannot be loaded or that
	 * does not implement the kind's interface gives a {@link ModuleException} naming the bundle.
	 */
	public ModuleFactory factory() throws ModuleException {
		return factorySupplier.get();
	}

	/** The factory cast to the kind's interface. */
	public <F extends ModuleFactory> F factory(Class<F> type) throws ModuleException {
		ModuleFactory factory = factory();
		if (!type.isInstance(factory)) {
			throw new ModuleException(displayName() + ": factory " + factoryClass + " does not implement " + type.getName());
		}
		return type.cast(factory);
	}

	/** Wraps a plain supplier, for descriptors built by hand (tests, programmatic modules). */
	public static FactorySupplier fixed(Supplier<? extends ModuleFactory> supplier) {
		return supplier::get;
	}
}
