package facet.core.modules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The validated parameter values of one module instance: every declared parameter present,
 * converted to its Java type, defaults filled in. Created only by
 * {@link ModuleDescriptor#settings(Map)}, so a factory never sees an unchecked value.
 */
public final class ModuleSettings {

	private final ModuleDescriptor module;
	private final Map<String, Object> values;

	ModuleSettings(ModuleDescriptor module, Map<String, Object> values) {
		this.module = module;
		this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
	}

	/** The module these settings are for. */
	public ModuleDescriptor module() {
		return module;
	}

	/** All values by parameter name, in declaration order. */
	public Map<String, Object> values() {
		return values;
	}

	public long getLong(String name) {
		return ((Number) require(name)).longValue();
	}

	public int getInt(String name) {
		return Math.toIntExact(getLong(name));
	}

	public double getDouble(String name) {
		return ((Number) require(name)).doubleValue();
	}

	public boolean getBoolean(String name) {
		return (Boolean) require(name);
	}

	public String getString(String name) {
		return require(name).toString();
	}

	private Object require(String name) {
		Object value = values.get(name);
		if (value == null) {
			throw new IllegalArgumentException("module " + module.kind().label() + " '" + module.id()
					+ "' declares no parameter '" + name + "' (declared: " + String.join(", ", values.keySet()) + ")");
		}
		return value;
	}

	@Override
	public String toString() {
		return module.id() + values;
	}
}
