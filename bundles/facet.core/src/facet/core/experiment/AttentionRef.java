package facet.core.experiment;

/** An attention module inserted after a named stage of the backbone. */
public record AttentionRef(ModuleRef module, String stage) {
}
