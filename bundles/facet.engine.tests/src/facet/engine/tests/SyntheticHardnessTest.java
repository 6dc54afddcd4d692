package facet.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import facet.core.Progress;
import facet.core.experiment.ExperimentFormat;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.Run;
import facet.core.runs.RunStatus;
import facet.core.runs.RunStore;
import facet.engine.eval.EvaluationFiles;
import facet.engine.run.ExperimentRunner;
import facet.engine.traditional.TraditionalRunner;

/**
 * The synthetic set at its default difficulty is hard the way real FER is: on one split, with
 * test subjects unseen in training, a linear classifier on raw pixels stays clearly below a
 * small CNN, and neither reaches 100 %. A set that any model solves teaches nothing.
 */
class SyntheticHardnessTest {

	/**
	 * 40x40 gray faces at the default difficulty (occluders included), 300 per class, many
	 * subjects: a small CNN generalises across subjects only when it sees many of them, and at
	 * 24x24 the mouth and brows are too few pixels for it to pull clearly ahead.
	 */
	static final String DATASET = """
			{"id": "synthetic", "params": {"perClass": 300, "size": 40, "difficulty": "default", "identities": 1000,
			 "valFraction": 0.1, "testFraction": 0.2, "seed": 11}}
			""";

	/** Three VGG stages of two 3x3 convolutions with BatchNorm, width 16; Adam with a cosine schedule. */
	static final String CNN = """
			{"format": 1, "name": "hardness-cnn", "dataset": %s,
			 "preprocessors": [{"id": "normalize"}],
			 "augmentations": [{"id": "hflip"}],
			 "backbone": {"id": "vgg", "params": {"blocks": 3, "convs": 2, "width": 16}},
			 "head": {"id": "linear", "params": {"dropout": 0.1}},
			 "loss": {"terms": [{"id": "cross-entropy", "weight": 1.0}]},
			 "optimizer": {"name": "adam", "learningRate": 0.003, "weightDecay": 0},
			 "schedule": {"name": "cosine", "warmupEpochs": 1},
			 "epochs": 15, "batchSize": 32, "seed": 5}
			""".formatted(DATASET);

	/** Standardised raw pixels into a linear SVM. */
	static final String LINEAR = """
			{"format": 1, "name": "hardness-linear", "dataset": %s,
			 "preprocessors": [{"id": "grayscale"}],
			 "features": [{"id": "raw"}, {"id": "standardize"}],
			 "classifier": {"id": "svm", "params": {"kernel": "linear", "c": 0.01}},
			 "seed": 5}
			""".formatted(DATASET);

	/**
	 * Accuracy by which the CNN must beat the linear model. Measured on 2026-11-26 with this
	 * configuration: linear SVM 27.4 %, CNN 42.4 % (15 points, 420 test faces). At 24x24 the same
	 * budget gave 28.6 % against 32.9 %, too close to call "clearly"; at 48x48 with more faces,
	 * width and epochs the CNN reaches about 71 % (README).
	 */
	static final double MARGIN = 0.08;

	@TempDir
	Path dir;

	@Test
	void aSmallCnnClearlyBeatsALinearModelOnPixelsAndNeitherSolvesTheDefaultSet() throws Exception {
		RunStore store = new RunStore(dir);
		Run linearRun = new TraditionalRunner(ModuleRegistry.getDefault(), 2).run(ExperimentFormat.parse(LINEAR, "linear"), store, Progress.NONE);
		ExperimentRunner.Result cnnRun = new ExperimentRunner(ModuleRegistry.getDefault(), 2).train(ExperimentFormat.parse(CNN, "cnn"), store,
				Progress.NONE);
		assertEquals(RunStatus.COMPLETED, cnnRun.status(), cnnRun.message());

		JsonObject linear = EvaluationFiles.readEvaluation(linearRun.folder(), "test");
		JsonObject cnn = EvaluationFiles.readEvaluation(cnnRun.run().folder(), "test");
		double linearAccuracy = linear.get("accuracy").getAsDouble();
		double cnnAccuracy = cnn.get("accuracy").getAsDouble();
		assertEquals(linear.get("count").getAsInt(), cnn.get("count").getAsInt(), "both models see the same test split");
		System.out.printf(Locale.ROOT, "synthetic, default difficulty, 40x40, %d test faces of unseen subjects: linear SVM on pixels %.1f %%,"
				+ " small CNN %.1f %% (chance 14.3 %%)%n", cnn.get("count").getAsInt(), 100 * linearAccuracy, 100 * cnnAccuracy);
		assertTrue(linearAccuracy > 1.0 / 7, "the linear model should beat chance: " + linearAccuracy);
		assertTrue(cnnAccuracy >= linearAccuracy + MARGIN, "the CNN (" + cnnAccuracy + ") should beat the linear model (" + linearAccuracy
				+ ") by " + MARGIN);
		assertTrue(cnnAccuracy < 1 && linearAccuracy < 1, "neither model may solve the default set: CNN " + cnnAccuracy + ", linear " + linearAccuracy);
	}
}
