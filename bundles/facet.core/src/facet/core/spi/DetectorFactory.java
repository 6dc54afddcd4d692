package facet.core.spi;

import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;

/** Contributed to {@code facet.core.detectors}. */
public interface DetectorFactory extends ModuleFactory {

	FaceDetector create(ModuleSettings settings) throws ModuleException;
}
