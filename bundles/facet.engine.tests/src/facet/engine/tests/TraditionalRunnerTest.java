package facet.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import facet.engine.compare.OcclusionSubsets;
import facet.engine.compare.PairwiseTest;
import facet.engine.compare.RunComparison;
import facet.engine.compare.RunGroup;
import facet.engine.compare.RunRecord;
import facet.engine.eval.EvaluationFiles;
import facet.engine.run.ExperimentRunner;
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
		for (String name : List.of("lbp-svm", "hog-svm", "gabor-pca-svm", "linear-pixels")) {
			ExperimentSpec spec = ExperimentFormat.read(examples.resolve(name + ".facet.json"));
			assertTrue(spec.isTraditional(), name);
			assertEquals(List.of(), new facet.core.experiment.ExperimentValidator(ModuleRegistry.getDefault()).validate(spec), name);
			FeatureChain.build(ModuleRegistry.getDefault(), spec.features());
		}
	}

	@Test
	void aTraditionalRunAndACnnRunOnOneTestSplitCompareWithMcNemarAlsoOnOccludedFaces() throws Exception {
		String dataset = "\"dataset\": {\"id\": \"synthetic\", \"params\": {\"perClass\": 20, \"size\": 24, \"identities\": 21, \"seed\": 3, \"occlusion\": 0.5}}";
		ExperimentSpec cnn = ExperimentFormat.parse("""
				{"format": 1, "name": "tiny-cnn", %s,
				 "preprocessors": [{"id": "normalize"}],
				 "backbone": {"id": "separable", "params": {"stages": 2, "width": 8}, "attention": []},
				 "head": {"id": "linear"},
				 "loss": {"terms": [{"id": "cross-entropy", "weight": 1.0}]},
				 "optimizer": {"name": "adam", "learningRate": 0.003},
				 "epochs": 1, "batchSize": 16, "seed": 9}
				""".formatted(dataset), "cnn");
		ExperimentSpec hog = ExperimentFormat.parse("""
				{"format": 1, "name": "tiny-hog-svm", %s,
				 "preprocessors": [{"id": "grayscale"}],
				 "features": [{"id": "hog", "params": {"cell": 6}}],
				 "classifier": {"id": "svm", "params": {"kernel": "linear", "c": 0.1}},
				 "seed": 9}
				""".formatted(dataset), "hog");
		RunStore store = new RunStore(dir);
		ExperimentRunner.Result cnnRun = new ExperimentRunner(ModuleRegistry.getDefault(), 2).train(cnn, store, Progress.NONE);
		assertEquals(RunStatus.COMPLETED, cnnRun.status(), cnnRun.message());
		Run hogRun = new TraditionalRunner(ModuleRegistry.getDefault(), 2).run(hog, store, Progress.NONE);
		assertEquals(RunStatus.COMPLETED, Run.open(hogRun.folder()).info().status());

		RunComparison c = RunComparison.of(List.of(hogRun.folder(), cnnRun.run().folder()), "test");
		assertEquals(List.of("tiny-hog-svm", "tiny-cnn"), c.groups().stream().map(RunGroup::name).toList());
		PairwiseTest t = c.pairwise().get(0);
		assertTrue(t.problem().isEmpty(), t.sentence());
		int testSize = EvaluationFiles.readPredictions(hogRun.folder(), "test").size();
		assertEquals(testSize, t.samples());
		assertTrue(t.mcNemar().isPresent() && t.sentence().contains("McNemar's exact test"), t.sentence());
		RunRecord traditional = c.runs().get(0);
		RunRecord network = c.runs().get(1);
		OcclusionSubsets occlusion = traditional.occlusion().orElseThrow();
		assertTrue(occlusion.occluded() > 0 && occlusion.clean() > 0, occlusion.toString());
		assertEquals(testSize, occlusion.occluded() + occlusion.clean());
		assertEquals(occlusion.occluded(), network.occlusion().orElseThrow().occluded());
		assertEquals(occlusion.occluded(), t.occludedSamples());
		assertTrue(t.occluded().isPresent() && t.sentence().contains("occluded samples"), t.sentence());
		// model size and time per face for both kinds; parameters only for the network
		assertTrue(traditional.modelBytes() > 0 && network.modelBytes() > 0, traditional.modelBytes() + " " + network.modelBytes());
		assertEquals(-1, traditional.parameters());
		assertTrue(network.parameters() > 0);
		assertTrue(traditional.msPerImage() > 0 && network.msPerImage() > 0);
		assertTrue(traditional.trainingSeconds() > 0 && network.trainingSeconds() > 0);
		// the SVM's probabilities are estimates, not one-hot votes
		JsonObject evaluation = EvaluationFiles.readEvaluation(hogRun.folder(), "test");
		assertFalse(evaluation.get("probabilitiesAreHard").getAsBoolean());
		assertTrue(EvaluationFiles.readPredictions(hogRun.folder(), "test").stream()
				.anyMatch(p -> p.probabilities()[p.predicted().ordinal()] < 0.99f), "some test probabilities below 0.99");
	}
}
