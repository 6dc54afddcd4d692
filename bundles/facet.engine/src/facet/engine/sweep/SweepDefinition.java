package facet.engine.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;

import facet.core.experiment.ExperimentException;
import facet.core.modules.ValidationProblem;

/**
 * A sweep file ({@code *.sweep.json}): a base experiment (a path relative to the sweep file, or
 * inline), then a grid and/or random draws over experiment values addressed by JSON path, or the
 * built-in ablation, and the seeds every point runs with.
 *
 * <pre>
 * {"format": 1, "name": "lr-and-center",
 *  "base": "model-1.facet.json",
 *  "grid": {"$.optimizer.learningRate": [0.001, 0.003], "$.loss.terms[2].weight": [0, 0.01]},
 *  "random": {"draws": 4, "seed": 7, "parameters": {"$.optimizer.weightDecay": {"logUniform": [1e-5, 1e-3]}}},
 *  "seeds": [1, 2, 3]}
 * {"format": 1, "name": "what-matters", "base": "model-1.facet.json", "kind": "ablation", "seeds": 3}
 * </pre>
 *
 * @param source names the file in messages
 * @param name the sweep's name (folder and run names)
 * @param base the base experiment as JSON
 * @param kind {@code grid} (grid and/or random draws) or {@code ablation}
 * @param grid JSON path to the values it takes, in file order
 * @param draws random draws (0 for none)
 * @param randomSeed the seed of the draws
 * @param random JSON path to its distribution: {@code uniform|logUniform|integer: [low, high]} or {@code choice: [values]}
 * @param seeds the training seeds every point runs with; empty: the base experiment's seed
 */
