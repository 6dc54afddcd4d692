package facet.ui.internal.editor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import facet.core.experiment.AttentionRef;
import facet.core.experiment.BackboneSpec;
import facet.core.experiment.EarlyStoppingSpec;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.experiment.LossTerm;
import facet.core.experiment.ModuleRef;
import facet.core.experiment.OptimizerSpec;
import facet.core.experiment.ScheduleSpec;
import facet.core.modules.ModuleKind;

/**
 * The editable form of an {@link ExperimentSpec}: the spec is an immutable record, while the
 * form changes one value at a time. Holds values the way the form shows them, so that a value
 * the module refuses stays visible (and marked) instead of disappearing. A features → classifier
 * experiment (a traditional model) has {@link #classifier} and {@link #features} and no backbone,
 * head or loss; a network experiment the other way round.
 */
public final class ExperimentModel {

	/** One chosen module: kind, id, raw parameter values, and the stage or weight where one applies. */
	public static final class Slot {
		public final ModuleKind kind;
		public String id;
		public final Map<String, Object> params = new LinkedHashMap<>();
		/** For attention: the backbone stage. */
		public String stage;
		/** For loss terms: the weight. */
		public double weight = 1.0;

		public Slot(ModuleKind kind, String id) {
			this.kind = kind;
			this.id = id;
		}

		static Slot of(ModuleKind kind, ModuleRef ref) {
			Slot slot = new Slot(kind, ref.id());
			slot.params.putAll(ref.params());
			return slot;
		}

		public ModuleRef toRef() {
			return new ModuleRef(id, params);
		}
	}

	public int format = ExperimentFormat.CURRENT;
	public String name;
	public Slot dataset;
	/** Null when the dataset holds face crops. */
	public Slot detector;
	public final List<Slot> preprocessors = new ArrayList<>();
	public final List<Slot> augmentations = new ArrayList<>();
	public Slot backbone;
	public final List<Slot> attention = new ArrayList<>();
	public Slot head;
	public final List<Slot> loss = new ArrayList<>();
	/** The feature stages of a traditional model, in order; empty for a network. */
	public final List<Slot> features = new ArrayList<>();
	/** The classifier of a traditional model; null for a network. */
	public Slot classifier;
	public OptimizerSpec optimizer = OptimizerSpec.defaults();
	public ScheduleSpec schedule = ScheduleSpec.defaults();
	public EarlyStoppingSpec earlyStopping = EarlyStoppingSpec.NONE;
	public int epochs;
	public int batchSize;
	public long seed;

	public static ExperimentModel of(ExperimentSpec spec) {
		ExperimentModel model = new ExperimentModel();
		model.format = spec.format();
		model.name = spec.name();
		model.dataset = Slot.of(ModuleKind.DATASET, spec.dataset());
		model.detector = spec.detector().map(d -> Slot.of(ModuleKind.DETECTOR, d)).orElse(null);
		spec.preprocessors().forEach(p -> model.preprocessors.add(Slot.of(ModuleKind.PREPROCESSOR, p)));
		spec.augmentations().forEach(a -> model.augmentations.add(Slot.of(ModuleKind.AUGMENTATION, a)));
		model.seed = spec.seed();
		if (spec.isTraditional()) {
			spec.features().forEach(f -> model.features.add(Slot.of(ModuleKind.FEATURE, f)));
			model.classifier = Slot.of(ModuleKind.CLASSIFIER, spec.classifier().get());
			return model;
		}
		model.backbone = Slot.of(ModuleKind.BACKBONE, spec.backbone().module());
		for (AttentionRef a : spec.backbone().attention()) {
			Slot slot = Slot.of(ModuleKind.ATTENTION, a.module());
			slot.stage = a.stage();
			model.attention.add(slot);
		}
		model.head = Slot.of(ModuleKind.HEAD, spec.head());
		for (LossTerm term : spec.loss()) {
			Slot slot = Slot.of(ModuleKind.LOSS, term.module());
			slot.weight = term.weight();
			model.loss.add(slot);
		}
		model.optimizer = spec.optimizer();
		model.schedule = spec.schedule();
		model.earlyStopping = spec.earlyStopping();
		model.epochs = spec.epochs();
		model.batchSize = spec.batchSize();
		return model;
	}

	/** Whether this is a features → classifier experiment rather than a network. */
	public boolean isTraditional() {
		return classifier != null;
	}

	public ExperimentSpec toSpec() {
		if (isTraditional()) {
			return new ExperimentSpec(format, name, dataset.toRef(), Optional.ofNullable(detector).map(Slot::toRef),
					preprocessors.stream().map(Slot::toRef).toList(), List.of(), null, null, List.of(), OptimizerSpec.defaults(),
					ScheduleSpec.defaults(), 1, 1, seed, features.stream().map(Slot::toRef).toList(), Optional.of(classifier.toRef()));
		}
		List<AttentionRef> attentionRefs = attention.stream().map(s -> new AttentionRef(s.toRef(), s.stage)).toList();
		List<LossTerm> terms = loss.stream().map(s -> new LossTerm(s.toRef(), s.weight)).toList();
		return new ExperimentSpec(format, name, dataset.toRef(), Optional.ofNullable(detector).map(Slot::toRef),
				preprocessors.stream().map(Slot::toRef).toList(), augmentations.stream().map(Slot::toRef).toList(),
				new BackboneSpec(backbone.toRef(), attentionRefs), head.toRef(), terms, optimizer, schedule, epochs, batchSize, seed, List.of(),
				Optional.empty(), earlyStopping);
	}

	/** The list of a kind that takes several entries, or null for single-module kinds. */
	public List<Slot> listOf(ModuleKind kind) {
		return switch (kind) {
			case PREPROCESSOR -> preprocessors;
			case AUGMENTATION -> augmentations;
			case ATTENTION -> attention;
			case LOSS -> loss;
			case FEATURE -> features;
			default -> null;
		};
	}
}
