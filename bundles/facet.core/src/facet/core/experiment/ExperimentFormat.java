package facet.core.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;

import facet.core.modules.ValidationProblem;

/**
 * Reads and writes experiment files ({@code *.facet.json}). Reading checks the structure
 * (types, required fields, ranges of the training settings) and reports every problem with
 * its JSON path; {@link ExperimentValidator} then checks modules and their parameters against
 * the installed modules.
 */
public final class ExperimentFormat {

	/** The format version this Facet writes and the newest it reads. */
	public static final int CURRENT = 1;

	private static final Set<String> TOP_LEVEL = Set.of("format", "name", "description", "dataset", "detector", "preprocessors",
			"augmentations", "backbone", "head", "loss", "optimizer", "schedule", "earlyStopping", "epochs", "batchSize", "seed", "features",
			"classifier");

	/** The model section of a network experiment. */
	private static final List<String> NETWORK_MODEL = List.of("backbone", "head", "loss");

	/** The model section of a traditional experiment. */
	private static final List<String> TRADITIONAL_MODEL = List.of("features", "classifier");

	/** Fields that only network training reads; refused beside a classifier so that nobody believes they apply. */
	private static final List<String> NETWORK_ONLY = List.of("augmentations", "optimizer", "schedule", "earlyStopping", "epochs", "batchSize");

	private ExperimentFormat() {
	}

