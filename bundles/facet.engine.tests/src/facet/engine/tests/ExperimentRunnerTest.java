package facet.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.core.Progress;
import facet.core.eval.Prediction;
import facet.core.experiment.ExperimentException;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.RunStatus;
import facet.core.runs.RunStore;
import facet.engine.eval.EvaluationFiles;
import facet.engine.run.ExperimentRunner;
import facet.engine.run.ModelInfo;

/** The whole chain from an experiment file to an evaluated run, with the shipped modules, on a tiny synthetic set. */
class ExperimentRunnerTest {

	@TempDir
	Path dir;

	static final String TINY = """
			{"format": 1, "name": "tiny",
			 "dataset": {"id": "synthetic", "params": {"perClass": 20, "size": 24, "identities": 21, "seed": 3}},
			 "preprocessors": [{"id": "normalize"}],
			 "augmentations": [{"id": "hflip"}, {"id": "cutout"}],
			 "backbone": {"id": "separable", "params": {"stages": 2, "width": 8},
			              "attention": [{"id": "cam", "stage": "stage1", "params": {"reduction": 4}}]},
			 "head": {"id": "embedding", "params": {"size": 16, "dropout": 0.1}},
			 "loss": {"terms": [{"id": "cross-entropy", "weight": 1.0}, {"id": "center", "weight": 0.01}, {"id": "l2", "weight": 0.0001}]},
			 "optimizer": {"name": "adam", "learningRate": 0.003, "weightDecay": 0},
			 "epochs": 2, "batchSize": 16, "seed": 9}
			""";

	@Test
	void anExperimentTrainsIntoACompleteRunFolder() throws Exception {
		ExperimentSpec spec = ExperimentFormat.parse(TINY, "tiny");
		RunStore store = new RunStore(dir);
		ExperimentRunner.Result result = new ExperimentRunner(ModuleRegistry.getDefault(), 2).train(spec, store, Progress.NONE);
		assertEquals(RunStatus.COMPLETED, result.status(), result.message());
		Path folder = result.run().folder();
		assertEquals(2, result.run().readMetrics().size());
		List<Prediction> test = EvaluationFiles.readPredictions(folder, "test");
		assertTrue(test.size() >= 7, "test predictions: " + test.size());
		assertTrue(Files.isRegularFile(folder.resolve("evaluation-val.json")));
		ModelInfo model = ModelInfo.read(folder);
		assertEquals(1, model.channels());
		assertEquals(24, model.height());
		assertTrue(model.parameters() > 1000, "parameters: " + model.parameters());
		com.google.gson.JsonObject evaluation = EvaluationFiles.readEvaluation(folder, "test");
		// convolutions reuse their weights at every position: more operations than parameters
		double flops = evaluation.get("flops").getAsDouble();
		assertTrue(flops > model.parameters() && flops < 1e9, "FLOPs per image: " + flops);
		assertTrue(Files.isRegularFile(folder.resolve("checkpoints/best/loss-state.bin")), "the center loss's centres are in the checkpoint");
		assertEquals("facet.data.synthetic", store.open(result.run().id()).info().environment().bundles().keySet().stream()
				.filter(b -> b.equals("facet.data.synthetic")).findFirst().orElseThrow());
		assertEquals(RunStatus.COMPLETED, store.open(result.run().id()).info().status());

		ExperimentRunner.Result again = new ExperimentRunner(ModuleRegistry.getDefault(), 2).resume(result.run(), Progress.NONE);
		assertEquals("already completed", again.message());
	}

	@Test
	void anInvalidExperimentCreatesNoRun() throws Exception {
		ExperimentSpec spec = ExperimentFormat.parse(TINY.replace("\"stage\": \"stage1\"", "\"stage\": \"stage9\""), "tiny");
		RunStore store = new RunStore(dir);
		ExperimentException e = assertThrows(ExperimentException.class,
				() -> new ExperimentRunner(ModuleRegistry.getDefault(), 1).train(spec, store, Progress.NONE));
		assertEquals("$.backbone.attention[0].stage", e.problems().get(0).path());
		assertEquals(0, store.list().size());
	}

	@Test
	void aCancelledRunIsRecordedAndResumesToCompletion() throws Exception {
		ExperimentSpec spec = ExperimentFormat.parse(TINY, "tiny");
		RunStore store = new RunStore(dir);
		Progress cancelAtOnce = Progress.canceledWhen(() -> true);
		ExperimentRunner.Result cancelled = new ExperimentRunner(ModuleRegistry.getDefault(), 1).train(spec, store, cancelAtOnce);
		assertEquals(RunStatus.CANCELLED, cancelled.status());
		assertTrue(store.open(cancelled.run().id()).info().message().orElseThrow().contains("facet resume"));
		ExperimentRunner.Result resumed = new ExperimentRunner(ModuleRegistry.getDefault(), 1).resume(store.open(cancelled.run().id()),
				Progress.NONE);
		assertEquals(RunStatus.COMPLETED, resumed.status(), resumed.message());
		assertEquals(2, resumed.run().readMetrics().size());
	}
}
