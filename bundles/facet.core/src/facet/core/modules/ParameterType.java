package facet.core.modules;

import java.util.Locale;
import java.util.Optional;

/** The value types a module parameter can declare in its {@code parameter} element. */
public enum ParameterType {
	INT, FLOAT, BOOL, STRING, ENUM, FILE;

	/** The name used in {@code plugin.xml} and JSON. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<ParameterType> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		for (ParameterType type : values()) {
			if (type.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
				return Optional.of(type);
			}
		}
		return Optional.empty();
	}
}
