package facet.core.spi;

import java.util.List;

import facet.core.FaceBox;
import facet.core.ImageRaster;

/** Finds faces in an image; boxes and landmarks are in the image's own pixels. */
public interface FaceDetector extends AutoCloseable {

	List<FaceBox> detect(ImageRaster image) throws Exception;

	/** Releases native resources; the default holds none. */
	@Override
	default void close() {
		// nothing held by default
	}
}
