package facet.engine.ablation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import facet.core.experiment.AttentionRef;
import facet.core.experiment.BackboneSpec;
import facet.core.experiment.ExperimentSpec;
import facet.core.experiment.LossTerm;
import facet.core.experiment.ModuleRef;

/**
 * The paper's ablations of an experiment, generated: each component removed in turn. Pure: it
 * reads only the experiment, so the same experiment always gives the same variants in the same
 * order.
 * <ul>
 * <li>each attention module, by index: {@code without attention csam at stage2};</li>
 * <li>each augmentation: {@code without augmentation cutout};</li>
 * <li>each loss term but the first (the classification term Lcls): {@code without loss center};</li>
 * <li>the refinement head replaced by {@code linear} with the same dropout:
 * {@code head linear instead of refinement}. When a distance loss (center, island) needs an
 * embedding, the replacement is the plain {@code embedding} head instead (same dropout, its default
 * size), so that only the refinement is removed and the joint loss stays as it was:
 * {@code head embedding instead of refinement};</li>
 * <li>Ghost-ResNet's squeeze-and-excitation turned off: {@code backbone ghost-resnet without se}
 * (the parameter defaults to on, so an experiment that leaves it out gets the variant too).</li>
 * </ul>
 * A component that occurs twice gets its position added to its name, so names stay unique.
 */
public final class AblationSet {

	/** Loss modules that need the head's embedding (the distance terms Ldist). */
	public static final Set<String> DISTANCE_LOSSES = Set.of("center", "island");
	/** The name of the unablated experiment in {@link #withBase(ExperimentSpec)}. */
	public static final String BASE = "base";

	private AblationSet() {
	}

	/** The variants of an experiment, in a fixed order: attention, augmentations, loss terms, head, backbone options. */
	public static List<Ablation> of(ExperimentSpec base) {
		List<Ablation> variants = new ArrayList<>();
		List<AttentionRef> attention = base.backbone().attention();
		List<String> attentionNames = unique(attention, a -> a.module().id() + " at " + a.stage());
		for (int i = 0; i < attention.size(); i++) {
			List<AttentionRef> rest = without(attention, i);
			variants.add(variant(base, "without attention " + attentionNames.get(i), s -> copy(s, s.augmentations(),
					new BackboneSpec(s.backbone().module(), rest), s.head(), s.loss())));
		}
		List<String> augmentationNames = unique(base.augmentations(), ModuleRef::id);
		for (int i = 0; i < base.augmentations().size(); i++) {
			List<ModuleRef> rest = without(base.augmentations(), i);
			variants.add(variant(base, "without augmentation " + augmentationNames.get(i), s -> copy(s, rest, s.backbone(), s.head(), s.loss())));
		}
		List<String> lossNames = unique(base.loss(), t -> t.module().id());
		for (int i = 1; i < base.loss().size(); i++) {
			List<LossTerm> rest = without(base.loss(), i);
			variants.add(variant(base, "without loss " + lossNames.get(i), s -> copy(s, s.augmentations(), s.backbone(), s.head(), rest)));
		}
		if (base.head().id().equals("refinement")) {
			boolean distance = base.loss().stream().anyMatch(t -> DISTANCE_LOSSES.contains(t.module().id()));
			Map<String, Object> params = new LinkedHashMap<>();
			if (base.head().params().containsKey("dropout")) {
				params.put("dropout", base.head().params().get("dropout"));
			}
			ModuleRef head = new ModuleRef(distance ? "embedding" : "linear", params);
			variants.add(variant(base, "head " + head.id() + " instead of refinement", s -> copy(s, s.augmentations(), s.backbone(), head, s.loss())));
		}
		ModuleRef backbone = base.backbone().module();
		if (backbone.id().equals("ghost-resnet") && !Boolean.FALSE.equals(backbone.params().get("se"))) {
			Map<String, Object> params = new LinkedHashMap<>(backbone.params());
			params.put("se", Boolean.FALSE);
			BackboneSpec noSe = new BackboneSpec(new ModuleRef(backbone.id(), params), base.backbone().attention());
			variants.add(variant(base, "backbone ghost-resnet without se", s -> copy(s, s.augmentations(), noSe, s.head(), s.loss())));
		}
		return List.copyOf(variants);
	}

	/** The base itself, named {@value #BASE}, then {@link #of(ExperimentSpec)}: everything an ablation trains. */
	public static List<Ablation> withBase(ExperimentSpec base) {
		List<Ablation> all = new ArrayList<>();
		all.add(new Ablation(BASE, base));
		all.addAll(of(base));
		return List.copyOf(all);
	}

	/** The ablated experiment's name: the base's name and what was removed. */
	public static String experimentName(ExperimentSpec base, String ablation) {
		return base.name() + " " + ablation;
	}

	private static Ablation variant(ExperimentSpec base, String name, Function<ExperimentSpec, ExperimentSpec> change) {
		ExperimentSpec changed = change.apply(base);
		return new Ablation(name, new ExperimentSpec(changed.format(), experimentName(base, name), changed.dataset(), changed.detector(),
				changed.preprocessors(), changed.augmentations(), changed.backbone(), changed.head(), changed.loss(), changed.optimizer(),
				changed.schedule(), changed.epochs(), changed.batchSize(), changed.seed(), changed.features(), changed.classifier(),
				changed.earlyStopping()));
	}

	private static ExperimentSpec copy(ExperimentSpec s, List<ModuleRef> augmentations, BackboneSpec backbone, ModuleRef head, List<LossTerm> loss) {
		return new ExperimentSpec(s.format(), s.name(), s.dataset(), s.detector(), s.preprocessors(), augmentations, backbone, head, loss,
				s.optimizer(), s.schedule(), s.epochs(), s.batchSize(), s.seed(), s.features(), s.classifier(), s.earlyStopping());
	}

	private static <T> List<T> without(List<T> list, int index) {
		List<T> rest = new ArrayList<>(list);
		rest.remove(index);
		return rest;
	}

	/** Labels made unique by adding the 1-based position to those that occur more than once. */
	private static <T> List<String> unique(List<T> items, Function<T, String> label) {
		List<String> labels = items.stream().map(label).toList();
		List<String> result = new ArrayList<>();
		for (int i = 0; i < labels.size(); i++) {
			String l = labels.get(i);
			result.add(labels.indexOf(l) != labels.lastIndexOf(l) ? l + " (#" + (i + 1) + ")" : l);
		}
		return result;
	}
}
