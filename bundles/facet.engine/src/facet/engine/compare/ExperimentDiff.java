package facet.engine.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import facet.core.experiment.AttentionRef;
import facet.core.experiment.ExperimentSpec;
import facet.core.experiment.LossTerm;
import facet.core.experiment.ModuleRef;

/**
 * Says in words how one experiment differs from a base: which components it lacks, adds or
 * changes. Ablation tables use it to name what each removal removed.
 */
public final class ExperimentDiff {

	private ExperimentDiff() {
	}

	/** Phrases such as {@code "without attention cam at stage3"}; empty when the two are the same apart from seed and name. */
	public static List<String> describe(ExperimentSpec base, ExperimentSpec other) {
		List<String> changes = new ArrayList<>();
		modules(changes, "preprocessor", ids(base.preprocessors()), ids(other.preprocessors()));
		modules(changes, "augmentation", ids(base.augmentations()), ids(other.augmentations()));
		modules(changes, "attention", attention(base.backbone().attention()), attention(other.backbone().attention()));
		modules(changes, "loss", loss(base.loss()), loss(other.loss()));
		if (!base.backbone().module().id().equals(other.backbone().module().id())) {
			changes.add("backbone " + other.backbone().module().id() + " instead of " + base.backbone().module().id());
		} else if (!base.backbone().module().params().equals(other.backbone().module().params())) {
			changes.add("backbone parameters " + other.backbone().module().params());
		}
		if (!base.head().id().equals(other.head().id())) {
			changes.add("head " + other.head().id() + " instead of " + base.head().id());
		}
		if (!Objects.equals(base.detector().map(ModuleRef::id), other.detector().map(ModuleRef::id))) {
			changes.add(other.detector().map(d -> "detector " + d.id()).orElse("without detector"));
		}
		if (!base.dataset().equals(other.dataset())) {
			changes.add("dataset " + other.dataset().id() + " " + other.dataset().params());
		}
		if (!base.optimizer().equals(other.optimizer())) {
			changes.add("optimizer settings");
		}
		if (!base.schedule().equals(other.schedule())) {
			changes.add("schedule settings");
		}
		if (base.epochs() != other.epochs()) {
			changes.add(other.epochs() + " epochs instead of " + base.epochs());
		}
		if (base.batchSize() != other.batchSize()) {
			changes.add("batch size " + other.batchSize() + " instead of " + base.batchSize());
		}
		return changes;
	}

	private static void modules(List<String> changes, String kind, List<String> base, List<String> other) {
		for (String id : base) {
			if (!other.contains(id)) {
				changes.add("without " + kind + " " + id);
			}
		}
		for (String id : other) {
			if (!base.contains(id)) {
				changes.add("with " + kind + " " + id);
			}
		}
	}

	private static List<String> ids(List<ModuleRef> refs) {
		return refs.stream().map(ModuleRef::id).toList();
	}

	private static List<String> attention(List<AttentionRef> refs) {
		return refs.stream().map(a -> a.module().id() + " at " + a.stage()).toList();
	}

	private static List<String> loss(List<LossTerm> terms) {
		return terms.stream().map(t -> t.module().id()).toList();
	}
}
