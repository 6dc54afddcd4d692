package facet.core.modules;

import java.util.Arrays;
import java.util.List;

/** Reads a {@code parameter} element's attributes into a checked {@link ParameterSpec}. */
final class ParameterReader {

	private ParameterReader() {
	}

	static ParameterSpec read(String rawName, String typeText, String defaultText, String minText, String maxText,
			String choicesText, String help) {
		if (rawName == null || !rawName.trim().matches("[A-Za-z][A-Za-z0-9_]*")) {
			throw new IllegalArgumentException("parameter name " + ParameterSpec.quote(rawName)
					+ " is not an identifier (letters, digits, _; starting with a letter)");
		}
		String name = rawName.trim();
		ParameterType type = ParameterType.parse(typeText).orElseThrow(() -> new IllegalArgumentException(
				"parameter '" + name + "' has type " + ParameterSpec.quote(typeText)
						+ "; expected one of int, float, bool, string, enum, file"));
		Double min = number(name, "min", minText);
		Double max = number(name, "max", maxText);
		if (min != null && max != null && min > max) {
			throw new IllegalArgumentException("parameter '" + name + "' has min " + minText + " > max " + maxText);
		}
		List<String> choices = choicesText == null || choicesText.isBlank() ? List.of()
				: Arrays.stream(choicesText.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
		if (type == ParameterType.ENUM && choices.isEmpty()) {
			throw new IllegalArgumentException("enum parameter '" + name + "' needs a choices attribute (comma-separated)");
		}
		ParameterSpec withoutDefault = new ParameterSpec(name, type, null, min, max, choices, help);
		Object defaultValue = null;
		if (defaultText != null) {
			try {
				defaultValue = withoutDefault.parseText(defaultText);
			} catch (IllegalArgumentException e) {
				throw new IllegalArgumentException("parameter '" + name + "' has default " + ParameterSpec.quote(defaultText)
						+ " that is not valid: " + e.getMessage());
			}
		}
		return new ParameterSpec(name, type, defaultValue, min, max, choices, help);
	}

	private static Double number(String name, String attribute, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Double.valueOf(text.trim());
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("parameter '" + name + "' has " + attribute + " " + ParameterSpec.quote(text)
					+ "; expected a number");
		}
	}
}
