package facet.core.spi;

import java.util.Map;

import facet.core.ImageRaster;

/**
 * Implemented by a feature extractor that can draw what it computes (HOG glyphs, LBP codes,
 * Gabor responses), so that {@code facet features show} and the workbench can show any
 * extractor without knowing it.
 */
public interface FeatureVisuals {

	/**
	 * Pictures of what the extractor sees in one image, by a short file-name-safe name
	 * ({@code "codes"}, {@code "glyphs"} …), in a stable order.
	 */
	Map<String, ImageRaster> visualize(ImageRaster image);
}
