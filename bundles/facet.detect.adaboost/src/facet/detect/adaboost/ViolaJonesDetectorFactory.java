package facet.detect.adaboost;

import facet.core.detection.FaceAnnotations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import facet.core.Progress;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;
import facet.core.spi.DetectorFactory;
import facet.core.spi.FaceDetector;
import facet.core.spi.TrainableDetector;
import facet.detect.adaboost.internal.Cascade;
import facet.detect.adaboost.internal.CascadeTrainer;

/** Creates {@link ViolaJonesDetector}s from a model file and trains that file. */
public class ViolaJonesDetectorFactory implements DetectorFactory, TrainableDetector {

	@Override
	public void validate(ModuleSettings settings) throws ModuleException {
		int max = settings.getInt("maxSize");
		if (max > 0 && max < settings.getInt("minSize")) {
			throw new ModuleException("detector 'viola-jones': maxSize " + max + " is smaller than minSize " + settings.getInt("minSize"));
		}
	}

	@Override
	public FaceDetector create(ModuleSettings settings) throws ModuleException {
		validate(settings);
		String model = settings.getString("model");
		if (model.isBlank()) {
			throw new ModuleException("detector 'viola-jones' needs a model file: --param model=FILE, written by: facet detector train viola-jones");
		}
		try {
			return ViolaJonesDetector.load(Path.of(model), options(settings));
		} catch (IOException e) {
			throw new ModuleException("detector 'viola-jones': " + e.getMessage(), e);
		}
	}

	static ViolaJonesDetector.Options options(ModuleSettings settings) {
		return new ViolaJonesDetector.Options(settings.getDouble("scaleFactor"), settings.getInt("step"), settings.getInt("minNeighbors"),
				settings.getInt("minSize"), settings.getInt("maxSize"), settings.getInt("maxWidth"));
	}

	/** The images of a folder in name order (or the one image file named); none for an empty value. */
	static List<Path> backgrounds(String value) throws ModuleException, IOException {
		if (value.isBlank()) {
			return List.of();
		}
		Path path = Path.of(value);
		if (Files.isRegularFile(path)) {
			return List.of(path);
		}
		if (!Files.isDirectory(path)) {
			throw new ModuleException("detector 'viola-jones': backgrounds " + path + " is neither an image nor a folder of face-free images");
		}
		List<Path> images;
		try (Stream<Path> files = Files.list(path)) {
			images = files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g|bmp|gif)"))
					.sorted(Comparator.comparing(f -> f.getFileName().toString())).toList();
		}
		if (images.isEmpty()) {
			throw new ModuleException("detector 'viola-jones': the backgrounds folder " + path + " holds no PNG, JPEG, BMP or GIF image");
		}
		return images;
	}

	@Override
	public String train(ModuleSettings settings, Path annotations, Path images, Path out, Progress progress) throws ModuleException, IOException {
		validate(settings);
		CascadeTrainer.Options options = new CascadeTrainer.Options(24, settings.getInt("stages"), settings.getDouble("hitRate"),
				settings.getDouble("falseAlarm"), settings.getDouble("targetFalseAlarm"), settings.getInt("features"), settings.getInt("negatives"),
				settings.getInt("maxStumps"), settings.getLong("seed"), settings.getInt("jitter"), backgrounds(settings.getString("backgrounds")),
				settings.getInt("threads"));
		CascadeTrainer trainer = new CascadeTrainer(options, progress);
		long start = System.nanoTime();
		Cascade cascade = trainer.train(FaceAnnotations.read(annotations, images));
		// no time in the file: the same data and options give the same bytes
		cascade.write(out);
		return String.format(Locale.ROOT, "viola-jones: %d stages, %d stumps in %.1f s, written to %s%n  %s", cascade.stages().size(),
				cascade.stumpCount(), (System.nanoTime() - start) / 1e9, out, String.join("\n  ", trainer.log()));
	}
}
