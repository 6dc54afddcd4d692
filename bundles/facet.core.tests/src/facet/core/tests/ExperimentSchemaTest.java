package facet.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import facet.core.experiment.ExperimentSchema;
import facet.core.modules.ModuleRegistry;

class ExperimentSchemaTest {

	@Test
	void installedModulesAndTheirParametersExtendTheSchema() {
		JsonObject schema = JsonParser.parseString(ExperimentSchema.generate(ModuleRegistry.getDefault())).getAsJsonObject();
		JsonObject backbone = module(schema.getAsJsonObject("$defs").getAsJsonObject("backbone"), "test-backbone");
		JsonObject params = backbone.getAsJsonObject("properties").getAsJsonObject("params").getAsJsonObject("properties");
		assertEquals("integer", params.getAsJsonObject("stages").get("type").getAsString());
		assertEquals(6, params.getAsJsonObject("stages").get("maximum").getAsInt());
		assertEquals(3, params.getAsJsonObject("stages").get("default").getAsInt());
		assertEquals("[\"narrow\",\"wide\"]", params.getAsJsonObject("width").get("enum").toString());

		JsonObject loss = module(schema.getAsJsonObject("$defs").getAsJsonObject("lossTerm"), "test-loss");
		assertEquals("[\"label\"]", loss.getAsJsonObject("properties").getAsJsonObject("params").get("required").toString());
		assertEquals("#/$defs/lossTerm", schema.getAsJsonObject("properties").getAsJsonObject("loss").getAsJsonObject("properties")
				.getAsJsonObject("terms").getAsJsonObject("items").get("$ref").getAsString());
	}

	@Test
	void theNewKindsAndTheTwoModelShapesAreInTheSchema() {
		JsonObject schema = JsonParser.parseString(ExperimentSchema.generate(ModuleRegistry.getDefault())).getAsJsonObject();
		JsonObject feature = module(schema.getAsJsonObject("$defs").getAsJsonObject("feature"), "test-feature");
		assertEquals(64, feature.getAsJsonObject("properties").getAsJsonObject("params").getAsJsonObject("properties")
				.getAsJsonObject("bands").get("maximum").getAsInt());
		module(schema.getAsJsonObject("$defs").getAsJsonObject("classifier"), "test-classifier");
		assertEquals("#/$defs/feature", schema.getAsJsonObject("properties").getAsJsonObject("features").getAsJsonObject("items")
				.get("$ref").getAsString());
		assertEquals("[\"format\",\"dataset\"]", schema.get("required").toString());
		JsonArray shapes = schema.getAsJsonArray("oneOf");
		assertEquals("[\"backbone\",\"head\",\"loss\"]", shapes.get(0).getAsJsonObject().get("required").toString());
		assertEquals("[\"features\",\"classifier\"]", shapes.get(1).getAsJsonObject().get("required").toString());
	}

	private static JsonObject module(JsonObject choice, String id) {
		JsonArray oneOf = choice.getAsJsonArray("oneOf");
		for (JsonElement e : oneOf) {
			JsonObject o = e.getAsJsonObject();
			if (id.equals(o.getAsJsonObject("properties").getAsJsonObject("id").get("const").getAsString())) {
				return o;
			}
		}
		throw new AssertionError(id + " not in " + choice);
	}
}
