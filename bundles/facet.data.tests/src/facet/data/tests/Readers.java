package facet.data.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.Sample;
import facet.core.data.SkippedEntry;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ModuleSettings;
import facet.core.spi.Dataset;
import facet.core.spi.DatasetFactory;

/** Opens readers the way the engine does: through the registry, validated settings and the factory. */
final class Readers {

	private Readers() {
	}

	static Dataset open(String id, Map<String, ?> params) throws ModuleException {
		ModuleDescriptor module = ModuleRegistry.getDefault().get(ModuleKind.DATASET, id);
		ModuleSettings settings = module.settings(params);
		DatasetFactory factory = module.factory(DatasetFactory.class);
		factory.validate(settings);
		return factory.create(settings);
	}

	/** A gray PNG of one value, folders created as needed. */
	static Path png(Path file, int width, int height, int value) throws IOException {
		Files.createDirectories(file.getParent());
		byte[] pixels = new byte[width * height];
		Arrays.fill(pixels, (byte) value);
		ImageFiles.writePng(new ImageRaster(width, height, 1, pixels), file);
		return file;
	}

	/** 2304 space-separated values, the n-th being (value + n) mod 256. */
	static String pixels(int value) {
		return IntStream.range(0, 2304).mapToObj(i -> Integer.toString((value + i) % 256)).collect(Collectors.joining(" "));
	}

	static List<String> ids(List<Sample> samples) {
		return samples.stream().map(Sample::id).toList();
	}

	static List<String> skipped(Dataset dataset) {
		return dataset.skipped().stream().map(SkippedEntry::toString).toList();
	}
}