	/** Reads an experiment file. */
	public static ExperimentSpec read(Path file) throws IOException, ExperimentException {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		} catch (java.nio.charset.MalformedInputException e) {
			throw new ExperimentException(file.toString(), List.of(new ValidationProblem("$", "the file is not UTF-8 text")));
		}
		return parse(text, file.toString());
	}

	/**
	 * Parses an experiment from JSON text.
	 *
	 * @param source names the text in messages (usually the file path)
	 */
	public static ExperimentSpec parse(String json, String source) throws ExperimentException {
		JsonElement root;
		try {
			JsonReader reader = new JsonReader(new java.io.StringReader(json));
			reader.setStrictness(Strictness.STRICT);
			root = JsonParser.parseReader(reader);
		} catch (JsonParseException | StackOverflowError e) {
			throw new ExperimentException(source, List.of(new ValidationProblem("$", "not valid JSON: " + cleanGsonMessage(e))));
		}
		Reader r = new Reader();
		ExperimentSpec spec = r.experiment(root);
		if (!r.problems.isEmpty()) {
			throw new ExperimentException(source, r.problems);
		}
		return spec;
	}

	/** Writes an experiment as pretty-printed JSON, parameters in the order given. */
	public static String toJson(ExperimentSpec spec) {
		JsonObject root = new JsonObject();
		root.addProperty("format", spec.format());
		root.addProperty("name", spec.name());
		root.add("dataset", module(spec.dataset()));
		spec.detector().ifPresent(d -> root.add("detector", module(d)));
		root.add("preprocessors", modules(spec.preprocessors()));
		if (spec.isTraditional()) {
			root.add("features", modules(spec.features()));
			root.add("classifier", module(spec.classifier().get()));
			root.addProperty("seed", spec.seed());
			return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
		}
		root.add("augmentations", modules(spec.augmentations()));
		JsonObject backbone = module(spec.backbone().module());
		JsonArray attention = new JsonArray();
		for (AttentionRef a : spec.backbone().attention()) {
			JsonObject o = new JsonObject();
			o.addProperty("id", a.module().id());
			o.addProperty("stage", a.stage());
			o.add("params", params(a.module().params()));
			attention.add(o);
		}
		backbone.add("attention", attention);
		root.add("backbone", backbone);
		root.add("head", module(spec.head()));
		JsonArray terms = new JsonArray();
		for (LossTerm t : spec.loss()) {
			JsonObject o = new JsonObject();
			o.addProperty("id", t.module().id());
			o.addProperty("weight", t.weight());
			o.add("params", params(t.module().params()));
			terms.add(o);
		}
		JsonObject loss = new JsonObject();
		loss.add("terms", terms);
		root.add("loss", loss);
		OptimizerSpec opt = spec.optimizer();
		JsonObject optimizer = new JsonObject();
		optimizer.addProperty("name", opt.name());
		optimizer.addProperty("learningRate", opt.learningRate());
		optimizer.addProperty("momentum", opt.momentum());
		optimizer.addProperty("nesterov", opt.nesterov());
		optimizer.addProperty("weightDecay", opt.weightDecay());
		optimizer.addProperty("gradientClip", opt.gradientClip());
		root.add("optimizer", optimizer);
		ScheduleSpec s = spec.schedule();
		JsonObject schedule = new JsonObject();
		schedule.addProperty("name", s.name());
		schedule.addProperty("warmupEpochs", s.warmupEpochs());
		schedule.addProperty("stepEpochs", s.stepEpochs());
		schedule.addProperty("gamma", s.gamma());
		schedule.addProperty("patience", s.patience());
		root.add("schedule", schedule);
		// the metric matters without a patience too: it picks the best checkpoint and drives the plateau schedule
		if (!spec.earlyStopping().equals(EarlyStoppingSpec.NONE)) {
			JsonObject stopping = new JsonObject();
			stopping.addProperty("metric", spec.earlyStopping().metric());
			stopping.addProperty("patience", spec.earlyStopping().patience());
			root.add("earlyStopping", stopping);
		}
		root.addProperty("epochs", spec.epochs());
		root.addProperty("batchSize", spec.batchSize());
		root.addProperty("seed", spec.seed());
		return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
	}

	private static JsonArray modules(List<ModuleRef> refs) {
		JsonArray array = new JsonArray();
		refs.forEach(r -> array.add(module(r)));
		return array;
	}

	private static JsonObject module(ModuleRef ref) {
		JsonObject o = new JsonObject();
		o.addProperty("id", ref.id());
		o.add("params", params(ref.params()));
		return o;
	}

	private static JsonObject params(Map<String, Object> params) {
		JsonObject o = new JsonObject();
		params.forEach((k, v) -> {
			if (v instanceof Number n) {
				o.addProperty(k, n);
			} else if (v instanceof Boolean b) {
				o.addProperty(k, b);
			} else {
				o.addProperty(k, String.valueOf(v));
			}
		});
		return o;
	}

	private static String cleanGsonMessage(Throwable e) {
		if (e instanceof StackOverflowError) {
			return "nested too deeply";
		}
		String message = e.getMessage() == null ? e.toString() : e.getMessage();
		int see = message.indexOf("\nSee https://");
		return see > 0 ? message.substring(0, see) : message;
	}

	/** Walks the JSON tree, collecting every problem instead of stopping at the first. */
	private static final class Reader {

		final List<ValidationProblem> problems = new ArrayList<>();

		ExperimentSpec experiment(JsonElement root) {
			if (!root.isJsonObject()) {
				problem("$", "expected an object, got " + describe(root));
				return null;
			}
			JsonObject o = root.getAsJsonObject();
			int format = CURRENT;
			if (!o.has("format")) {
				problem("$.format", "missing; expected the format version " + CURRENT);
			} else {
				JsonElement f = o.get("format");
				if (!isNumber(f) || f.getAsDouble() != Math.rint(f.getAsDouble()) || f.getAsDouble() < 1) {
					problem("$.format", "expected a format version (an integer ≥ 1), got " + describe(f));
				} else {
					format = f.getAsInt();
					if (format > CURRENT) {
						problem("$.format", "format " + format + " is newer than this Facet reads (up to " + CURRENT
								+ "); update Facet to open this file");
						return null;
					}
				}
			}
			for (String key : o.keySet()) {
				if (!TOP_LEVEL.contains(key)) {
					problem("$." + key, "unknown field; expected one of " + String.join(", ", TOP_LEVEL.stream().sorted().toList()));
				}
			}
			String name = string(o, "$", "name", "experiment", false);
			ModuleRef dataset = requiredModule(o, "$", "dataset");
			Optional<ModuleRef> detector = o.has("detector") && !o.get("detector").isJsonNull()
					? Optional.ofNullable(module(o.get("detector"), "$.detector"))
					: Optional.empty();
			List<ModuleRef> preprocessors = moduleList(o, "$", "preprocessors");
			List<String> network = NETWORK_MODEL.stream().filter(o::has).toList();
			List<String> traditional = TRADITIONAL_MODEL.stream().filter(o::has).toList();
			if (!network.isEmpty() && !traditional.isEmpty()) {
				problem("$", "an experiment has one model section, either backbone, head and loss (a network) or features and "
						+ "classifier (a traditional model); this one has " + String.join(", ", network) + " and "
						+ String.join(", ", traditional));
				return null;
			}
			if (!traditional.isEmpty()) {
				return traditional(o, format, name, dataset, detector, preprocessors);
			}
			List<ModuleRef> augmentations = moduleList(o, "$", "augmentations");
			BackboneSpec backbone = backbone(o);
			ModuleRef head = requiredModule(o, "$", "head");
			List<LossTerm> loss = loss(o);
			OptimizerSpec optimizer = optimizer(o);
			ScheduleSpec schedule = schedule(o);
			EarlyStoppingSpec earlyStopping = earlyStopping(o);
			int epochs = (int) integer(o, "$", "epochs", 10, 1, 100_000);
			int batchSize = (int) integer(o, "$", "batchSize", 64, 1, 65_536);
			long seed = integer(o, "$", "seed", 42, 0, Long.MAX_VALUE);
			if (!problems.isEmpty()) {
				return null;
			}
			return new ExperimentSpec(format, name, dataset, detector, preprocessors, augmentations, backbone, head, loss,
					optimizer, schedule, epochs, batchSize, seed, List.of(), Optional.empty(), earlyStopping);
		}

		/** features → classifier: no backbone, head, loss or training schedule. */
		ExperimentSpec traditional(JsonObject o, int format, String name, ModuleRef dataset, Optional<ModuleRef> detector,
				List<ModuleRef> preprocessors) {
			for (String key : NETWORK_ONLY) {
				if (o.has(key)) {
					problem("$." + key, "applies to network training only; a features → classifier experiment takes no " + key);
				}
			}
			List<ModuleRef> features = List.of();
			if (!o.has("features") || o.get("features").isJsonNull()) {
				problem("$.features", "missing; expected an array of {\"id\": …, \"params\": {…}} beside \"classifier\"");
			} else {
				features = moduleList(o, "$", "features");
				if (o.get("features").isJsonArray() && o.getAsJsonArray("features").isEmpty()) {
					problem("$.features", "expected at least one feature extractor");
				}
			}
			ModuleRef classifier = requiredModule(o, "$", "classifier");
			long seed = integer(o, "$", "seed", 42, 0, Long.MAX_VALUE);
			if (!problems.isEmpty()) {
				return null;
			}
			return new ExperimentSpec(format, name, dataset, detector, preprocessors, List.of(), null, null, List.of(),
					OptimizerSpec.defaults(), ScheduleSpec.defaults(), 1, 1, seed, features, Optional.of(classifier));
		}

		BackboneSpec backbone(JsonObject o) {
			ModuleRef module = requiredModule(o, "$", "backbone");
			List<AttentionRef> attention = new ArrayList<>();
			if (module != null && o.get("backbone").getAsJsonObject().has("attention")) {
				JsonElement a = o.get("backbone").getAsJsonObject().get("attention");
				if (!a.isJsonArray()) {
					problem("$.backbone.attention", "expected an array of {id, stage, params}, got " + describe(a));
				} else {
					for (int i = 0; i < a.getAsJsonArray().size(); i++) {
						String path = "$.backbone.attention[" + i + "]";
						JsonElement item = a.getAsJsonArray().get(i);
						ModuleRef ref = module(item, path, Set.of("id", "params", "stage"));
						String stage = item.isJsonObject() ? string(item.getAsJsonObject(), path, "stage", null, true) : null;
						if (ref != null && stage != null) {
							attention.add(new AttentionRef(ref, stage));
						}
					}
				}
			}
			return module == null ? null : new BackboneSpec(module, attention);
		}

		List<LossTerm> loss(JsonObject o) {
			List<LossTerm> terms = new ArrayList<>();
			if (!o.has("loss")) {
				problem("$.loss", "missing; expected {\"terms\": [{\"id\": …, \"weight\": …}]}");
				return terms;
			}
			JsonElement loss = o.get("loss");
			if (!loss.isJsonObject() || !loss.getAsJsonObject().has("terms") || !loss.getAsJsonObject().get("terms").isJsonArray()) {
				problem("$.loss", "expected {\"terms\": [{\"id\": …, \"weight\": …}]}, got " + describe(loss));
				return terms;
			}
			JsonArray array = loss.getAsJsonObject().getAsJsonArray("terms");
			if (array.isEmpty()) {
				problem("$.loss.terms", "expected at least one loss term");
			}
			for (int i = 0; i < array.size(); i++) {
				String path = "$.loss.terms[" + i + "]";
				JsonElement item = array.get(i);
				ModuleRef ref = module(item, path, Set.of("id", "params", "weight"));
				double weight = item.isJsonObject() ? number(item.getAsJsonObject(), path, "weight", 1.0, 0, Double.MAX_VALUE) : 1;
				if (ref != null) {
					terms.add(new LossTerm(ref, weight));
				}
			}
			return terms;
		}

		OptimizerSpec optimizer(JsonObject o) {
			OptimizerSpec d = OptimizerSpec.defaults();
			if (!o.has("optimizer")) {
				return d;
			}
			if (!o.get("optimizer").isJsonObject()) {
				problem("$.optimizer", "expected an object, got " + describe(o.get("optimizer")));
				return d;
			}
			JsonObject opt = o.getAsJsonObject("optimizer");
			unknownKeys(opt, "$.optimizer", Set.of("name", "learningRate", "momentum", "nesterov", "weightDecay", "gradientClip"));
			String name = choice(opt, "$.optimizer", "name", d.name(), OptimizerSpec.NAMES);
			double lr = number(opt, "$.optimizer", "learningRate", d.learningRate(), Double.MIN_VALUE, 10);
			double momentum = number(opt, "$.optimizer", "momentum", d.momentum(), 0, 0.999999);
			boolean nesterov = bool(opt, "$.optimizer", "nesterov", d.nesterov());
			double decay = number(opt, "$.optimizer", "weightDecay", d.weightDecay(), 0, 1);
			double clip = number(opt, "$.optimizer", "gradientClip", d.gradientClip(), 0, Double.MAX_VALUE);
			return new OptimizerSpec(name, lr, momentum, nesterov, decay, clip);
		}

		ScheduleSpec schedule(JsonObject o) {
			ScheduleSpec d = ScheduleSpec.defaults();
			if (!o.has("schedule")) {
				return d;
			}
			if (!o.get("schedule").isJsonObject()) {
				problem("$.schedule", "expected an object, got " + describe(o.get("schedule")));
				return d;
			}
			JsonObject s = o.getAsJsonObject("schedule");
			unknownKeys(s, "$.schedule", Set.of("name", "warmupEpochs", "stepEpochs", "gamma", "patience"));
			return new ScheduleSpec(choice(s, "$.schedule", "name", d.name(), ScheduleSpec.NAMES),
					(int) integer(s, "$.schedule", "warmupEpochs", d.warmupEpochs(), 0, 100_000),
					(int) integer(s, "$.schedule", "stepEpochs", d.stepEpochs(), 1, 100_000),
					number(s, "$.schedule", "gamma", d.gamma(), Double.MIN_VALUE, 1),
					(int) integer(s, "$.schedule", "patience", d.patience(), 0, 100_000));
		}

		EarlyStoppingSpec earlyStopping(JsonObject o) {
			if (!o.has("earlyStopping")) {
				return EarlyStoppingSpec.NONE;
			}
			if (!o.get("earlyStopping").isJsonObject()) {
				problem("$.earlyStopping", "expected an object {\"metric\": " + String.join("|", EarlyStoppingSpec.METRICS)
						+ ", \"patience\": N}, got " + describe(o.get("earlyStopping")));
				return EarlyStoppingSpec.NONE;
			}
			JsonObject s = o.getAsJsonObject("earlyStopping");
			unknownKeys(s, "$.earlyStopping", Set.of("metric", "patience"));
			String metric = choice(s, "$.earlyStopping", "metric", "accuracy", EarlyStoppingSpec.METRICS);
			return new EarlyStoppingSpec(metric == null ? "accuracy" : metric,
					(int) integer(s, "$.earlyStopping", "patience", 0, 0, 100_000));
		}

		ModuleRef requiredModule(JsonObject o, String parent, String key) {
			if (!o.has(key) || o.get(key).isJsonNull()) {
				problem(parent + "." + key, "missing; expected {\"id\": …, \"params\": {…}}");
				return null;
			}
			Set<String> allowed = key.equals("backbone") ? Set.of("id", "params", "attention") : Set.of("id", "params");
			return module(o.get(key), parent + "." + key, allowed);
		}

		List<ModuleRef> moduleList(JsonObject o, String parent, String key) {
			List<ModuleRef> refs = new ArrayList<>();
			if (!o.has(key)) {
				return refs;
			}
			JsonElement e = o.get(key);
			if (!e.isJsonArray()) {
				problem(parent + "." + key, "expected an array of {id, params}, got " + describe(e));
				return refs;
			}
			for (int i = 0; i < e.getAsJsonArray().size(); i++) {
				ModuleRef ref = module(e.getAsJsonArray().get(i), parent + "." + key + "[" + i + "]");
				if (ref != null) {
					refs.add(ref);
				}
			}
			return refs;
		}

		ModuleRef module(JsonElement e, String path) {
			return module(e, path, Set.of("id", "params"));
		}

		ModuleRef module(JsonElement e, String path, Set<String> allowed) {
			if (!e.isJsonObject()) {
				problem(path, "expected {\"id\": …, \"params\": {…}}, got " + describe(e));
				return null;
			}
			JsonObject o = e.getAsJsonObject();
			unknownKeys(o, path, allowed);
			String id = string(o, path, "id", null, true);
			Map<String, Object> params = new LinkedHashMap<>();
			if (o.has("params")) {
				JsonElement p = o.get("params");
				if (!p.isJsonObject()) {
					problem(path + ".params", "expected an object of parameter values, got " + describe(p));
				} else {
					for (Map.Entry<String, JsonElement> entry : p.getAsJsonObject().entrySet()) {
						JsonElement v = entry.getValue();
						if (v.isJsonPrimitive()) {
							JsonPrimitive primitive = v.getAsJsonPrimitive();
							params.put(entry.getKey(), primitive.isNumber() ? (Object) primitive.getAsNumber()
									: primitive.isBoolean() ? (Object) primitive.getAsBoolean() : primitive.getAsString());
						} else {
							problem(path + ".params." + entry.getKey(), "expected a number, boolean or string, got " + describe(v));
						}
					}
				}
			}
			return id == null ? null : new ModuleRef(id, params);
		}

		void unknownKeys(JsonObject o, String path, Set<String> allowed) {
			for (String key : o.keySet()) {
				if (!allowed.contains(key)) {
					problem(path + "." + key, "unknown field; expected one of " + String.join(", ", allowed.stream().sorted().toList()));
				}
			}
		}

		String string(JsonObject o, String parent, String key, String fallback, boolean required) {
			if (!o.has(key) || o.get(key).isJsonNull()) {
				if (required) {
					problem(parent + "." + key, "missing; expected a string");
				}
				return fallback;
			}
			JsonElement e = o.get(key);
			if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString() || e.getAsString().isBlank()) {
				problem(parent + "." + key, "expected a non-empty string, got " + describe(e));
				return fallback;
			}
			return e.getAsString();
		}

		String choice(JsonObject o, String parent, String key, String fallback, List<String> choices) {
			String value = string(o, parent, key, fallback, false);
			if (value != null && !choices.contains(value)) {
				problem(parent + "." + key, "expected one of " + String.join(", ", choices) + ", got \"" + value + "\"");
				return fallback;
			}
			return value;
		}

		boolean bool(JsonObject o, String parent, String key, boolean fallback) {
			if (!o.has(key)) {
				return fallback;
			}
			JsonElement e = o.get(key);
			if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
				problem(parent + "." + key, "expected true or false, got " + describe(e));
				return fallback;
			}
			return e.getAsBoolean();
		}

		double number(JsonObject o, String parent, String key, double fallback, double min, double max) {
			if (!o.has(key)) {
				return fallback;
			}
			JsonElement e = o.get(key);
			if (!isNumber(e) || e.getAsDouble() < min || e.getAsDouble() > max) {
				problem(parent + "." + key, "expected a number" + range(min, max) + ", got " + describe(e));
				return fallback;
			}
			return e.getAsDouble();
		}

		long integer(JsonObject o, String parent, String key, long fallback, long min, long max) {
			if (!o.has(key)) {
				return fallback;
			}
			JsonElement e = o.get(key);
			if (!isNumber(e) || e.getAsDouble() != Math.rint(e.getAsDouble()) || e.getAsDouble() < min || e.getAsDouble() > max) {
				problem(parent + "." + key, "expected an integer" + range(min, max) + ", got " + describe(e));
				return fallback;
			}
			return e.getAsLong();
		}

		private static String range(double min, double max) {
			boolean open = max >= Long.MAX_VALUE / 2.0;
			if (min == Double.MIN_VALUE) {
				return open ? " > 0" : " in (0, " + fmt(max) + "]";
			}
			return open ? " ≥ " + fmt(min) : " in [" + fmt(min) + ", " + fmt(max) + "]";
		}

		private static String fmt(double v) {
			return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
		}

		void problem(String path, String message) {
			problems.add(new ValidationProblem(path, message));
		}
	}

	static boolean isNumber(JsonElement e) {
		return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber();
	}

	/** How a JSON value appears in a message: strings quoted, objects and arrays by kind. */
	static String describe(JsonElement e) {
		if (e == null || e.isJsonNull()) {
			return "null";
		}
		if (e.isJsonObject()) {
			return "an object";
		}
		if (e.isJsonArray()) {
			return "an array";
		}
		JsonPrimitive p = e.getAsJsonPrimitive();
		if (p.isString()) {
			return "\"" + p.getAsString() + "\"";
		}
		return p.toString();
	}
}
