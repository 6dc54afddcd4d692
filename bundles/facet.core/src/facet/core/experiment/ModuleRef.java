package facet.core.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A module chosen in an experiment: its id and its raw parameter values as JSON gave them
 * ({@code Number}, {@code Boolean} or {@code String}); validated against the module's
 * declarations by {@link ExperimentValidator}.
 */
public record ModuleRef(String id, Map<String, Object> params) {

	public ModuleRef {
		params = Collections.unmodifiableMap(new LinkedHashMap<>(params == null ? Map.of() : params));
	}

	public static ModuleRef of(String id) {
		return new ModuleRef(id, Map.of());
	}
}
