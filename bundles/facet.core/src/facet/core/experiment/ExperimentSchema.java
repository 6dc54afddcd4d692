package facet.core.experiment;

import java.util.List;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ParameterSpec;

/**
 * Generates the JSON Schema (draft 2020-12) of experiment files from the installed modules, so
 * that editors validate and complete module ids and parameters, including those of modules
 * installed after Facet was built.
 */
public final class ExperimentSchema {

	public static final String ID = "https://facet.invalid/schema/experiment-" + ExperimentFormat.CURRENT + ".json";

	private ExperimentSchema() {
	}

	public static String generate(ModuleRegistry registry) {
		JsonObject schema = new JsonObject();
		schema.addProperty("$schema", "https://json-schema.org/draft/2020-12/schema");
		schema.addProperty("$id", ID);
		schema.addProperty("title", "Facet experiment");
		schema.addProperty("type", "object");
		JsonObject defs = new JsonObject();
		for (ModuleKind kind : ModuleKind.values()) {
			defs.add(kind.label(), moduleChoice(registry.modules(kind), kind, false));
		}
		defs.add("attentionAtStage", moduleChoice(registry.modules(ModuleKind.ATTENTION), ModuleKind.ATTENTION, true));
		defs.add("lossTerm", lossTerm(registry.modules(ModuleKind.LOSS)));
		schema.add("$defs", defs);

		JsonObject props = new JsonObject();
		JsonObject format = new JsonObject();
		format.addProperty("const", ExperimentFormat.CURRENT);
		format.addProperty("description", "Format version of the file.");
		props.add("format", format);
		props.add("name", type("string", "Short name, used in run folder names and reports."));
		props.add("description", type("string", "Free text."));
		props.add("dataset", ref("dataset"));
		props.add("detector", ref("detector"));
		props.add("preprocessors", arrayOf(ref("preprocessor")));
		props.add("augmentations", arrayOf(ref("augmentation")));
		JsonObject backbone = new JsonObject();
		JsonArray allOf = new JsonArray();
		allOf.add(ref("backbone"));
		backbone.add("allOf", allOf);
		props.add("backbone", backbone);
		props.add("head", ref("head"));
		JsonObject loss = new JsonObject();
		loss.addProperty("type", "object");
		JsonObject lossProps = new JsonObject();
		JsonObject terms = arrayOf(ref("lossTerm"));
		terms.addProperty("minItems", 1);
		lossProps.add("terms", terms);
		loss.add("properties", lossProps);
		loss.add("required", strings(List.of("terms")));
		loss.addProperty("additionalProperties", false);
		props.add("loss", loss);
		JsonObject features = arrayOf(ref("feature"));
		features.addProperty("minItems", 1);
		features.addProperty("description", "Feature stages of a traditional model, in order: extractor vectors are concatenated, "
				+ "a post-processing stage (PCA, standardisation) replaces what comes before it.");
		props.add("features", features);
		props.add("classifier", ref("classifier"));
		props.add("optimizer", optimizer());
		props.add("schedule", schedule());
		props.add("earlyStopping", earlyStopping());
		props.add("epochs", integer(1, 100_000, "Training epochs."));
		props.add("batchSize", integer(1, 65_536, "Samples per batch."));
		props.add("seed", integer(0, -1, "Seed of every random choice of the run."));
		schema.add("properties", props);
		schema.add("required", strings(List.of("format", "dataset")));
		// exactly one model section: a network, or hand-crafted features and a classifier
		JsonArray model = new JsonArray();
		JsonObject network = new JsonObject();
		network.addProperty("title", "network: backbone → head");
		network.add("required", strings(List.of("backbone", "head", "loss")));
		model.add(network);
		JsonObject traditional = new JsonObject();
		traditional.addProperty("title", "traditional: features → classifier");
		traditional.add("required", strings(List.of("features", "classifier")));
		JsonObject notNetwork = new JsonObject();
		JsonArray networkOnly = new JsonArray();
		for (String key : List.of("backbone", "head", "loss", "augmentations", "optimizer", "schedule", "earlyStopping", "epochs", "batchSize")) {
			JsonObject requiredKey = new JsonObject();
			requiredKey.add("required", strings(List.of(key)));
			networkOnly.add(requiredKey);
		}
		notNetwork.add("anyOf", networkOnly);
		traditional.add("not", notNetwork);
		model.add(traditional);
		schema.add("oneOf", model);
		schema.addProperty("additionalProperties", false);
		return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(schema) + "\n";
	}

