package facet.ui.internal.pipeline;

import java.util.List;
import java.util.Optional;

import facet.core.modules.ModuleKind;
import facet.ui.internal.editor.ExperimentModel;
import facet.ui.internal.editor.ExperimentModel.Slot;

/**
 * A module dragged from the Modules view onto an experiment: what travels (text naming its kind
 * and id, so that any drop target can read it) and where it lands in the pipeline. A module of a
 * single-entry kind (dataset, detector, backbone, head, classifier) replaces the entry; one of a
 * list kind is added after the list's last entry; attention goes to the backbone's last stage
 * before the head.
 */
public final class ModuleDrop {

	/** Prefix of the dragged text, so that other text dropped on the editor is ignored. */
	public static final String PREFIX = "facet-module:";

	private ModuleDrop() {
	}

	/** The text a drag of this module carries. */
	public static String text(ModuleKind kind, String id) {
		return PREFIX + kind.name() + ":" + id;
	}

	/** The module a dragged text names, or empty when it is no Facet module. */
	public static Optional<Dropped> parse(String text) {
		if (text == null || !text.startsWith(PREFIX)) {
			return Optional.empty();
		}
		String rest = text.substring(PREFIX.length());
		int colon = rest.indexOf(':');
		if (colon <= 0 || colon == rest.length() - 1) {
			return Optional.empty();
		}
		try {
			ModuleKind kind = ModuleKind.valueOf(rest.substring(0, colon));
			return Optional.of(new Dropped(kind, rest.substring(colon + 1)));
		} catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}

	/** A module to add. */
	public record Dropped(ModuleKind kind, String id) {
	}

	/**
	 * Whether a module of the kind has a place in the model: a network (backbone → head) takes no
	 * feature stage or classifier, a features → classifier experiment no augmentation, backbone,
	 * attention, head or loss, since the experiment format refuses the mix.
	 */
	public static boolean fits(ExperimentModel model, ModuleKind kind) {
		return switch (kind) {
			case DATASET, DETECTOR, PREPROCESSOR -> true;
			case FEATURE, CLASSIFIER -> model.isTraditional();
			default -> !model.isTraditional();
		};
	}

	/**
	 * Adds or sets the module in the model; see {@link #fits} for where it has no place.
	 *
	 * @param stages the backbone's stage names in forward order (for attention), possibly empty
	 * @return the slot that now holds the module
	 */
	public static Slot apply(ExperimentModel model, Dropped module, List<String> stages) {
		Slot slot = new Slot(module.kind(), module.id());
		switch (module.kind()) {
			case DATASET -> model.dataset = slot;
			case DETECTOR -> model.detector = slot;
			case BACKBONE -> model.backbone = slot;
			case HEAD -> model.head = slot;
			case CLASSIFIER -> model.classifier = slot;
			case ATTENTION -> {
				slot.stage = attentionStage(stages);
				model.attention.add(slot);
			}
			default -> model.listOf(module.kind()).add(slot);
		}
		return slot;
	}

	/** The last stage before {@code head-input}, where attention sees the most refined features; "stage1" when unknown. */
	static String attentionStage(List<String> stages) {
		List<String> body = stages.stream().filter(s -> !s.equals("head-input") && !s.equals("stem")).toList();
		return body.isEmpty() ? "stage1" : body.get(body.size() - 1);
	}
}
