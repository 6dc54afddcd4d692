package facet.core.modules;

import java.util.List;
import java.util.Optional;

/**
 * One typed parameter of a module, as declared by a {@code parameter} element.
 * <p>
 * The same object drives the CLI's validation, the JSON Schema and the UI's form, so that a
 * module nobody has seen before still gets all three.
 *
 * @param name key in the experiment's {@code params} object
 * @param type value type
 * @param defaultValue the value used when the experiment gives none, already converted to the
 *        Java type of {@link #type()} ({@code Long}, {@code Double}, {@code Boolean} or
 *        {@code String}); {@code null} makes the parameter required
 * @param min inclusive lower bound for numbers, or {@code null}
 * @param max inclusive upper bound for numbers, or {@code null}
 * @param choices allowed values of an {@code enum}, empty otherwise
 * @param help one sentence for tool tips and {@code facet modules}
 */
public record ParameterSpec(String name, ParameterType type, Object defaultValue, Double min, Double max,
		List<String> choices, String help) {

	public ParameterSpec {
		choices = choices == null ? List.of() : List.copyOf(choices);
		help = help == null ? "" : help;
	}

	/** Whether an experiment must give a value. */
	public boolean required() {
		return defaultValue == null;
	}

	/**
	 * Converts a value from JSON or the command line to this parameter's Java type and checks it.
	 *
	 * @param value a {@code Number}, {@code Boolean} or {@code String} as JSON gives it; a number
	 *        written as a string is refused (use {@link #parseText(String)} for text input)
	 * @return the converted value
	 * @throws IllegalArgumentException with a message saying what was expected and what was given,
	 *         without the parameter's name (the caller knows where it is)
	 */
	public Object coerce(Object value) {
		switch (type) {
			case INT -> {
				Double number = asNumber(value);
				if (number == null || number != Math.rint(number) || Double.isInfinite(number)) {
					throw new IllegalArgumentException("expected " + describe() + ", got " + quote(value));
				}
				checkRange(number, value);
				return number.longValue();
			}
			case FLOAT -> {
				Double number = asNumber(value);
				if (number == null || number.isNaN() || number.isInfinite()) {
					throw new IllegalArgumentException("expected " + describe() + ", got " + quote(value));
				}
				checkRange(number, value);
				return number;
			}
			case BOOL -> {
				if (value instanceof Boolean b) {
					return b;
				}
				throw new IllegalArgumentException("expected " + describe() + ", got " + quote(value));
			}
			case ENUM -> {
				if (value instanceof String s && choices.contains(s)) {
					return s;
				}
				throw new IllegalArgumentException("expected " + describe() + ", got " + quote(value));
			}
			case STRING, FILE -> {
				if (value instanceof String s) {
					return s;
				}
				throw new IllegalArgumentException("expected " + describe() + ", got " + quote(value));
			}
			default -> throw new IllegalStateException(type.toString());
		}
	}

	/** What a valid value looks like, in words: "an integer in [1, 8]", "one of alt, alt2". */
	public String describe() {
		return switch (type) {
			case INT -> "an integer" + rangeText();
			case FLOAT -> "a number" + rangeText();
			case BOOL -> "true or false";
			case ENUM -> "one of " + String.join(", ", choices);
			case STRING -> "a string";
			case FILE -> "a file path";
		};
	}

	private String rangeText() {
		if (min != null && max != null) {
			return " in [" + format(min) + ", " + format(max) + "]";
		}
		if (min != null) {
			return " ≥ " + format(min);
		}
		if (max != null) {
			return " ≤ " + format(max);
		}
		return "";
	}

	private void checkRange(double number, Object original) {
		if ((min != null && number < min) || (max != null && number > max)) {
			throw new IllegalArgumentException("expected " + describe() + ", got " + quote(original));
		}
	}

	private static Double asNumber(Object value) {
		if (value instanceof Number n) {
			return n.doubleValue();
		}
		return null;
	}

	/**
	 * Converts text from the command line or a form field: numbers and booleans are parsed
	 * first, then {@link #coerce(Object) checked}.
	 */
	public Object parseText(String text) {
		Object value = text;
		if (text != null && type == ParameterType.BOOL && (text.trim().equalsIgnoreCase("true") || text.trim().equalsIgnoreCase("false"))) {
			value = Boolean.valueOf(text.trim());
		}
		if (text != null && (type == ParameterType.INT || type == ParameterType.FLOAT)) {
			try {
				value = Double.valueOf(text.trim());
			} catch (NumberFormatException e) {
				value = text;
			}
		}
		return coerce(value);
	}

	/** Formats a bound without a trailing ".0" for whole numbers. */
	static String format(double value) {
		return value == Math.rint(value) && Math.abs(value) < 1e16 ? Long.toString((long) value) : Double.toString(value);
	}

	/** Renders a value as it appeared in JSON, strings quoted. */
	public static String quote(Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof String s) {
			return "\"" + s + "\"";
		}
		return value.toString();
	}

	/** The default rendered as a plain string, empty when there is none. */
	public Optional<String> defaultText() {
		if (defaultValue == null) {
			return Optional.empty();
		}
		if (defaultValue instanceof Double d) {
			return Optional.of(format(d));
		}
		return Optional.of(defaultValue.toString());
	}
}