public record SweepDefinition(String source, String name, JsonObject base, String kind, Map<String, List<JsonElement>> grid, int draws,
		long randomSeed, Map<String, JsonObject> random, List<Long> seeds) {

	public static final int CURRENT_FORMAT = 1;
	public static final String GRID = "grid";
	public static final String ABLATION = "ablation";

	public static SweepDefinition read(Path file) throws IOException, ExperimentException {
		return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), file.toAbsolutePath().getParent());
	}

	/**
	 * @param folder where a base given as a path is looked up
	 */
	public static SweepDefinition parse(String text, String source, Path folder) throws IOException, ExperimentException {
		JsonElement root;
		try {
			JsonReader reader = new JsonReader(new java.io.StringReader(text));
			reader.setStrictness(Strictness.STRICT);
			root = JsonParser.parseReader(reader);
		} catch (JsonParseException e) {
			throw new ExperimentException(source, List.of(new ValidationProblem("$", "not valid JSON: " + e.getMessage())));
		}
		List<ValidationProblem> problems = new ArrayList<>();
		if (!root.isJsonObject()) {
			throw new ExperimentException(source, List.of(new ValidationProblem("$", "expected an object with format, name, base, grid/random/kind, seeds")));
		}
		JsonObject o = root.getAsJsonObject();
		for (String key : o.keySet()) {
			if (!List.of("format", "name", "description", "base", "kind", "grid", "random", "seeds").contains(key)) {
				problems.add(new ValidationProblem("$." + key, "unknown field; a sweep has format, name, description, base, kind, grid, random, seeds"));
			}
		}
		if (!o.has("format") || !isInt(o.get("format"))) {
			problems.add(new ValidationProblem("$.format", "expected the format version (an integer, " + CURRENT_FORMAT + ")"));
		} else if (o.get("format").getAsInt() > CURRENT_FORMAT || o.get("format").getAsInt() < 1) {
			problems.add(new ValidationProblem("$.format", "this Facet reads sweep format 1 to " + CURRENT_FORMAT + ", got " + o.get("format")));
		}
		String name = string(o, "name", problems).orElse("sweep");
		if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
			problems.add(new ValidationProblem("$.name", "expected letters, digits, '.', '_' or '-' (it names a folder), got \"" + name + "\""));
		}
		JsonObject base = new JsonObject();
		if (!o.has("base")) {
			problems.add(new ValidationProblem("$.base", "missing: give the base experiment as a file path (relative to the sweep file) or inline"));
		} else if (o.get("base").isJsonObject()) {
			base = o.getAsJsonObject("base");
		} else if (o.get("base").isJsonPrimitive() && o.get("base").getAsJsonPrimitive().isString()) {
			Path file = folder == null ? Path.of(o.get("base").getAsString()) : folder.resolve(o.get("base").getAsString());
			if (!Files.isRegularFile(file)) {
				problems.add(new ValidationProblem("$.base", "no such experiment file: " + file));
			} else {
				try {
					base = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
				} catch (RuntimeException e) {
					problems.add(new ValidationProblem("$.base", file + " is not a JSON object: " + e.getMessage()));
				}
			}
		} else {
			problems.add(new ValidationProblem("$.base", "expected a file path or an experiment object"));
		}
		String kind = o.has("kind") ? o.get("kind").getAsString() : GRID;
		if (!kind.equals(GRID) && !kind.equals(ABLATION)) {
			problems.add(new ValidationProblem("$.kind", "expected \"grid\" or \"ablation\", got \"" + kind + "\""));
		}
		Map<String, List<JsonElement>> grid = new LinkedHashMap<>();
		if (o.has("grid")) {
			if (!o.get("grid").isJsonObject()) {
				problems.add(new ValidationProblem("$.grid", "expected an object: JSON path → array of values"));
			} else {
				for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("grid").entrySet()) {
					String where = "$.grid[\"" + e.getKey() + "\"]";
					checkPath(e.getKey(), where, problems);
					if (!e.getValue().isJsonArray() || e.getValue().getAsJsonArray().isEmpty()) {
						problems.add(new ValidationProblem(where, "expected a non-empty array of values"));
					} else {
						grid.put(e.getKey(), e.getValue().getAsJsonArray().asList());
					}
				}
			}
		}
		int draws = 0;
		long randomSeed = 0;
		Map<String, JsonObject> random = new LinkedHashMap<>();
		if (o.has("random")) {
			JsonObject r = o.get("random").isJsonObject() ? o.getAsJsonObject("random") : new JsonObject();
			if (!r.has("draws") || !isInt(r.get("draws")) || r.get("draws").getAsInt() < 1) {
				problems.add(new ValidationProblem("$.random.draws", "expected the number of random points (an integer ≥ 1)"));
			} else {
				draws = r.get("draws").getAsInt();
			}
			randomSeed = r.has("seed") && isInt(r.get("seed")) ? r.get("seed").getAsLong() : 0;
			if (!r.has("parameters") || !r.get("parameters").isJsonObject() || r.getAsJsonObject("parameters").isEmpty()) {
				problems.add(new ValidationProblem("$.random.parameters", "expected an object: JSON path → {\"uniform\"|\"logUniform\"|\"integer\": [low, high]} or {\"choice\": [values]}"));
			} else {
				for (Map.Entry<String, JsonElement> e : r.getAsJsonObject("parameters").entrySet()) {
					String where = "$.random.parameters[\"" + e.getKey() + "\"]";
					checkPath(e.getKey(), where, problems);
					String problem = distributionProblem(e.getValue());
					if (problem != null) {
						problems.add(new ValidationProblem(where, problem));
					} else {
						random.put(e.getKey(), e.getValue().getAsJsonObject());
					}
				}
			}
		}
		if (kind.equals(ABLATION) && (!grid.isEmpty() || o.has("random"))) {
			problems.add(new ValidationProblem("$.kind", "an ablation sweep takes no grid or random draws (run a grid sweep per ablated component instead)"));
		}
		if (kind.equals(GRID) && grid.isEmpty() && !o.has("random")) {
			problems.add(new ValidationProblem("$", "nothing to sweep: give a grid, random draws, or \"kind\": \"ablation\""));
		}
		List<Long> seeds = new ArrayList<>();
		if (o.has("seeds")) {
			JsonElement s = o.get("seeds");
			if (isInt(s) && s.getAsInt() >= 1) {
				long first = base.has("seed") && isInt(base.get("seed")) ? base.get("seed").getAsLong() : 0;
				for (int i = 0; i < s.getAsInt(); i++) {
					seeds.add(first + i);
				}
			} else if (s.isJsonArray() && !s.getAsJsonArray().isEmpty() && s.getAsJsonArray().asList().stream().allMatch(SweepDefinition::isInt)) {
				s.getAsJsonArray().forEach(v -> seeds.add(v.getAsLong()));
			} else {
				problems.add(new ValidationProblem("$.seeds", "expected a count of seeds (≥ 1, counting up from the base's seed) or an array of integer seeds"));
			}
		}
		if (!problems.isEmpty()) {
			throw new ExperimentException(source, problems);
		}
		return new SweepDefinition(source, name, base, kind, grid, draws, randomSeed, random, seeds);
	}

	private static void checkPath(String path, String where, List<ValidationProblem> problems) {
		try {
			JsonPath.parse(path);
		} catch (IllegalArgumentException e) {
			problems.add(new ValidationProblem(where, e.getMessage()));
		}
	}

	private static String distributionProblem(JsonElement d) {
		String expected = "expected {\"uniform\"|\"logUniform\"|\"integer\": [low, high]} or {\"choice\": [values]}";
		if (!d.isJsonObject() || d.getAsJsonObject().size() != 1) {
			return expected;
		}
		Map.Entry<String, JsonElement> e = d.getAsJsonObject().entrySet().iterator().next();
		if (!e.getValue().isJsonArray() || e.getValue().getAsJsonArray().isEmpty()) {
			return expected;
		}
		JsonArray a = e.getValue().getAsJsonArray();
		switch (e.getKey()) {
		case "choice":
			return null;
		case "uniform", "logUniform", "integer":
			if (a.size() != 2 || !a.get(0).isJsonPrimitive() || !a.get(0).getAsJsonPrimitive().isNumber() || !a.get(1).isJsonPrimitive()
					|| !a.get(1).getAsJsonPrimitive().isNumber() || a.get(0).getAsDouble() > a.get(1).getAsDouble()) {
				return e.getKey() + " expects [low, high] with low ≤ high";
			}
			if (e.getKey().equals("logUniform") && a.get(0).getAsDouble() <= 0) {
				return "logUniform expects low > 0";
			}
			return null;
		default:
			return expected + ", got \"" + e.getKey() + "\"";
		}
	}

	private static Optional<String> string(JsonObject o, String key, List<ValidationProblem> problems) {
		if (!o.has(key) || !o.get(key).isJsonPrimitive() || !o.get(key).getAsJsonPrimitive().isString()) {
			problems.add(new ValidationProblem("$." + key, "expected a string"));
			return Optional.empty();
		}
		return Optional.of(o.get(key).getAsString());
	}

	private static boolean isInt(JsonElement e) {
		if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
			return false;
		}
		double d = e.getAsDouble();
		return d == Math.rint(d);
	}
}
