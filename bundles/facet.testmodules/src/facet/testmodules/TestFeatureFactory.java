package facet.testmodules;

import facet.core.ImageRaster;
import facet.core.modules.ModuleSettings;
import facet.core.spi.FeatureExtractor;
import facet.core.spi.FeatureExtractorFactory;
import facet.core.spi.FeatureStage;

/** The mean gray value of each of {@code bins} horizontal bands. */
public class TestFeatureFactory implements FeatureExtractorFactory {

	@Override
	public FeatureStage create(ModuleSettings settings) {
		int bands = settings.getInt("bands");
		return new FeatureExtractor() {
			@Override
			public int length(int width, int height) {
				return bands;
			}

			@Override
			public float[] extract(ImageRaster image) {
				float[] sums = new float[bands];
				int[] counts = new int[bands];
				for (int y = 0; y < image.height(); y++) {
					int band = Math.min(bands - 1, y * bands / image.height());
					for (int x = 0; x < image.width(); x++) {
						sums[band] += image.get(x, y, 0);
						counts[band]++;
					}
				}
				for (int i = 0; i < bands; i++) {
					sums[i] = counts[i] == 0 ? 0 : sums[i] / counts[i];
				}
				return sums;
			}
		};
	}
}
