package facet.faults.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

import facet.core.experiment.ExperimentException;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.experiment.ExperimentValidator;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ValidationProblem;
import facet.faults.tests.plugin.IdentityAttentionFactory;

/** Broken experiment files: each is refused with its file and the JSON path of the problem. */
@ExtendWith(FaultLedger.class)
class ExperimentFaultsTest {

	@TempDir
	Path dir;

	private List<ValidationProblem> problems(String json) throws Exception {
		Path file = Files.writeString(dir.resolve("broken.facet.json"), json);
		try {
			ExperimentSpec spec = ExperimentFormat.read(file);
			return new ExperimentValidator(ModuleRegistry.getDefault()).validate(spec);
		} catch (ExperimentException e) {
			assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
			return e.problems();
		}
	}

	private static void assertProblem(List<ValidationProblem> problems, String path, String... words) {
		assertTrue(!problems.isEmpty(), "the experiment was accepted");
		ValidationProblem p = problems.stream().filter(x -> x.path().equals(path)).findFirst()
				.orElseThrow(() -> new AssertionError("no problem at " + path + ": " + problems));
		for (String word : words) {
			assertTrue(p.message().contains(word), p.toString());
		}
	}

	@Test
	void invalidJsonIsRefusedWithItsPlace() throws Exception {
		List<ValidationProblem> problems = problems(Tiny.experiment(2).replace("\"epochs\": 2,", "\"epochs\": 2,,"));
		assertProblem(problems, "$", "not valid JSON", "line");
	}

	@Test
	void anUnknownModuleIdIsNamed() throws Exception {
		assertProblem(problems(Tiny.experiment(2).replace("\"separable\"", "\"no-such-backbone\"")), "$.backbone.id", "no-such-backbone");
	}

	@Test
	void aParameterOutOfRangeNamesItsRange() throws Exception {
		assertProblem(problems(Tiny.experiment(2).replace("\"reduction\": 4", "\"reduction\": 100000")),
				"$.backbone.attention[0].params.reduction", "100000");
	}

	@Test
	void aValueOfTheWrongTypeNamesWhatWasExpected() throws Exception {
		assertProblem(problems(Tiny.experiment(2).replace("\"batchSize\": 16", "\"batchSize\": \"sixteen\"")), "$.batchSize", "sixteen");
		assertProblem(problems(Tiny.experiment(2).replace("\"width\": 8", "\"width\": true")), "$.backbone.params.width", "true");
	}

	@Test
	void aFutureFormatVersionIsRefusedAsNewer() throws Exception {
		assertProblem(problems(Tiny.experiment(2).replace("\"format\": 1", "\"format\": 7")), "$.format", "7");
	}

	@Test
	void aModuleFromABundleThatIsNotInstalledAnyMoreIsNamed() throws Exception {
		String json = Tiny.experiment(2, "{\"id\": \"faults-identity\", \"stage\": \"stage1\"}", "");
		Bundle bundle = FaultBundles.install(dir, "facet.faults.identity", """
				<?xml version="1.0" encoding="UTF-8"?>
				<plugin>
				   <extension point="facet.core.attention">
				      <attention id="faults-identity" name="Identity" class="facet.faults.tests.plugin.IdentityAttentionFactory"/>
				   </extension>
				</plugin>
				""", "faults-identity", IdentityAttentionFactory.class);
		try {
			assertEquals(List.of(), problems(json), "valid while the bundle is installed");
		} finally {
			FaultBundles.uninstall(bundle, "faults-identity");
		}
		List<ValidationProblem> problems = problems(json);
		assertProblem(problems, "$.backbone.attention[0].id", "faults-identity");
		assertEquals(1, problems.size(), problems.toString());
		ExperimentException e = assertThrows(ExperimentException.class,
				() -> new ExperimentValidator(ModuleRegistry.getDefault()).requireValid(ExperimentFormat.parse(json, "x.facet.json"),
						"x.facet.json"));
		assertTrue(e.getMessage().contains("faults-identity"), e.getMessage());
	}
}
