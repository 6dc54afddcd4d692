package facet.core.spi;

import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;

/**
 * Contributed to {@code facet.core.features}: one stage of a traditional model's feature
 * vector, either a {@link FeatureExtractor} (image to vector) or a {@link FeatureTransform}
 * (a post-processing stage such as PCA, fitted on the training vectors).
 */
public interface FeatureExtractorFactory extends ModuleFactory {

	FeatureStage create(ModuleSettings settings) throws ModuleException;
}
