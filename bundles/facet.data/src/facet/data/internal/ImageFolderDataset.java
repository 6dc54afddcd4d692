package facet.data.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import facet.core.ExpressionClass;
import facet.core.Sample;

/**
 * One folder per class, under {@code train/}, {@code val/} and {@code test/} (any that exist;
 * {@code training}, {@code validation}, {@code valid}, {@code testing} are understood too), or
 * directly under the root, which gives the single split {@value #ALL} (re-split it with
 * {@code resplit}). A class folder's name is looked up in the mapping first, then with
 * {@link ExpressionClass#fromName(String)}; a mapping to {@code -} leaves the folder out. Images
 * ({@code .png .jpg .jpeg .bmp .gif .tif .tiff}, any case) are found in the class folder and its
 * subfolders; other files and names starting with a dot are not samples. Sample ids are paths
 * relative to the root with {@code /}. File names that are not valid in the system's encoding
 * are read through the {@link Path}s the folder listing gives, never through their text.
 */
final class ImageFolderDataset extends ImageDataset {

	/** The split of a dataset whose class folders sit directly under the root. */
	static final String ALL = "all";
	static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");
	static final String EXTENSION_TEXT = ".png, .jpg, .jpeg, .bmp, .gif, .tif or .tiff";

	private final Path root;
	private final Map<String, Optional<ExpressionClass>> mapping;

	ImageFolderDataset(ReaderSettings settings, boolean gray, boolean checkImages, Path root, Map<String, Optional<ExpressionClass>> mapping) {
		super(settings, gray, checkImages);
		this.root = root;
		this.mapping = Map.copyOf(mapping);
	}

	@Override
	protected void read(Index index) throws IOException {
		if (!Files.isDirectory(root)) {
			throw new IOException(root + ": no such folder, expected the dataset root (train/, val/, test/ holding one folder per class, or the class folders)");
		}
		List<Path> folders = folders(root);
		List<Path> splitFolders = folders.stream().filter(f -> SplitNames.canonical(name(f)).isPresent()).toList();
		if (splitFolders.isEmpty()) {
			readClasses(index, root, ALL);
			return;
		}
		for (Path folder : folders) {
			Optional<String> split = SplitNames.canonical(name(folder));
			if (split.isPresent()) {
				readClasses(index, folder, split.get());
			} else {
				index.bad(folder.toString(), "folder beside " + String.join(", ", splitFolders.stream().map(f -> name(f) + "/").toList())
						+ " is not a split; expected only train/, val/ and test/ at the root (or only class folders)");
			}
		}
	}

	private void readClasses(Index index, Path parent, String split) throws IOException {
		for (Path folder : folders(parent)) {
			String name = name(folder);
			Optional<ExpressionClass> label;
			Optional<ExpressionClass> mapped = mapping.get(name.toLowerCase(Locale.ROOT));
			if (mapped != null) {
				label = mapped;
			} else {
				label = ExpressionClass.fromName(name);
				if (label.isEmpty()) {
					index.bad(folder.toString(), "folder name \"" + name + "\" is no expression class; expected one of "
							+ String.join(", ", Stream.of(ExpressionClass.values()).map(ExpressionClass::label).toList())
							+ ", a synonym (angry, happy, sad, surprised, fearful, disgusted …) or an entry of the mapping parameter");
					continue;
				}
			}
			List<Path> images = images(folder);
			if (images.isEmpty()) {
				index.bad(folder.toString(), "no images, expected " + EXTENSION_TEXT + " files");
				continue;
			}
			for (Path image : images) {
				if (label.isEmpty()) {
					index.exclude(image.toString(), "class folder \"" + name + "\" is mapped to - (left out)");
					continue;
				}
				if (checkImage(index, image, null) != null) {
					addImage(index, new Sample(id(image), split, label.get(), Optional.empty()), image);
				}
			}
		}
	}

	private String id(Path image) {
		List<String> parts = new ArrayList<>();
		root.relativize(image).forEach(p -> parts.add(p.toString()));
		return String.join("/", parts);
	}

	private static String name(Path path) {
		return path.getFileName().toString();
	}

	private static boolean hidden(Path path) {
		return name(path).startsWith(".");
	}

	/** Sub-folders, not hidden, by name. */
	private static List<Path> folders(Path parent) throws IOException {
		List<Path> folders = new ArrayList<>();
		try (DirectoryStream<Path> children = Files.newDirectoryStream(parent)) {
			for (Path child : children) {
				if (!hidden(child) && Files.isDirectory(child)) {
					folders.add(child);
				}
			}
		}
		folders.sort(Comparator.comparing(Path::toString));
		return folders;
	}

	/** Image files in a folder and its sub-folders, not hidden, by path. */
	private static List<Path> images(Path folder) throws IOException {
		try (Stream<Path> walk = Files.walk(folder)) {
			return walk.filter(p -> !p.equals(folder) && !hidden(p) && isImageName(name(p)) && !Files.isDirectory(p))
					.sorted(Comparator.comparing(Path::toString)).toList();
		} catch (UncheckedIOException e) {
			throw new IOException(folder + ": cannot list the images (" + e.getCause().getMessage() + ")", e.getCause());
		}
	}

	static boolean isImageName(String name) {
		int dot = name.lastIndexOf('.');
		return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
	}
}
