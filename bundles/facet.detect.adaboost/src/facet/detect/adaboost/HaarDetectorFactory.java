package facet.detect.adaboost;

import java.io.IOException;
import java.nio.file.Path;

import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;
import facet.core.spi.DetectorFactory;
import facet.core.spi.FaceDetector;

/** Creates {@link HaarDetector}s; the cascade file is read only when a detector is created. */
public class HaarDetectorFactory implements DetectorFactory {

	@Override
	public void validate(ModuleSettings settings) throws ModuleException {
		int max = settings.getInt("maxSize");
		if (max > 0 && max < settings.getInt("minSize")) {
			throw new ModuleException("detector 'haar': maxSize " + max + " is smaller than minSize " + settings.getInt("minSize"));
		}
	}

	@Override
	public FaceDetector create(ModuleSettings settings) throws ModuleException {
		validate(settings);
		Path file = Path.of(settings.getString("cascades")).resolve("haarcascade_frontalface_" + settings.getString("cascade") + ".xml");
		HaarDetector.Options options = new HaarDetector.Options(settings.getDouble("scaleFactor"), settings.getInt("minNeighbors"),
				settings.getInt("minSize"), settings.getInt("maxSize"), settings.getInt("maxWidth"));
		try {
			return HaarDetector.load(file, options);
		} catch (IOException e) {
			throw new ModuleException("detector 'haar': " + e.getMessage(), e);
		}
	}
}
