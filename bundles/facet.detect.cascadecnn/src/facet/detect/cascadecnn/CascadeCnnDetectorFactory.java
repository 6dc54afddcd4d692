package facet.detect.cascadecnn;

import facet.core.detection.FaceAnnotations;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import ai.djl.ndarray.NDManager;
import facet.core.Progress;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;
import facet.core.spi.DetectorFactory;
import facet.core.spi.FaceDetector;
import facet.core.spi.TrainableDetector;
import facet.detect.cascadecnn.internal.CnnModel;
import facet.detect.cascadecnn.internal.CnnTrainer;

/** Creates {@link CascadeCnnDetector}s from a model folder and trains one. */
public class CascadeCnnDetectorFactory implements DetectorFactory, TrainableDetector {

	@Override
	public FaceDetector create(ModuleSettings settings) throws ModuleException {
		String model = settings.getString("model");
		if (model.isBlank()) {
			throw new ModuleException("detector 'cascade-cnn' needs a model: --param model=FOLDER, written by: facet detector train cascade-cnn");
		}
		CascadeCnnDetector.Options options = new CascadeCnnDetector.Options(settings.getInt("minSize"), settings.getDouble("scaleFactor"),
				settings.getInt("step"), settings.getInt("maxWidth"), settings.getDouble("threshold12"), settings.getDouble("threshold24"),
				settings.getDouble("threshold48"));
		try {
			return CascadeCnnDetector.load(Path.of(model), options);
		} catch (IOException e) {
			throw new ModuleException("detector 'cascade-cnn': " + e.getMessage(), e);
		}
	}

	@Override
	public String train(ModuleSettings settings, Path annotations, Path images, Path out, Progress progress) throws ModuleException, IOException {
		CnnTrainer.Options options = new CnnTrainer.Options(settings.getInt("epochs"), settings.getInt("negatives"),
				(float) settings.getDouble("learningRate"), settings.getInt("batchSize"), settings.getLong("seed"), settings.getInt("jitter"));
		CnnTrainer trainer = new CnnTrainer(options, progress);
		long start = System.nanoTime();
		try (NDManager manager = NDManager.newBaseManager(); CnnModel model = trainer.train(FaceAnnotations.read(annotations, images), manager)) {
			model.write(out);
		}
		return String.format(Locale.ROOT, "cascade-cnn: six nets trained in %.1f s, written to %s%n  %s", (System.nanoTime() - start) / 1e9, out,
				String.join("\n  ", trainer.log()));
	}
}
