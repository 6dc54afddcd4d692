package facet.testmodules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import facet.core.ExpressionClass;
import facet.core.ImageRaster;
import facet.core.Sample;
import facet.core.modules.ModuleSettings;
import facet.core.spi.Dataset;
import facet.core.spi.DatasetFactory;

public class TestDatasetFactory implements DatasetFactory {

	@Override
	public Dataset create(ModuleSettings settings) {
		int size = settings.getInt("size");
		int perClass = settings.getInt("perClass");
		return new Dataset() {
			@Override
			public Map<String, List<Sample>> splits() {
				Map<String, List<Sample>> splits = new LinkedHashMap<>();
				for (String split : List.of("train", "test")) {
					List<Sample> samples = new ArrayList<>();
					for (ExpressionClass c : ExpressionClass.values()) {
						for (int i = 0; i < perClass; i++) {
							samples.add(new Sample(split + "/" + c.label() + "/" + i, split, c, Optional.empty()));
						}
					}
					splits.put(split, samples);
				}
				return splits;
			}

			@Override
			public ImageRaster load(Sample sample) {
				byte[] pixels = new byte[size * size];
				Arrays.fill(pixels, (byte) (sample.label().ordinal() * 36));
				return new ImageRaster(size, size, 1, pixels);
			}
		};
	}
}
