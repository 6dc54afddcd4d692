package facet.ui.internal.sweeps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import facet.core.experiment.ExperimentException;
import facet.core.experiment.ExperimentValidator;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ValidationProblem;
import facet.core.runs.RunStore;
import facet.engine.sweep.Sweep;
import facet.engine.sweep.SweepDefinition;
import facet.engine.sweep.SweepExpansion;
import facet.engine.sweep.SweepPoint;

/**
 * A sweep being set up from the experiment editor: the experiment as base (inline), the seeds,
 * and either the ablation or values for chosen parameters (a grid). Writes the sweep file's JSON
 * and expands it with the registry's modules, so the dialog shows the points before anything runs.
 */
public final class SweepDraft {

	private final JsonObject experiment;
	private String name;
	private int seeds = 3;
	private boolean ablation;
	private final Map<String, String> grid = new LinkedHashMap<>();

	/** @param experimentJson the experiment as the editor holds it */
	public SweepDraft(String experimentJson) {
		JsonElement root = JsonParser.parseString(experimentJson);
		if (!root.isJsonObject()) {
			throw new IllegalArgumentException("the experiment is not a JSON object");
		}
		experiment = root.getAsJsonObject();
		String base = experiment.has("name") && experiment.get("name").isJsonPrimitive() ? experiment.get("name").getAsString() : "experiment";
		name = base.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[^A-Za-z0-9]+", "") + "-sweep";
	}

	public String name() {
		return name;
	}

	public SweepDraft name(String newName) {
		name = newName;
		return this;
	}

	public int seeds() {
		return seeds;
	}

	public SweepDraft seeds(int count) {
		seeds = count;
		return this;
	}

	public boolean ablation() {
		return ablation;
	}

	/** The ablation: the full experiment and one point per attention module, augmentation and extra loss term removed. */
	public SweepDraft ablation(boolean on) {
		ablation = on;
		return this;
	}

	/** Values a parameter takes, comma-separated as typed ({@code 0.001, 0.003}); blank removes it. */
	public SweepDraft vary(String path, String values) {
		if (values == null || values.isBlank()) {
			grid.remove(path);
		} else {
			grid.put(path, values);
		}
		return this;
	}

	public Map<String, String> grid() {
		return Map.copyOf(grid);
	}

	/**
	 * The parameters worth offering: every number and true/false of the experiment by JSON path
	 * ({@code $.optimizer.learningRate}, {@code $.loss.terms[1].weight}), the format and seed left out.
	 */
	public List<String> parameters() {
		List<String> paths = new ArrayList<>();
		collect(experiment, "$", paths);
		paths.removeIf(p -> p.equals("$.format") || p.equals("$.seed"));
		return paths;
	}

	private static void collect(JsonElement e, String path, List<String> into) {
		if (e.isJsonObject()) {
			e.getAsJsonObject().entrySet().forEach(f -> collect(f.getValue(), path + "." + f.getKey(), into));
		} else if (e.isJsonArray()) {
			JsonArray a = e.getAsJsonArray();
			for (int i = 0; i < a.size(); i++) {
				collect(a.get(i), path + "[" + i + "]", into);
			}
		} else if (e.isJsonPrimitive() && (e.getAsJsonPrimitive().isNumber() || e.getAsJsonPrimitive().isBoolean())) {
			into.add(path);
		}
	}

	/** The sweep file: format, name, the experiment inline as base, the ablation or the grid, the seeds. */
	public String toJson() {
		JsonObject o = new JsonObject();
		o.addProperty("format", SweepDefinition.CURRENT_FORMAT);
		o.addProperty("name", name);
		o.add("base", experiment.deepCopy());
		if (ablation) {
			o.addProperty("kind", SweepDefinition.ABLATION);
		} else {
			JsonObject g = new JsonObject();
			grid.forEach((path, values) -> g.add(path, values(values)));
			o.add("grid", g);
		}
		o.addProperty("seeds", seeds);
		return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n";
	}

	/** Each comma-separated value as JSON when it reads as JSON (numbers, true, "text"), else as text. */
	static JsonArray values(String text) {
		JsonArray a = new JsonArray();
		for (String part : text.split(",")) {
			String v = part.trim();
			if (v.isEmpty()) {
				continue;
			}
			try {
				JsonElement e = JsonParser.parseString(v);
				a.add(e.isJsonPrimitive() ? e : new JsonPrimitive(v));
			} catch (RuntimeException ex) {
				a.add(v);
			}
		}
		return a;
	}

	/** The parsed sweep; its problems (each naming a JSON path) when it cannot run. */
	public SweepDefinition definition() throws ExperimentException {
		try {
			return SweepDefinition.parse(toJson(), name + ".sweep.json", null);
		} catch (IOException e) {
			throw new ExperimentException(name, List.of(new ValidationProblem("$", e.getMessage())));
		}
	}

	/** The points, validated against the registry's modules. */
	public List<SweepPoint> expand(ModuleRegistry registry) throws ExperimentException {
		return SweepExpansion.expand(definition(), new ExperimentValidator(registry));
	}

	/**
	 * Writes the sweep folder in the store, ready to run with the executor ({@code local} or
	 * {@code slurm}); its tasks run {@code launcher} ({@code ./facet}).
	 */
	public Sweep create(RunStore store, ModuleRegistry registry, String executor, Path launcher) throws ExperimentException, IOException {
		SweepDefinition definition = definition();
		List<SweepPoint> points = SweepExpansion.expand(definition, new ExperimentValidator(registry));
		return Sweep.create(store, definition, toJson(), points, SweepExpansion.seeds(definition, points), launcher, executor);
	}

	/** The launcher the workbench was started with: {@code $FACET_ROOT/facet} (./facet exports it), or {@code -Dfacet.launcher}. */
	public static Optional<Path> launcher() {
		String path = System.getProperty("facet.launcher");
		if (path == null && System.getenv("FACET_ROOT") != null) {
			path = Path.of(System.getenv("FACET_ROOT"), "facet").toString();
		}
		return path != null && Files.isExecutable(Path.of(path)) ? Optional.of(Path.of(path).toAbsolutePath()) : Optional.empty();
	}

	/** {@code 5 points × 2 seeds = 10 runs}, or the first problems. */
	public String summary(ModuleRegistry registry) {
		try {
			int points = expand(registry).size();
			return String.format(Locale.ROOT, "%d point%s × %d seed%s = %d runs", points, points == 1 ? "" : "s", seeds, seeds == 1 ? "" : "s", points * seeds);
		} catch (ExperimentException e) {
			return String.join("\n", e.problems().stream().limit(4).map(ValidationProblem::toString).toList());
		}
	}
}