	private static JsonObject moduleChoice(List<ModuleDescriptor> modules, ModuleKind kind, boolean withStage) {
		JsonObject choice = new JsonObject();
		choice.addProperty("description", "A module contributed to " + kind.extensionPointId() + ".");
		JsonArray oneOf = new JsonArray();
		for (ModuleDescriptor module : modules) {
			JsonObject o = moduleObject(module, kind == ModuleKind.BACKBONE);
			if (withStage) {
				o.getAsJsonObject("properties").add("stage", type("string", "Backbone stage after which the module is inserted."));
				o.getAsJsonArray("required").add("stage");
			}
			oneOf.add(o);
		}
		if (modules.isEmpty()) {
			// no module of this kind is installed: nothing can be valid here
			choice.add("not", new JsonObject());
		} else {
			choice.add("oneOf", oneOf);
		}
		return choice;
	}

	private static JsonObject lossTerm(List<ModuleDescriptor> modules) {
		JsonObject choice = new JsonObject();
		JsonArray oneOf = new JsonArray();
		for (ModuleDescriptor module : modules) {
			JsonObject o = moduleObject(module, false);
			JsonObject weight = type("number", "Weight λ of the term in the joint loss.");
			weight.addProperty("minimum", 0);
			weight.addProperty("default", 1.0);
			o.getAsJsonObject("properties").add("weight", weight);
			oneOf.add(o);
		}
		if (modules.isEmpty()) {
			choice.add("not", new JsonObject());
		} else {
			choice.add("oneOf", oneOf);
		}
		return choice;
	}

	private static JsonObject moduleObject(ModuleDescriptor module, boolean backbone) {
		JsonObject o = new JsonObject();
		o.addProperty("type", "object");
		o.addProperty("title", module.name());
		o.addProperty("description", module.description() + " (" + module.bundle() + " " + module.version() + ")");
		JsonObject props = new JsonObject();
		JsonObject id = new JsonObject();
		id.addProperty("const", module.id());
		props.add("id", id);
		JsonObject params = new JsonObject();
		params.addProperty("type", "object");
		JsonObject paramProps = new JsonObject();
		JsonArray required = new JsonArray();
		for (ParameterSpec p : module.parameters()) {
			paramProps.add(p.name(), parameter(p));
			if (p.required()) {
				required.add(p.name());
			}
		}
		params.add("properties", paramProps);
		if (!required.isEmpty()) {
			params.add("required", required);
		}
		params.addProperty("additionalProperties", false);
		props.add("params", params);
		if (backbone) {
			props.add("attention", arrayOf(ref("attentionAtStage")));
		}
		o.add("properties", props);
		JsonArray req = new JsonArray();
		req.add("id");
		o.add("required", req);
		o.addProperty("additionalProperties", false);
		return o;
	}

	private static JsonObject parameter(ParameterSpec p) {
		JsonObject o = new JsonObject();
		switch (p.type()) {
			case INT -> o.addProperty("type", "integer");
			case FLOAT -> o.addProperty("type", "number");
			case BOOL -> o.addProperty("type", "boolean");
			case ENUM -> o.add("enum", strings(p.choices()));
			case STRING, FILE -> o.addProperty("type", "string");
		}
		if (p.type() == facet.core.modules.ParameterType.FILE) {
			o.addProperty("format", "path");
		}
		if (p.min() != null) {
			o.addProperty("minimum", p.min());
		}
		if (p.max() != null) {
			o.addProperty("maximum", p.max());
		}
		if (p.defaultValue() != null) {
			Object d = p.defaultValue();
			if (d instanceof Number n) {
				o.addProperty("default", n);
			} else if (d instanceof Boolean b) {
				o.addProperty("default", b);
			} else {
				o.addProperty("default", d.toString());
			}
		}
		if (!p.help().isEmpty()) {
			o.addProperty("description", p.help());
		}
		return o;
	}

