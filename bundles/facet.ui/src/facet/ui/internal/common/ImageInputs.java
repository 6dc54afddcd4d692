package facet.ui.internal.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Images a user opens: a file, or the images of a folder (not its subfolders), sorted by name. */
public final class ImageInputs {

	/** The file dialog's filter for the images the JDK decoders read. */
	public static final String FILTER = "*.jpg;*.jpeg;*.png;*.bmp;*.gif";
	private static final List<String> SUFFIXES = List.of(".jpg", ".jpeg", ".png", ".bmp", ".gif");

	private ImageInputs() {
	}

	public static boolean isImage(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return SUFFIXES.stream().anyMatch(name::endsWith);
	}

	/** The image itself, or a folder's images; a folder without any is an error naming it. */
	public static List<Path> expand(Path input) throws IOException {
		if (!Files.isDirectory(input)) {
			return List.of(input);
		}
		List<Path> images;
		try (Stream<Path> files = Files.list(input)) {
			images = files.filter(Files::isRegularFile).filter(ImageInputs::isImage).sorted().toList();
		}
		if (images.isEmpty()) {
			throw new IOException(input + ": the folder holds no image (" + String.join(", ", SUFFIXES) + ")");
		}
		return images;
	}
}
