package facet.core.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ModuleSettings;
import facet.core.modules.SettingsException;
import facet.core.modules.ValidationProblem;
import facet.core.spi.BackboneFactory;

/**
 * Checks an experiment against the installed modules: every id known, every parameter valid
 * for its module, every attention module placed at a stage its backbone has (or, for a
 * features → classifier experiment, every feature stage and the classifier known and valid). Problems carry the
 * JSON path of the offending value.
 */
public final class ExperimentValidator {

	private final ModuleRegistry registry;

	public ExperimentValidator(ModuleRegistry registry) {
		this.registry = registry;
	}

	/** Every problem of the experiment; empty when it can run. */
	public List<ValidationProblem> validate(ExperimentSpec spec) {
		List<ValidationProblem> problems = new ArrayList<>();
		check(ModuleKind.DATASET, spec.dataset(), "$.dataset", problems);
		spec.detector().ifPresent(d -> check(ModuleKind.DETECTOR, d, "$.detector", problems));
		for (int i = 0; i < spec.preprocessors().size(); i++) {
			check(ModuleKind.PREPROCESSOR, spec.preprocessors().get(i), "$.preprocessors[" + i + "]", problems);
		}
		for (int i = 0; i < spec.augmentations().size(); i++) {
			check(ModuleKind.AUGMENTATION, spec.augmentations().get(i), "$.augmentations[" + i + "]", problems);
		}
		if (spec.isTraditional()) {
			for (int i = 0; i < spec.features().size(); i++) {
				check(ModuleKind.FEATURE, spec.features().get(i), "$.features[" + i + "]", problems);
			}
			check(ModuleKind.CLASSIFIER, spec.classifier().get(), "$.classifier", problems);
			return problems;
		}
		Optional<ModuleSettings> backbone = check(ModuleKind.BACKBONE, spec.backbone().module(), "$.backbone", problems);
		List<String> stages = backbone.flatMap(settings -> stagesOf(settings, problems)).orElse(null);
		for (int i = 0; i < spec.backbone().attention().size(); i++) {
			AttentionRef attention = spec.backbone().attention().get(i);
			String path = "$.backbone.attention[" + i + "]";
			check(ModuleKind.ATTENTION, attention.module(), path, problems);
			if (stages != null && !stages.contains(attention.stage())) {
				problems.add(new ValidationProblem(path + ".stage", "backbone '" + spec.backbone().module().id()
						+ "' has no stage \"" + attention.stage() + "\"; its stages are " + String.join(", ", stages)));
			}
		}
		check(ModuleKind.HEAD, spec.head(), "$.head", problems);
		for (int i = 0; i < spec.loss().size(); i++) {
			check(ModuleKind.LOSS, spec.loss().get(i).module(), "$.loss.terms[" + i + "]", problems);
		}
		return problems;
	}

	/** Throws when {@link #validate(ExperimentSpec)} finds problems. */
	public void requireValid(ExperimentSpec spec, String source) throws ExperimentException {
		List<ValidationProblem> problems = validate(spec);
		if (!problems.isEmpty()) {
			throw new ExperimentException(source, problems);
		}
	}

	private Optional<ModuleSettings> check(ModuleKind kind, ModuleRef ref, String path, List<ValidationProblem> problems) {
		Optional<ModuleDescriptor> module = registry.find(kind, ref.id());
		if (module.isEmpty()) {
			problems.add(new ValidationProblem(path + ".id", registry.unknownMessage(kind, ref.id())));
			return Optional.empty();
		}
		try {
			ModuleSettings settings = module.get().settings(ref.params());
			module.get().factory().validate(settings);
			return Optional.of(settings);
		} catch (SettingsException e) {
			for (ValidationProblem p : e.problems()) {
				problems.add(new ValidationProblem(path + ".params." + p.path(), p.message()));
			}
		} catch (ModuleException e) {
			problems.add(new ValidationProblem(path, e.getMessage()));
		}
		return Optional.empty();
	}

	private static Optional<List<String>> stagesOf(ModuleSettings settings, List<ValidationProblem> problems) {
		try {
			BackboneFactory<?> factory = settings.module().factory(BackboneFactory.class);
			return Optional.of(factory.stageNames(settings));
		} catch (ModuleException | RuntimeException e) {
			problems.add(new ValidationProblem("$.backbone", "cannot list the stages of backbone '" + settings.module().id()
					+ "': " + e.getMessage()));
			return Optional.empty();
		}
	}
}
