package facet.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import facet.core.experiment.EarlyStoppingSpec;
import facet.core.experiment.ExperimentException;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.experiment.ExperimentValidator;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ValidationProblem;

class ExperimentFormatTest {

	/** A complete experiment over the test modules; the tests break one thing at a time. */
	static final String VALID = """
			{
			  "format": 1,
			  "name": "toy",
			  "dataset": {"id": "test-dataset", "params": {"size": 16}},
			  "detector": {"id": "test-detector"},
			  "preprocessors": [{"id": "test-invert"}],
			  "augmentations": [{"id": "test-flip", "params": {"probability": 0.25}}],
			  "backbone": {"id": "test-backbone", "params": {"stages": 2},
			               "attention": [{"id": "test-attention", "stage": "stage2", "params": {"reduction": 8}}]},
			  "head": {"id": "test-head"},
			  "loss": {"terms": [{"id": "test-loss", "weight": 1.0, "params": {"label": "cls"}},
			                     {"id": "test-loss", "weight": 0.01, "params": {"label": "dist"}}]},
			  "optimizer": {"name": "adamw", "learningRate": 0.001},
			  "schedule": {"name": "step", "stepEpochs": 5},
			  "epochs": 3,
			  "batchSize": 32,
			  "seed": 7
			}
			""";

	private final ExperimentValidator validator = new ExperimentValidator(ModuleRegistry.getDefault());

	@Test
	void aValidExperimentParsesValidatesAndRoundTrips() throws Exception {
		ExperimentSpec spec = ExperimentFormat.parse(VALID, "toy.facet.json");
		assertEquals(List.of(), validator.validate(spec));
		assertEquals("adamw", spec.optimizer().name());
		assertEquals(0.9, spec.optimizer().momentum(), "unset fields take their defaults");
		assertEquals("stage2", spec.backbone().attention().get(0).stage());
		assertEquals(0.01, spec.loss().get(1).weight());
		String written = ExperimentFormat.toJson(spec);
		assertEquals(written, ExperimentFormat.toJson(ExperimentFormat.parse(written, "written")));
	}

	@Test
	void earlyStoppingOnAValidationMetricIsReadWrittenAndChecked() throws Exception {
		assertEquals(EarlyStoppingSpec.NONE, ExperimentFormat.parse(VALID, "v.json").earlyStopping());
		assertTrue(!ExperimentFormat.toJson(ExperimentFormat.parse(VALID, "v.json")).contains("earlyStopping"), "absent stays absent");
		String stopping = VALID.replace("\"epochs\": 3,", "\"earlyStopping\": {\"metric\": \"macroF1\", \"patience\": 4}, \"epochs\": 3,");
		ExperimentSpec spec = ExperimentFormat.parse(stopping, "s.json");
		assertEquals(new EarlyStoppingSpec("macroF1", 4), spec.earlyStopping());
		ExperimentSpec again = ExperimentFormat.parse(ExperimentFormat.toJson(spec), "again.json");
		assertEquals(spec.earlyStopping(), again.earlyStopping(), "written and read back");
		assertEquals(ExperimentFormat.toJson(spec), ExperimentFormat.toJson(again));
		assertEquals(spec.earlyStopping(), spec.withSeed(3).withEpochs(9).earlyStopping(), "copies keep it");
		ExperimentSpec lossOnly = ExperimentFormat.parse(stopping.replace("\"macroF1\", \"patience\": 4", "\"loss\", \"patience\": 0"), "l.json");
		assertEquals(new EarlyStoppingSpec("loss", 0), ExperimentFormat.parse(ExperimentFormat.toJson(lossOnly), "l2.json").earlyStopping(),
				"a metric without patience still picks the best checkpoint: it is written too");
		ExperimentException e = assertThrows(ExperimentException.class,
				() -> ExperimentFormat.parse(stopping.replace("\"macroF1\"", "\"f1\""), "b.json"));
		assertEquals(List.of(new ValidationProblem("$.earlyStopping.metric", "expected one of accuracy, macroF1, loss, got \"f1\"")), e.problems());
		e = assertThrows(ExperimentException.class, () -> ExperimentFormat.parse(stopping.replace("\"patience\": 4", "\"patience\": -1"), "b.json"));
		assertEquals("$.earlyStopping.patience", e.problems().get(0).path());
	}

