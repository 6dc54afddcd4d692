package facet.features.internal;

import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;
import facet.core.spi.FeatureExtractorFactory;
import facet.core.spi.FeatureStage;
import facet.features.GaborBank;
import facet.features.HistogramOfGradients;
import facet.features.LocalBinaryPatterns;
import facet.features.PrincipalComponents;
import facet.features.RawPixels;
import facet.features.Standardization;

/** The factories this bundle contributes to {@code facet.core.features}, one nested class per module. */
public final class FeatureFactories {

	private FeatureFactories() {
	}

	public static final class Lbp implements FeatureExtractorFactory {
		@Override
		public FeatureStage create(ModuleSettings s) {
			return new LocalBinaryPatterns(s.getInt("radius"), s.getInt("neighbours"), LocalBinaryPatterns.Mapping.parse(s.getString("mapping")),
					s.getInt("cellsX"), s.getInt("cellsY"));
		}
	}

	public static final class Hog implements FeatureExtractorFactory {
		@Override
		public FeatureStage create(ModuleSettings s) {
			return new HistogramOfGradients(s.getInt("cell"), s.getInt("block"), s.getInt("bins"), s.getBoolean("signed"));
		}
	}

	public static final class Gabor implements FeatureExtractorFactory {
		@Override
		public void validate(ModuleSettings s) throws ModuleException {
			if (s.getInt("kernel") % 2 == 0) {
				throw new ModuleException("feature 'gabor' parameter 'kernel': expected an odd size, got " + s.getInt("kernel"));
			}
		}

		@Override
		public FeatureStage create(ModuleSettings s) throws ModuleException {
			validate(s);
			return new GaborBank(s.getInt("scales"), s.getInt("orientations"), s.getInt("kernel"), s.getDouble("wavelength"), s.getInt("cells"));
		}
	}

	public static final class Raw implements FeatureExtractorFactory {
		@Override
		public FeatureStage create(ModuleSettings s) {
			return new RawPixels(s.getInt("step"));
		}
	}

	public static final class Pca implements FeatureExtractorFactory {
		@Override
		public FeatureStage create(ModuleSettings s) {
			return new PrincipalComponents(s.getInt("components"), s.getDouble("variance"), s.getBoolean("whiten"));
		}
	}

	public static final class Standardize implements FeatureExtractorFactory {
		@Override
		public FeatureStage create(ModuleSettings s) {
			return new Standardization();
		}
	}
}
