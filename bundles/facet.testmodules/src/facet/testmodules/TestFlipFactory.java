package facet.testmodules;

import facet.core.ImageRaster;
import facet.core.modules.ModuleSettings;
import facet.core.spi.AugmentationFactory;
import facet.core.spi.ImageOperation;

public class TestFlipFactory implements AugmentationFactory {

	@Override
	public ImageOperation create(ModuleSettings settings) {
		double probability = settings.getDouble("probability");
		return (image, face, random) -> {
			if (random.nextDouble() >= probability) {
				return new ImageOperation.Result(image, face);
			}
			int w = image.width();
			int c = image.channels();
			byte[] in = image.pixels();
			byte[] out = new byte[in.length];
			for (int y = 0; y < image.height(); y++) {
				for (int x = 0; x < w; x++) {
					System.arraycopy(in, (y * w + x) * c, out, (y * w + (w - 1 - x)) * c, c);
				}
			}
			// the test module ignores landmarks; real flips swap left and right points
			return new ImageOperation.Result(new ImageRaster(w, image.height(), c, out), face);
		};
	}
}
