package facet.data.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.Sample;
import facet.core.data.BadDataException;

/**
 * A reader whose samples are image files, decoded only by {@link #load(Sample)}. While indexing,
 * every file must exist; with {@code checkImages} its header is read too, so that an unreadable,
 * empty or huge image is found before training (and skipped with {@code skipBad}).
 */
abstract class ImageDataset extends ReaderDataset {

	private final boolean gray;
	private final boolean checkImages;
	private final Map<String, Path> files = new HashMap<>();

	ImageDataset(ReaderSettings settings, boolean gray, boolean checkImages) {
		super(settings);
		this.gray = gray;
		this.checkImages = checkImages;
	}

	/**
	 * Checks an image file: it must exist and be readable; with {@code checkImages} its header
	 * must be a decodable image of sensible size.
	 *
	 * @param listedAt where the image is named ({@code file:line}), or null when found by listing a folder
	 * @return width and height when headers are checked, an empty array when not, null when the
	 *         image is bad (and skipped)
	 * @throws BadDataException for a bad image, unless {@code skipBad}
	 */
	protected final int[] checkImage(Index index, Path file, String listedAt) throws IOException {
		String suffix = listedAt == null ? "" : " (listed at " + listedAt + ")";
		if (!Files.isRegularFile(file)) {
			index.bad(file.toString(), (Files.exists(file) ? "not a regular file, expected an image file" : "no such image file") + suffix);
			return null;
		}
		if (!Files.isReadable(file)) {
			index.bad(file.toString(), "cannot be read (permission denied), expected a readable image file" + suffix);
			return null;
		}
		if (!checkImages) {
			return new int[0];
		}
		try {
			return ImageFiles.size(file);
		} catch (IOException e) {
			String message = e.getMessage() == null ? e.toString() : e.getMessage();
			String prefix = file + ": ";
			index.bad(file.toString(), (message.startsWith(prefix) ? message.substring(prefix.length()) : message) + suffix);
			return null;
		}
	}

	/** Adds the sample of a checked image; false (after reporting it) when its id is taken. */
	protected final boolean addImage(Index index, Sample sample, Path file) throws IOException {
		Path previous = files.putIfAbsent(sample.id(), file);
		if (previous != null) {
			index.bad(file.toString(), "has the sample id \"" + sample.id() + "\" of " + previous
					+ "; ids must be unique (is a file name not valid in this system's encoding?)");
			return false;
		}
		index.add(sample);
		return true;
	}

	@Override
	public ImageRaster load(Sample sample) throws IOException {
		splits();
		Path file;
		synchronized (this) {
			file = files.get(sample.id());
		}
		if (file == null) {
			throw new BadDataException(sample.id(), "no such sample in this dataset");
		}
		return ImageFiles.read(file, gray);
	}
}
