package facet.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import facet.cli.ExitCodes;
import facet.cli.tests.harness.CommandLineFixture;

/** {@code facet ablate} in process: the dry run of the paper's second model, usage errors, and a real tiny ablation. */
class AblateCommandTest extends CommandLineFixture {

	@TempDir
	Path dir;

	@Test
	void aDryRunListsTheVariantsAndWritesThemWithoutTraining() throws IOException {
		Path runs = dir.resolve("runs");
		assertEquals(ExitCodes.OK, run("ablate", example("model-2.facet.json").toString(), "--seeds", "3", "--epochs", "2", "--runs",
				runs.toString(), "--dry-run", "--write", dir.resolve("out").toString()), err);
		assertTrue(out.contains("Ablation of model-2: the base and 5 variants, seeds 42..44, 2 epochs each: 18 runs"), out);
		for (String name : List.of("without attention cam at stage2", "without attention msa at stage3", "without augmentation hflip",
				"without augmentation cutout", "backbone ghost-resnet without se")) {
			assertTrue(out.contains("  " + name + "\n"), name + " missing from\n" + out);
		}
		try (Stream<Path> files = Files.list(dir.resolve("out"))) {
			assertEquals(5, files.count());
		}
		assertTrue(Files.readString(dir.resolve("out").resolve("without-augmentation-cutout.facet.json")).contains("\"epochs\": 2"));
		assertTrue(Files.notExists(runs), "a dry run trains nothing and writes no index");
	}

	@Test
	void badUsageIsRefused() throws IOException {
		assertEquals(ExitCodes.BAD_INPUT, run("ablate", example("model-2.facet.json").toString(), "--write", dir.toString()));
		assertTrue(err.contains("--write DIR goes with --dry-run"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("ablate", "--resume", dir.resolve("none.json").toString()));
		assertTrue(err.contains("no such ablation index"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("ablate", example("model-2.facet.json").toString(), "--seeds", "0", "--dry-run"));
		assertTrue(err.contains("--seeds must be ≥ 1"), err);
	}

	@Test
	void aTinyAblationWritesItsIndexAndTable() throws IOException {
		Path exp = dir.resolve("tiny.facet.json");
		Files.writeString(exp, """
				{"format": 1, "name": "tiny",
				 "dataset": {"id": "synthetic", "params": {"perClass": 12, "size": 20, "identities": 21, "seed": 3}},
				 "preprocessors": [{"id": "normalize"}],
				 "augmentations": [{"id": "hflip"}],
				 "backbone": {"id": "separable", "params": {"stages": 2, "width": 8}},
				 "head": {"id": "linear", "params": {"dropout": 0.1}},
				 "loss": {"terms": [{"id": "cross-entropy", "weight": 1.0}]},
				 "optimizer": {"name": "adam", "learningRate": 0.003, "weightDecay": 0},
				 "epochs": 3, "batchSize": 16, "seed": 7}
				""");
		Path runs = dir.resolve("runs");
		assertEquals(ExitCodes.OK, run("ablate", exp.toString(), "--epochs", "1", "--runs", runs.toString(), "--threads", "1"), err);
		Path index;
		try (Stream<Path> files = Files.list(runs.resolve("ablations"))) {
			index = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
		}
		assertTrue(index.getFileName().toString().startsWith("tiny-"), index.toString());
		JsonObject o = JsonParser.parseString(Files.readString(index)).getAsJsonObject();
		assertEquals(1, o.getAsJsonObject("experiment").get("epochs").getAsInt());
		assertEquals(2, o.getAsJsonArray("variants").size());
		String ablated = o.getAsJsonArray("variants").get(1).getAsJsonObject().getAsJsonArray("runs").get(0).getAsJsonObject().get("run")
				.getAsString();
		assertTrue(Files.isRegularFile(runs.resolve(ablated).resolve("evaluation-test.json")));
		assertTrue(out.contains("Ablation of tiny on the test split") && out.contains("tiny without augmentation hflip"), out);
		String stem = index.getFileName().toString().replace(".json", "");
		assertTrue(Files.readString(index.resolveSibling(stem + ".md")).contains("| tiny without augmentation hflip | 1 |"));
		assertTrue(Files.readString(index.resolveSibling(stem + ".csv")).startsWith("experiment,change,runs,accuracy"));

		// rerunning the same index trains nothing and prints the same table
		assertEquals(ExitCodes.OK, run("ablate", "--resume", index.toString()), err);
		assertTrue(err.contains("completed earlier as " + ablated), err);
		try (Stream<Path> folders = Files.list(runs)) {
			assertEquals(3, folders.count(), "two runs and the ablations folder");
		}
	}

	static Path example(String relative) throws IOException {
		Path rel = Path.of("examples").resolve(relative);
		for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
			if (Files.isRegularFile(p.resolve(rel))) {
				return p.resolve(rel);
			}
		}
		throw new IOException(rel + " not found above " + Path.of("").toAbsolutePath());
	}
}
