package facet.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.experiment.ExperimentValidator;
import facet.core.modules.ModuleRegistry;
import facet.engine.ablation.Ablation;
import facet.engine.ablation.AblationSet;
import facet.engine.compare.ExperimentDiff;

/** The ablation generator on the shipped paper models and on corner cases. */
class AblationSetTest {

	@Test
	void modelOneLosesEachAttentionAugmentationLossTermAndItsRefinement() throws Exception {
		ExperimentSpec base = ExperimentFormat.read(example("model-1.facet.json"));
		List<Ablation> set = AblationSet.of(base);
		assertEquals(List.of("without attention csam at stage2", "without attention ehorm at stage3", "without augmentation hflip",
				"without loss l2", "without loss center", "head embedding instead of refinement"), names(set));
		// center loss needs an embedding: the refinement is replaced by the plain embedding head with the same dropout
		ExperimentSpec head = set.get(5).experiment();
		assertEquals("embedding", head.head().id());
		assertEquals(((Number) base.head().params().get("dropout")).doubleValue(), ((Number) head.head().params().get("dropout")).doubleValue());
		assertEquals(base.loss(), head.loss());
		assertValidAndOneChange(base, set);
	}

	@Test
	void modelTwoLosesEachAttentionAugmentationAndSqueezeExcitation() throws Exception {
		ExperimentSpec base = ExperimentFormat.read(example("model-2.facet.json"));
		List<Ablation> set = AblationSet.of(base);
		assertEquals(List.of("without attention cam at stage2", "without attention msa at stage3", "without augmentation hflip",
				"without augmentation cutout", "backbone ghost-resnet without se"), names(set));
		ExperimentSpec noCutout = set.get(3).experiment();
		assertEquals(List.of("hflip"), noCutout.augmentations().stream().map(m -> m.id()).toList());
		assertEquals("model-2 without augmentation cutout", noCutout.name());
		assertEquals(Boolean.FALSE, set.get(4).experiment().backbone().module().params().get("se"));
		assertEquals(16, ((Number) set.get(4).experiment().backbone().module().params().get("width")).intValue());
		assertValidAndOneChange(base, set);
	}

	@Test
	void withoutADistanceLossTheRefinementBecomesLinearAndRepeatedComponentsGetTheirPosition() throws Exception {
		ExperimentSpec base = ExperimentFormat.parse("""
				{"format": 1, "name": "r", "dataset": {"id": "synthetic"},
				 "augmentations": [{"id": "cutout"}, {"id": "cutout", "params": {"size": 0.2}}],
				 "backbone": {"id": "ghost-resnet", "params": {"se": false},
				              "attention": [{"id": "cam", "stage": "stage1"}, {"id": "cam", "stage": "stage1"}]},
				 "head": {"id": "refinement"},
				 "loss": {"terms": [{"id": "cross-entropy", "weight": 1.0}]}}
				""", "r");
		List<Ablation> set = AblationSet.of(base);
		assertEquals(List.of("without attention cam at stage1 (#1)", "without attention cam at stage1 (#2)", "without augmentation cutout (#1)",
				"without augmentation cutout (#2)", "head linear instead of refinement"), names(set));
		assertEquals(0.2, ((Number) set.get(2).experiment().augmentations().get(0).params().get("size")).doubleValue());
		assertTrue(set.get(4).experiment().head().params().isEmpty());
		assertEquals(set, AblationSet.of(base), "the generator is pure");
		assertEquals("base", AblationSet.withBase(base).get(0).name());
		assertEquals("without-augmentation-cutout-1.facet.json", set.get(2).fileName());
	}

	@Test
	void theShippedAblationFilesAreWhatTheGeneratorGives() throws Exception {
		for (String model : List.of("model-1", "model-2")) {
			List<Ablation> set = AblationSet.of(ExperimentFormat.read(example(model + ".facet.json")));
			Path folder = example("ablations/" + model + "/" + set.get(0).fileName()).getParent();
			try (Stream<Path> files = Files.list(folder)) {
				assertEquals(set.size(), files.filter(f -> f.toString().endsWith(".facet.json")).count(), folder.toString());
			}
			for (Ablation a : set) {
				assertEquals(a.experiment(), ExperimentFormat.read(folder.resolve(a.fileName())),
						folder.resolve(a.fileName()) + " is stale: regenerate with facet ablate examples/" + model + ".facet.json --dry-run --write "
								+ "examples/ablations/" + model);
			}
		}
	}

	private static void assertValidAndOneChange(ExperimentSpec base, List<Ablation> set) {
		ExperimentValidator validator = new ExperimentValidator(ModuleRegistry.getDefault());
		assertTrue(validator.validate(base).isEmpty(), validator.validate(base).toString());
		for (Ablation a : set) {
			assertEquals(List.of(), validator.validate(a.experiment()), a.name());
			List<String> changes = ExperimentDiff.describe(base, a.experiment());
			assertEquals(1, changes.size(), a.name() + ": " + changes);
			assertFalse(a.experiment().name().equals(base.name()));
		}
	}

	private static List<String> names(List<Ablation> set) {
		return set.stream().map(Ablation::name).toList();
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