	private static JsonObject optimizer() {
		JsonObject o = new JsonObject();
		o.addProperty("type", "object");
		JsonObject props = new JsonObject();
		JsonObject name = new JsonObject();
		name.add("enum", strings(OptimizerSpec.NAMES));
		props.add("name", name);
		JsonObject lr = type("number", "Base learning rate.");
		lr.addProperty("exclusiveMinimum", 0);
		props.add("learningRate", lr);
		props.add("momentum", bounded(0, 1, "SGD momentum."));
		props.add("nesterov", type("boolean", "Nesterov momentum for SGD."));
		props.add("weightDecay", bounded(0, 1, "L2 weight decay."));
		props.add("gradientClip", bounded(0, Double.POSITIVE_INFINITY, "Gradient norm clip; 0 disables."));
		o.add("properties", props);
		o.addProperty("additionalProperties", false);
		return o;
	}

	private static JsonObject schedule() {
		JsonObject o = new JsonObject();
		o.addProperty("type", "object");
		JsonObject props = new JsonObject();
		JsonObject name = new JsonObject();
		name.add("enum", strings(ScheduleSpec.NAMES));
		props.add("name", name);
		props.add("warmupEpochs", integer(0, 100_000, "Epochs of linear warm-up."));
		props.add("stepEpochs", integer(1, 100_000, "Epochs between decays of the step schedule."));
		props.add("gamma", bounded(0, 1, "Decay factor."));
		props.add("patience", integer(0, 100_000, "Epochs without improvement before a plateau decay."));
		o.add("properties", props);
		o.addProperty("additionalProperties", false);
		return o;
	}

	private static JsonObject earlyStopping() {
		JsonObject o = new JsonObject();
		o.addProperty("type", "object");
		o.addProperty("description", "Stop after 'patience' epochs without improvement of the validation metric, which also picks the best checkpoint.");
		JsonObject props = new JsonObject();
		JsonObject metric = new JsonObject();
		metric.add("enum", strings(EarlyStoppingSpec.METRICS));
		props.add("metric", metric);
		props.add("patience", integer(0, 100_000, "Epochs without improvement before stopping; 0 never stops early."));
		o.add("properties", props);
		o.addProperty("additionalProperties", false);
		return o;
	}

	private static JsonObject ref(String def) {
		JsonObject o = new JsonObject();
		o.addProperty("$ref", "#/$defs/" + def);
		return o;
	}

	private static JsonObject arrayOf(JsonObject items) {
		JsonObject o = new JsonObject();
		o.addProperty("type", "array");
		o.add("items", items);
		return o;
	}

	private static JsonObject type(String type, String description) {
		JsonObject o = new JsonObject();
		o.addProperty("type", type);
		o.addProperty("description", description);
		return o;
	}

	/** An integer schema; {@code max < 0} leaves it unbounded above. */
	private static JsonObject integer(long min, long max, String description) {
		JsonObject o = type("integer", description);
		o.addProperty("minimum", min);
		if (max >= 0) {
			o.addProperty("maximum", max);
		}
		return o;
	}

	/** A number schema; an infinite {@code max} leaves it unbounded above. */
	private static JsonObject bounded(double min, double max, String description) {
		JsonObject o = type("number", description);
		o.addProperty("minimum", min);
		if (!Double.isInfinite(max)) {
			o.addProperty("maximum", max);
		}
		return o;
	}

	private static JsonArray strings(List<String> values) {
		JsonArray a = new JsonArray();
		values.forEach(a::add);
		return a;
	}
}
