package facet.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import facet.cli.ExitCodes;
import facet.cli.tests.harness.CommandLineFixture;

class FacetCommandLineTest extends CommandLineFixture {

	@TempDir
	Path dir;

	@Test
	void modulesJsonListsEveryContributionWithBundleVersionAndParameters() {
		assertEquals(ExitCodes.OK, run("modules", "--json"));
		JsonArray modules = JsonParser.parseString(out).getAsJsonArray();
		Set<String> kinds = new HashSet<>();
		JsonObject backbone = null;
		for (JsonElement e : modules) {
			JsonObject m = e.getAsJsonObject();
			for (String key : List.of("kind", "id", "name", "bundle", "version", "parameters")) {
				assertTrue(m.has(key), key + " missing in " + m);
			}
			if (m.get("bundle").getAsString().equals("facet.testmodules")) {
				kinds.add(m.get("kind").getAsString());
			}
			if (m.get("id").getAsString().equals("test-backbone")) {
				backbone = m;
			}
		}
		assertEquals(Set.of("detector", "dataset", "preprocessor", "augmentation", "backbone", "attention", "head", "loss", "feature",
				"classifier"), kinds);
		JsonObject stages = backbone.getAsJsonArray("parameters").get(0).getAsJsonObject();
		assertEquals("stages", stages.get("name").getAsString());
		assertEquals("int", stages.get("type").getAsString());
		assertEquals(3, stages.get("default").getAsInt());
		assertEquals(6, stages.get("max").getAsInt());
	}

	@Test
	void modulesFilteredByKind() {
		assertEquals(ExitCodes.OK, run("modules", "--kind", "attention"));
		assertTrue(out.startsWith("attention ("), out);
		assertTrue(out.contains("test-attention — Test attention  [facet.testmodules"), out);
		assertTrue(!out.contains("test-backbone"), out);
		assertEquals(ExitCodes.BAD_INPUT, run("modules", "--kind", "optimizer"));
		assertTrue(err.contains("unknown kind 'optimizer'"), err);
	}

	@Test
	void aBrokenExperimentIsRefusedWithItsJsonPath() throws Exception {
		Path file = dir.resolve("broken.facet.json");
		Files.writeString(file, """
				{"format": 1, "name": "broken",
				 "dataset": {"id": "test-dataset"},
				 "backbone": {"id": "test-backbone"},
				 "head": {"id": "test-head"},
				 "loss": {"terms": [{"id": "test-loss", "params": {"label": "a"}},
				                    {"id": "test-loss", "weight": "x", "params": {"label": "b"}}]}}
				""");
		assertEquals(ExitCodes.BAD_INPUT, run("validate", file.toString()));
		assertEquals(file + ": $.loss.terms[1].weight: expected a number ≥ 0, got \"x\"\n", err);

		Files.writeString(file, Files.readString(file).replace("\"weight\": \"x\", ", ""));
		assertEquals(ExitCodes.OK, run("validate", file.toString()), err);
		assertTrue(out.contains(": valid (broken: dataset test-dataset, backbone test-backbone"), out);
	}

	@Test
	void missingFilesUnknownCommandsAndOptionsAreUsageErrors() {
		assertEquals(ExitCodes.BAD_INPUT, run("validate", dir.resolve("none.facet.json").toString()));
		assertTrue(err.contains("cannot read: no such file"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("trian"));
		assertTrue(err.contains("unknown command 'trian'"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("modules", "--jsn"));
		assertTrue(err.contains("unknown option --jsn"), err);
		assertEquals(ExitCodes.OK, run("help"));
		assertTrue(out.contains("modules [--kind K] [--json]"), out);
	}

	@Test
	void schemaIsJsonWithTheInstalledModules() {
		assertEquals(ExitCodes.OK, run("schema"));
		JsonObject schema = JsonParser.parseString(out).getAsJsonObject();
		assertTrue(schema.getAsJsonObject("$defs").getAsJsonObject("backbone").toString().contains("\"const\":\"test-backbone\""));
	}

	@Test
	void versionNamesFacetTheEngineAndTheMachine() {
		assertEquals(ExitCodes.OK, run("version"), err);
		assertTrue(out.startsWith("facet 0.1.0"), out);
		assertTrue(out.matches("(?s).*\nengine MXNet 1\\.9\\.\\d+ on cpu\\(\\)\n.*"), out);
		assertTrue(out.contains("cores, OMP_NUM_THREADS="), out);
	}
}
