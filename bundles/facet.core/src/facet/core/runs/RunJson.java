package facet.core.runs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** The JSON form of {@link RunInfo}, written by hand so that the file stays readable and stable. */
final class RunJson {

	private RunJson() {
	}

	static JsonObject toJson(RunInfo info) {
		JsonObject o = new JsonObject();
		o.addProperty("id", info.id());
		o.addProperty("experiment", info.experiment());
		o.addProperty("seed", info.seed());
		o.addProperty("status", info.status().name());
		o.addProperty("started", info.started().toString());
		info.ended().ifPresent(e -> o.addProperty("ended", e.toString()));
		info.message().ifPresent(m -> o.addProperty("message", m));
		RunEnvironment env = info.environment();
		JsonObject e = new JsonObject();
		e.addProperty("engine", env.engine());
		e.addProperty("engineVersion", env.engineVersion());
		e.addProperty("cores", env.cores());
		e.addProperty("cpuModel", env.cpuModel());
		e.add("threads", map(env.threads()));
		e.addProperty("java", env.java());
		e.addProperty("os", env.os());
		e.add("bundles", map(env.bundles()));
		o.add("environment", e);
		return o;
	}

	static RunInfo info(JsonObject o) {
		JsonObject e = o.getAsJsonObject("environment");
		RunEnvironment env = new RunEnvironment(e.get("engine").getAsString(), e.get("engineVersion").getAsString(),
				e.get("cores").getAsInt(), e.get("cpuModel").getAsString(), strings(e.getAsJsonObject("threads")),
				e.get("java").getAsString(), e.get("os").getAsString(), strings(e.getAsJsonObject("bundles")));
		return new RunInfo(o.get("id").getAsString(), o.get("experiment").getAsString(), o.get("seed").getAsLong(),
				RunStatus.valueOf(o.get("status").getAsString()), Instant.parse(o.get("started").getAsString()),
				Optional.ofNullable(o.get("ended")).map(JsonElement::getAsString).map(Instant::parse),
				Optional.ofNullable(o.get("message")).map(JsonElement::getAsString), env);
	}

	private static JsonObject map(Map<String, String> values) {
		JsonObject o = new JsonObject();
		values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(en -> o.addProperty(en.getKey(), en.getValue()));
		return o;
	}

	private static Map<String, String> strings(JsonObject o) {
		Map<String, String> values = new LinkedHashMap<>();
		o.entrySet().forEach(en -> values.put(en.getKey(), en.getValue().getAsString()));
		return values;
	}
}