	@Test
	void aWrongTypeIsReportedAtItsJsonPath() {
		String broken = VALID.replace("\"weight\": 0.01", "\"weight\": \"x\"");
		ExperimentException e = assertThrows(ExperimentException.class, () -> ExperimentFormat.parse(broken, "b.facet.json"));
		assertEquals(List.of(new ValidationProblem("$.loss.terms[1].weight", "expected a number ≥ 0, got \"x\"")), e.problems());
		assertTrue(e.getMessage().startsWith("b.facet.json: 1 problem"), e.getMessage());
	}

	@Test
	void invalidJsonNamesTheLine() {
		ExperimentException e = assertThrows(ExperimentException.class,
				() -> ExperimentFormat.parse("{\n  \"format\": 1,\n  \"name\": \"x\"\n  \"epochs\": 2\n}", "bad.json"));
		assertEquals("$", e.problems().get(0).path());
		assertTrue(e.problems().get(0).message().contains("line 4"), e.problems().get(0).message());
	}

	@Test
	void aFutureFormatIsRefusedWithAdvice() {
		ExperimentException e = assertThrows(ExperimentException.class,
				() -> ExperimentFormat.parse(VALID.replace("\"format\": 1", "\"format\": 9"), "new.json"));
		assertEquals("$.format", e.problems().get(0).path());
		assertTrue(e.problems().get(0).message().contains("newer than this Facet reads"), e.problems().get(0).message());
	}

	@Test
	void structuralProblemsAreAllReportedAtOnce() {
		String broken = VALID.replace("\"epochs\": 3", "\"epochs\": 0").replace("\"name\": \"adamw\"", "\"name\": \"rmsprop\"")
				.replace("\"seed\": 7", "\"seed\": 7, \"sead\": 8");
		ExperimentException e = assertThrows(ExperimentException.class, () -> ExperimentFormat.parse(broken, "b.json"));
		List<String> paths = e.problems().stream().map(ValidationProblem::path).toList();
		assertTrue(paths.containsAll(List.of("$.epochs", "$.optimizer.name", "$.sead")), paths.toString());
	}

	@Test
	void unknownModulesBadParametersAndMissingStagesAreFoundByTheValidator() throws Exception {
		ExperimentSpec spec = ExperimentFormat.parse(VALID.replace("\"id\": \"test-head\"", "\"id\": \"refinement\"")
				.replace("\"probability\": 0.25", "\"probability\": 1.5").replace("\"stage\": \"stage2\"", "\"stage\": \"stage5\"")
				.replace("\"size\": 16", "\"size\": true"), "b.json");
		List<ValidationProblem> problems = validator.validate(spec);
		assertEquals(4, problems.size(), problems.toString());
		assertEquals("$.dataset.params.size", problems.get(0).path());
		assertEquals("dataset 'test-dataset' parameter 'size': expected an integer in [1, 64], got true", problems.get(0).message());
		assertEquals(new ValidationProblem("$.augmentations[0].params.probability",
				"augmentation 'test-flip' parameter 'probability': expected a number in [0, 1], got 1.5"), problems.get(1));
		assertEquals("$.backbone.attention[0].stage", problems.get(2).path());
		assertTrue(problems.get(2).message().contains("stem, stage1, stage2, head-input"), problems.get(2).message());
		assertEquals("$.head.id", problems.get(3).path());
		assertTrue(problems.get(3).message().startsWith("unknown head 'refinement'; installed: "), problems.get(3).message());
	}

	/** A features → classifier experiment over the test modules. */
	static final String TRADITIONAL = """
			{
			  "format": 1,
			  "name": "bands-majority",
			  "dataset": {"id": "test-dataset"},
			  "preprocessors": [{"id": "test-invert"}],
			  "features": [{"id": "test-feature", "params": {"bands": 8}}, {"id": "test-feature"}],
			  "classifier": {"id": "test-classifier", "params": {"note": "baseline"}},
			  "seed": 3
			}
			""";

