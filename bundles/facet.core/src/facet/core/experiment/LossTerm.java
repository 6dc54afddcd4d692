package facet.core.experiment;

/** One weighted term of the joint loss {@code L = Σ weight·term}. */
public record LossTerm(ModuleRef module, double weight) {
}
