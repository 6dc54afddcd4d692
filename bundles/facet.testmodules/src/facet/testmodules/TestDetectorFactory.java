package facet.testmodules;

import java.util.List;

import facet.core.FaceBox;
import facet.core.modules.ModuleSettings;
import facet.core.spi.DetectorFactory;
import facet.core.spi.FaceDetector;

public class TestDetectorFactory implements DetectorFactory {

	@Override
	public FaceDetector create(ModuleSettings settings) {
		double margin = settings.getDouble("margin");
		return image -> List.of(FaceBox.of(image.width() * margin, image.height() * margin, image.width() * (1 - margin),
				image.height() * (1 - margin), 1.0));
	}
}
