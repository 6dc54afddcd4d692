package facet.faults.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.google.gson.JsonParser;

import facet.core.runs.AtomicFiles;

/** The tiny experiment the training cases run (as in facet.engine.tests' ExperimentRunnerTest), and run-folder checks. */
final class Tiny {

	static final String EXPERIMENT = """
			{"format": 1, "name": "tiny",
			 "dataset": {"id": "synthetic", "params": {"perClass": 20, "size": 24, "identities": 21, "seed": 3}},
			 "preprocessors": [{"id": "normalize"}],
			 "augmentations": [{"id": "hflip"}],
			 "backbone": {"id": "separable", "params": {"stages": 2, "width": 8},
			              "attention": [ATTENTION]},
			 "head": {"id": "embedding", "params": {"size": 16, "dropout": 0.1}},
			 "loss": {"terms": [{"id": "cross-entropy", "weight": 1.0}LOSS]},
			 "optimizer": {"name": "adam", "learningRate": 0.003, "weightDecay": 0},
			 "epochs": EPOCHS, "batchSize": 16, "seed": 9}
			""";

	private Tiny() {
	}

	static String experiment(int epochs, String attention, String extraLoss) {
		return EXPERIMENT.replace("EPOCHS", Integer.toString(epochs)).replace("ATTENTION", attention).replace("LOSS", extraLoss);
	}

	static String experiment(int epochs) {
		return experiment(epochs, "{\"id\": \"cam\", \"stage\": \"stage1\", \"params\": {\"reduction\": 4}}", "");
	}

	/**
	 * Every JSON file of a run folder parses, every JSON-lines file has whole lines, and no
	 * temporary file is left: nothing half-written looks whole.
	 *
	 * @return a description of the first damage, or null
	 */
	static String damage(Path runFolder) throws IOException {
		try (Stream<Path> files = Files.walk(runFolder)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				String name = file.getFileName().toString();
				if (name.startsWith(AtomicFiles.TEMP_PREFIX) || file.toString().contains("/" + AtomicFiles.TEMP_PREFIX)) {
					return "temporary file left: " + file;
				}
				try {
					if (name.endsWith(".json")) {
						JsonParser.parseString(Files.readString(file)).getAsJsonObject();
					} else if (name.endsWith(".jsonl")) {
						for (String line : Files.readAllLines(file)) {
							JsonParser.parseString(line).getAsJsonObject();
						}
					}
				} catch (RuntimeException e) {
					return file + " does not parse: " + e.getMessage();
				}
			}
		}
		return null;
	}

	static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> walk = Files.walk(from)) {
			for (Path p : walk.toList()) {
				Path target = to.resolve(from.relativize(p).toString());
				if (Files.isDirectory(p)) {
					Files.createDirectories(target);
				} else {
					Files.copy(p, target);
				}
			}
		}
	}
}
