package facet.core.spi;

/**
 * One entry of an experiment's {@code "features"} list. The vectors of the extractors are
 * concatenated in the order given; a transform replaces everything concatenated before it with
 * its fitted output, and later extractors append after that.
 */
public sealed interface FeatureStage permits FeatureExtractor, FeatureTransform {
}