	@Test
	void aFeaturesClassifierExperimentParsesValidatesAndRoundTrips() throws Exception {
		ExperimentSpec spec = ExperimentFormat.parse(TRADITIONAL, "t.facet.json");
		assertTrue(spec.isTraditional());
		assertEquals(List.of(), validator.validate(spec));
		assertEquals(List.of("test-feature", "test-feature"), spec.features().stream().map(f -> f.id()).toList());
		assertEquals(8, ((Number) spec.features().get(0).params().get("bands")).intValue());
		assertEquals("test-classifier", spec.classifier().orElseThrow().id());
		assertNull(spec.backbone());
		assertEquals(List.of(), spec.loss());
		String written = ExperimentFormat.toJson(spec);
		assertFalse(written.contains("backbone") || written.contains("optimizer") || written.contains("epochs"), written);
		ExperimentSpec again = ExperimentFormat.parse(written, "written");
		assertEquals(written, ExperimentFormat.toJson(again));
		assertEquals(3, again.withSeed(3).seed());
		assertTrue(again.withSeed(5).isTraditional());
		assertFalse(ExperimentFormat.parse(VALID, "v").isTraditional());
	}

	@Test
	void bothModelSectionsAreRefused() {
		String both = TRADITIONAL.replace("\"seed\": 3", "\"seed\": 3, \"backbone\": {\"id\": \"test-backbone\"}, \"head\": {\"id\": \"test-head\"}");
		ExperimentException e = assertThrows(ExperimentException.class, () -> ExperimentFormat.parse(both, "b.json"));
		assertEquals("$", e.problems().get(0).path());
		assertTrue(e.problems().get(0).message().contains("one model section"), e.problems().get(0).message());
		assertTrue(e.problems().get(0).message().contains("backbone, head and features, classifier"), e.problems().get(0).message());
	}

	@Test
	void aTraditionalExperimentNeedsBothPartsAndTakesNoTrainingSchedule() {
		ExperimentException noClassifier = assertThrows(ExperimentException.class, () -> ExperimentFormat
				.parse(TRADITIONAL.replace("\"classifier\": {\"id\": \"test-classifier\", \"params\": {\"note\": \"baseline\"}},", ""), "c.json"));
		assertEquals(List.of("$.classifier"), noClassifier.problems().stream().map(ValidationProblem::path).toList());

		String emptyFeatures = TRADITIONAL.replace("[{\"id\": \"test-feature\", \"params\": {\"bands\": 8}}, {\"id\": \"test-feature\"}]", "[]")
				.replace("\"seed\": 3", "\"seed\": 3, \"epochs\": 4, \"augmentations\": []");
		ExperimentException e = assertThrows(ExperimentException.class, () -> ExperimentFormat.parse(emptyFeatures, "f.json"));
		List<String> paths = e.problems().stream().map(ValidationProblem::path).toList();
		assertEquals(List.of("$.augmentations", "$.epochs", "$.features"), paths.stream().sorted().toList(), paths.toString());
		assertTrue(e.problems().stream().anyMatch(p -> p.message().contains("network training only")), e.problems().toString());

		ExperimentException badItem = assertThrows(ExperimentException.class,
				() -> ExperimentFormat.parse(TRADITIONAL.replace("{\"id\": \"test-feature\"}]", "{\"name\": \"x\"}]"), "i.json"));
		assertEquals(List.of("$.features[1].name", "$.features[1].id"), badItem.problems().stream().map(ValidationProblem::path).toList());
	}

	@Test
	void unknownFeatureStagesAndBadClassifierParametersAreFoundByTheValidator() throws Exception {
		ExperimentSpec spec = ExperimentFormat.parse(TRADITIONAL.replace("\"bands\": 8", "\"bands\": 0")
				.replace("{\"id\": \"test-feature\"}", "{\"id\": \"sift\"}").replace("\"note\": \"baseline\"", "\"note\": 3"), "v.json");
		List<ValidationProblem> problems = validator.validate(spec);
		assertEquals(List.of("$.features[0].params.bands", "$.features[1].id", "$.classifier.params.note"),
				problems.stream().map(ValidationProblem::path).toList(), problems.toString());
		assertTrue(problems.get(1).message().startsWith("unknown feature 'sift'; installed: "), problems.get(1).message());
	}
}
