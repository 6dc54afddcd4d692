package facet.detect.adaboost;

import facet.core.detection.FaceAnnotations;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

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

	@Override
	public String train(ModuleSettings settings, Path annotations, Path images, Path out, Progress progress) throws ModuleException, IOException {
		validate(settings);
		CascadeTrainer.Options options = new CascadeTrainer.Options(24, settings.getInt("stages"), settings.getDouble("hitRate"),
				settings.getDouble("falseAlarm"), settings.getDouble("targetFalseAlarm"), settings.getInt("features"), settings.getInt("negatives"),
				settings.getInt("maxStumps"), settings.getLong("seed"));
		CascadeTrainer trainer = new CascadeTrainer(options, progress);
		long start = System.nanoTime();
		Cascade cascade = trainer.train(FaceAnnotations.read(annotations, images));
		cascade.training().addProperty("seconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
		cascade.write(out);
		return String.format(Locale.ROOT, "viola-jones: %d stages, %d stumps in %.1f s, written to %s%n  %s", cascade.stages().size(),
				cascade.stumpCount(), (System.nanoTime() - start) / 1e9, out, String.join("\n  ", trainer.log()));
	}
}
