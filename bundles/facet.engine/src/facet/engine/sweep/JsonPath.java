package facet.engine.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A path into a JSON document in the form experiment problems are reported in:
 * {@code $.loss.terms[1].weight}, {@code $.backbone.attention[0].id}. Setting a value requires
 * every step but the last to exist, so that a typo is an error, not a new field.
 */
public final class JsonPath {

	private static final Pattern STEP = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)|\\[(\\d+)\\]");

	private final String text;
	private final List<Object> steps;

	private JsonPath(String text, List<Object> steps) {
		this.text = text;
		this.steps = steps;
	}

	/** @throws IllegalArgumentException saying what a path looks like */
	public static JsonPath parse(String text) {
		if (text == null || !text.startsWith("$") || text.length() < 2) {
			throw new IllegalArgumentException("expected a JSON path such as $.optimizer.learningRate or $.loss.terms[1].weight, got \"" + text + "\"");
		}
		List<Object> steps = new ArrayList<>();
		Matcher m = STEP.matcher(text);
		int at = 1;
		while (at < text.length()) {
			if (!m.find(at) || m.start() != at) {
				throw new IllegalArgumentException("expected a JSON path such as $.optimizer.learningRate or $.loss.terms[1].weight, got \"" + text
						+ "\" (cannot read it from character " + (at + 1) + ")");
			}
			steps.add(m.group(1) != null ? m.group(1) : (Object) Integer.valueOf(m.group(2)));
			at = m.end();
		}
		return new JsonPath(text, List.copyOf(steps));
	}

	/** Sets the value at this path in {@code root} (changed in place). */
	public void set(JsonElement root, JsonElement value) {
		JsonElement at = root;
		StringBuilder where = new StringBuilder("$");
		for (int i = 0; i < steps.size(); i++) {
			Object step = steps.get(i);
			boolean last = i == steps.size() - 1;
			if (step instanceof String key) {
				if (!at.isJsonObject()) {
					throw new IllegalArgumentException(where + " is not an object, so it has no field \"" + key + "\"");
				}
				JsonObject o = at.getAsJsonObject();
				if (last) {
					o.add(key, value);
					return;
				}
				if (!o.has(key)) {
					throw new IllegalArgumentException(where + " has no field \"" + key + "\"; its fields are " + String.join(", ", o.keySet()));
				}
				at = o.get(key);
				where.append('.').append(key);
			} else {
				int index = (Integer) step;
				if (!at.isJsonArray()) {
					throw new IllegalArgumentException(where + " is not an array, so it has no element [" + index + "]");
				}
				JsonArray a = at.getAsJsonArray();
				if (index >= a.size()) {
					throw new IllegalArgumentException(where + " has " + a.size() + " elements, so no element [" + index + "]");
				}
				if (last) {
					a.set(index, value);
					return;
				}
				at = a.get(index);
				where.append('[').append(index).append(']');
			}
		}
	}

	@Override
	public String toString() {
		return text;
	}
}
