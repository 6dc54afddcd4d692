package facet.testmodules;

import facet.core.ImageRaster;
import facet.core.modules.ModuleSettings;
import facet.core.spi.ImageOperation;
import facet.core.spi.PreprocessorFactory;

public class TestInvertFactory implements PreprocessorFactory {

	@Override
	public ImageOperation create(ModuleSettings settings) {
		return (image, face, random) -> {
			byte[] out = image.pixels().clone();
			for (int i = 0; i < out.length; i++) {
				out[i] = (byte) (255 - (out[i] & 0xff));
			}
			return new ImageOperation.Result(new ImageRaster(image.width(), image.height(), image.channels(), out), face);
		};
	}
}
