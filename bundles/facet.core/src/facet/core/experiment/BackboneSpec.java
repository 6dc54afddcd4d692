package facet.core.experiment;

import java.util.List;

/** The backbone and the attention modules placed at its stages, in insertion order. */
public record BackboneSpec(ModuleRef module, List<AttentionRef> attention) {

	public BackboneSpec {
		attention = attention == null ? List.of() : List.copyOf(attention);
	}
}
