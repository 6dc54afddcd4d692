package facet.core.detection;

import java.util.List;

/**
 * The faces annotated in one image.
 *
 * @param image the image's name as the annotation file gives it, relative to the images folder
 *            (FDDB names carry no extension; {@link DetectionAnnotations#resolve} finds the file)
 * @param faces every annotated face, possibly none
 * @param line the line of the annotation file where the image's record starts
 */
public record AnnotatedImage(String image, List<AnnotatedFace> faces, int line) {

	public AnnotatedImage {
		faces = List.copyOf(faces);
	}
}
