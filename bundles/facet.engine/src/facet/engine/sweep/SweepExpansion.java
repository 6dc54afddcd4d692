package facet.engine.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import facet.core.experiment.ExperimentException;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.experiment.ExperimentValidator;
import facet.core.modules.ValidationProblem;

/**
 * Expands a sweep into its points: the grid's cartesian product (in file order, the last path
 * varying fastest) times the random draws, or the ablation's variants. Every point's experiment
 * is resolved, read and validated; all problems of all points are reported together, each
 * naming the point and the JSON path. Pure: no files, no processes.
 */
public final class SweepExpansion {

	private SweepExpansion() {
	}

	public static List<SweepPoint> expand(SweepDefinition sweep, ExperimentValidator validator) throws ExperimentException {
		List<Map<String, JsonElement>> settings = new ArrayList<>();
		List<String> labels = new ArrayList<>();
		List<JsonObject> experiments = new ArrayList<>();
		if (sweep.kind().equals(SweepDefinition.ABLATION)) {
			for (Ablations.Variant v : Ablations.of(sweep.base())) {
				settings.add(Map.of());
				labels.add(v.label());
				experiments.add(v.experiment());
			}
		} else {
			for (Map<String, JsonElement> g : gridPoints(sweep.grid())) {
				for (Map<String, JsonElement> r : draws(sweep)) {
					Map<String, JsonElement> both = new LinkedHashMap<>(g);
					both.putAll(r);
					settings.add(both);
				}
			}
			for (Map<String, JsonElement> s : settings) {
				labels.add(label(s));
				experiments.add(sweep.base().deepCopy());
			}
		}
		List<ValidationProblem> problems = new ArrayList<>();
		List<SweepPoint> points = new ArrayList<>();
		String baseName = sweep.base().has("name") && sweep.base().get("name").isJsonPrimitive() ? sweep.base().get("name").getAsString() : sweep.name();
		for (int i = 0; i < experiments.size(); i++) {
			JsonObject json = experiments.get(i);
			String point = "point " + i + " (" + labels.get(i) + ") ";
			boolean applied = true;
			for (Map.Entry<String, JsonElement> e : settings.get(i).entrySet()) {
				try {
					JsonPath.parse(e.getKey()).set(json, e.getValue());
				} catch (IllegalArgumentException ex) {
					problems.add(new ValidationProblem(point + e.getKey(), ex.getMessage()));
					applied = false;
				}
			}
			if (!applied) {
				continue;
			}
			json.addProperty("name", baseName + " " + labels.get(i));
			String text = json.toString();
			try {
				ExperimentSpec spec = ExperimentFormat.parse(text, point);
				List<ValidationProblem> invalid = validator.validate(spec);
				if (!invalid.isEmpty()) {
					invalid.forEach(p -> problems.add(new ValidationProblem(point + p.path(), p.message())));
					continue;
				}
				Map<String, String> shown = new LinkedHashMap<>();
				settings.get(i).forEach((k, v) -> shown.put(k, v.toString()));
				points.add(new SweepPoint(i, labels.get(i), shown, spec, ExperimentFormat.toJson(spec)));
			} catch (ExperimentException ex) {
				ex.problems().forEach(p -> problems.add(new ValidationProblem(point + p.path(), p.message())));
			}
		}
		if (!problems.isEmpty()) {
			throw new ExperimentException(sweep.source(), problems);
		}
		return points;
	}

	/** The training seeds of every point: the sweep's, or the base experiment's own. */
	public static List<Long> seeds(SweepDefinition sweep, List<SweepPoint> points) {
		if (!sweep.seeds().isEmpty()) {
			return sweep.seeds();
		}
		return List.of(points.isEmpty() ? 0L : points.get(0).experiment().seed());
	}

	private static List<Map<String, JsonElement>> gridPoints(Map<String, List<JsonElement>> grid) {
		List<Map<String, JsonElement>> points = new ArrayList<>();
		points.add(new LinkedHashMap<>());
		for (Map.Entry<String, List<JsonElement>> axis : grid.entrySet()) {
			List<Map<String, JsonElement>> next = new ArrayList<>();
			for (Map<String, JsonElement> p : points) {
				for (JsonElement value : axis.getValue()) {
					Map<String, JsonElement> q = new LinkedHashMap<>(p);
					q.put(axis.getKey(), value);
					next.add(q);
				}
			}
			points = next;
		}
		return points;
	}

	private static List<Map<String, JsonElement>> draws(SweepDefinition sweep) {
		List<Map<String, JsonElement>> draws = new ArrayList<>();
		if (sweep.draws() == 0) {
			draws.add(Map.of());
			return draws;
		}
		Random random = new Random(sweep.randomSeed());
		for (int d = 0; d < sweep.draws(); d++) {
			Map<String, JsonElement> draw = new LinkedHashMap<>();
			for (Map.Entry<String, JsonObject> p : sweep.random().entrySet()) {
				Map.Entry<String, JsonElement> dist = p.getValue().entrySet().iterator().next();
				JsonArray a = dist.getValue().getAsJsonArray();
				JsonElement value = switch (dist.getKey()) {
				case "choice" -> a.get(random.nextInt(a.size()));
				case "integer" -> new JsonPrimitive(a.get(0).getAsLong() + (long) Math.floor(random.nextDouble() * (a.get(1).getAsLong() - a.get(0).getAsLong() + 1)));
				case "logUniform" -> new JsonPrimitive(round(Math.exp(Math.log(a.get(0).getAsDouble())
						+ random.nextDouble() * (Math.log(a.get(1).getAsDouble()) - Math.log(a.get(0).getAsDouble())))));
				default -> new JsonPrimitive(round(a.get(0).getAsDouble() + random.nextDouble() * (a.get(1).getAsDouble() - a.get(0).getAsDouble())));
				};
				draw.put(p.getKey(), value);
			}
			draws.add(draw);
		}
		return draws;
	}

	/** Four significant digits: enough to tell draws apart, short enough to read in a table. */
	private static double round(double v) {
		return Double.parseDouble(String.format(Locale.ROOT, "%.4g", v));
	}

	/** {@code learningRate=0.01 weight=0.5}; the full path where two paths end alike. */
	static String label(Map<String, JsonElement> settings) {
		List<String> parts = new ArrayList<>();
		Map<String, Integer> lastSteps = new LinkedHashMap<>();
		settings.keySet().forEach(k -> lastSteps.merge(lastStep(k), 1, Integer::sum));
		for (Map.Entry<String, JsonElement> e : settings.entrySet()) {
			String key = lastSteps.get(lastStep(e.getKey())) > 1 ? e.getKey().substring(2) : lastStep(e.getKey());
			JsonElement v = e.getValue();
			String value = v.isJsonPrimitive() && v.getAsJsonPrimitive().isString() ? v.getAsString() : v.toString();
			parts.add(key + "=" + value);
		}
		return parts.isEmpty() ? "base" : String.join(" ", parts);
	}

	private static String lastStep(String path) {
		int dot = path.lastIndexOf('.');
		return dot < 0 ? path : path.substring(dot + 1);
	}
}
