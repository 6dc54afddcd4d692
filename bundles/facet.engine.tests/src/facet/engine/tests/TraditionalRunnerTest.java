package facet.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import facet.core.ImageRaster;
import facet.core.Progress;
import facet.core.eval.Prediction;
import facet.core.experiment.ExperimentException;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.Run;
import facet.core.runs.RunStatus;
import facet.core.runs.RunStore;
import facet.engine.eval.EvaluationFiles;
import facet.engine.traditional.FeatureChain;
import facet.engine.traditional.TraditionalModel;
import facet.engine.traditional.TraditionalRunner;

class TraditionalRunnerTest {

	@TempDir
	Path dir;

	/** LBP + HOG, standardised, into a linear SVM, on an easy synthetic set of 7 × 40 faces at 48 px. */
	static final String EXPERIMENT = """
			{
			  "format": 1,
			  "name": "lbp-hog-svm",
			  "dataset": {"id": "synthetic", "params": {"perClass": 40, "difficulty": "easy", "identities": 20, "occlusion": 0}},
			  "preprocessors": [{"id": "grayscale"}, {"id": "resize", "params": {"size": 48}}],
			  "features": [{"id": "lbp", "params": {"cellsX": 4, "cellsY": 4}}, {"id": "hog"}, {"id": "standardize"}],
			  "classifier": {"id": "svm", "params": {"kernel": "linear", "c": 0.1}},
			  "seed": 5
			}
			""";

	@Test
	void aFeaturesClassifierExperimentWritesACompleteRunFolder() throws Exception {
		ExperimentSpec spec = ExperimentFormat.parse(EXPERIMENT, "inline");
		RunStore store = new RunStore(dir);
		Run run = new TraditionalRunner(ModuleRegistry.getDefault(), 2).run(spec, store, Progress.NONE);
		Run reopened = Run.open(run.folder());
		assertEquals(RunStatus.COMPLETED, reopened.info().status(), String.valueOf(reopened.info().message()));
		assertTrue(ExperimentFormat.read(run.folder().resolve(Run.EXPERIMENT_FILE)).isTraditional());

		List<JsonObject> metrics = reopened.readMetrics();
		assertEquals(1, metrics.size());
		JsonObject record = metrics.get(0);
		for (String key : List.of("epoch", "trainLoss", "trainAccuracy", "valAccuracy", "valMacroF1", "trainingSeconds", "featureMsPerFace",
				"inferenceMsPerFace", "featureLength")) {
			assertTrue(record.has(key), key + " in " + record);
		}
		assertEquals(4 * 4 * 59 + 900, record.get("featureLength").getAsInt());

		List<Prediction> test = EvaluationFiles.readPredictions(run.folder(), "test");
		assertTrue(test.size() >= 14, "test split of " + test.size());
		JsonObject evaluation = EvaluationFiles.readEvaluation(run.folder(), "test");
		double accuracy = evaluation.get("accuracy").getAsDouble();
		assertTrue(accuracy > 2.0 / 7, "well above chance (1/7): " + accuracy);
		assertEquals(7, evaluation.getAsJsonArray("confusion").size());
		assertTrue(evaluation.get("msPerImage").getAsDouble() > 0);
		Path model = run.folder().resolve(TraditionalRunner.MODEL_FOLDER);
		assertTrue(Files.isRegularFile(model.resolve(TraditionalModel.CLASSIFIER_FILE)));
		assertTrue(Files.isRegularFile(model.resolve(TraditionalModel.SIDECAR_FILE)));

		// the saved model reloads for its own experiment and predicts as it did
		try (TraditionalModel loaded = TraditionalModel.load(model, spec, ModuleRegistry.getDefault())) {
			assertEquals(48, loaded.width());
			ImageRaster face = new ImageRaster(48, 48, 1, new byte[48 * 48]);
			assertEquals(7, loaded.predict(face).length);
			IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
					() -> loaded.predict(new ImageRaster(40, 48, 1, new byte[40 * 48])));
			assertTrue(size.getMessage().contains("trained on 48x48"), size.getMessage());
		}
		// … and is refused for another feature configuration
		ExperimentSpec other = ExperimentFormat.parse(EXPERIMENT.replace("\"cellsX\": 4", "\"cellsX\": 3"), "other");
		IOException e = assertThrows(IOException.class, () -> TraditionalModel.load(model, other, ModuleRegistry.getDefault()));
		assertTrue(e.getMessage().contains("trained with the features") && e.getMessage().contains(TraditionalModel.SIDECAR_FILE), e.getMessage());
	}

	@Test
	void misplacedStagesAndNetworkExperimentsAreRefused() throws Exception {
		ExperimentSpec pcaFirst = ExperimentFormat.parse(EXPERIMENT.replace("[{\"id\": \"lbp\"", "[{\"id\": \"pca\"}, {\"id\": \"lbp\""), "p");
		ModuleException e = assertThrows(ModuleException.class, () -> FeatureChain.build(ModuleRegistry.getDefault(), pcaFirst.features()));
		assertTrue(e.getMessage().startsWith("features[0]: 'pca'"), e.getMessage());
		ExperimentSpec unknown = ExperimentFormat.parse(EXPERIMENT.replace("\"id\": \"hog\"", "\"id\": \"sift\""), "u");
		ExperimentException invalid = assertThrows(ExperimentException.class,
				() -> new TraditionalRunner(ModuleRegistry.getDefault(), 1).run(unknown, new RunStore(dir), Progress.NONE));
		assertEquals("$.features[1].id", invalid.problems().get(0).path());
		assertTrue(new RunStore(dir).list().isEmpty(), "an invalid experiment creates no run");
	}

	@Test
	void theShippedExamplesAreValidFeaturesClassifierExperiments() throws Exception {
		Path examples = Path.of(System.getProperty("user.dir")).resolve("../../examples").normalize();
		for (String name : List.of("lbp-svm", "hog-svm", "gabor-pca-svm")) {
			ExperimentSpec spec = ExperimentFormat.read(examples.resolve(name + ".facet.json"));
			assertTrue(spec.isTraditional(), name);
			assertEquals(List.of(), new facet.core.experiment.ExperimentValidator(ModuleRegistry.getDefault()).validate(spec), name);
			FeatureChain.build(ModuleRegistry.getDefault(), spec.features());
		}
	}
}
