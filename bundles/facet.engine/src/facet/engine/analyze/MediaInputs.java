package facet.engine.analyze;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.videoio.VideoCapture;
import org.opencv.videoio.Videoio;

import facet.core.ImageFiles;
import facet.core.ImageRaster;
import nu.pattern.OpenCV;

/**
 * What the image commands accept as IMAGE_OR_FOLDER: still images, folders of them (not
 * recursive, sorted by name), video files and numbered image sequences given as a printf
 * pattern ({@code frames/%04d.png}).
 * <p>
 * Video is decoded by OpenCV. The build Facet ships (org.openpnp 4.9.0) has neither FFmpeg nor
 * GStreamer: its only video reader is OpenCV's own Motion-JPEG one, so it reads {@code .avi}
 * files with MJPG frames and nothing else; other files fail naming the file and saying so.
 * Sequences are read frame file by frame file with {@link ImageFiles}, so a bad frame is named and
 * skipped while the others are read.
 */
public final class MediaInputs {

	public static final List<String> IMAGE_SUFFIXES = List.of(".jpg", ".jpeg", ".png", ".bmp", ".gif");
	public static final List<String> VIDEO_SUFFIXES = List.of(".avi", ".mjpg", ".mjpeg", ".mp4", ".m4v", ".mov", ".mkv", ".webm", ".wmv",
			".mpg", ".mpeg");

	/** A printf integer conversion such as %d or %04d. */
	private static final Pattern NUMBER = Pattern.compile("%0?\\d*d");
	/** Where a sequence may start: 0, 1 or any index up to this. */
	private static final int FIRST_INDEX_LIMIT = 1000;

	private MediaInputs() {
	}

	/** What an input is. */
	public enum Kind {
		IMAGE, VIDEO, SEQUENCE
	}

	/** One input: a still image, a video file or an image-sequence pattern. */
	public record Input(Path path, Kind kind) {
	}

	/**
	 * One decoded picture.
	 *
	 * @param index the frame's index: its position from 0 in a video, the number in its file name
	 *            in a sequence; -1 for a still image
	 * @param file the file decoded: the image, the video, or the sequence's frame file
	 */
	public record Frame(Input input, int index, Path file, ImageRaster raster) {
		public boolean isStill() {
			return index < 0;
		}
	}

	/** Gives the frames of an input in order. */
	public interface FrameReader extends AutoCloseable {
		/**
		 * The next frame, or null at the end.
		 *
		 * @throws IOException naming the file that could not be decoded; for a sequence the
		 *             reader has moved past that frame and the next call goes on
		 */
		Frame next() throws IOException;

		@Override
		void close();
	}

	/**
	 * One command-line argument as inputs: a folder as its images, a name with a printf number
	 * conversion as a sequence, a file with a video suffix as a video, anything else as an image.
	 *
	 * @throws IOException naming the folder that holds no image or the pattern no file matches
	 */
	public static List<Input> expand(String argument) throws IOException {
		if (isSequence(argument)) {
			Path pattern = Path.of(argument);
			firstIndex(pattern);
			return List.of(new Input(pattern, Kind.SEQUENCE));
		}
		Path input = Path.of(argument);
		if (!Files.isDirectory(input)) {
			return List.of(new Input(input, hasSuffix(input, VIDEO_SUFFIXES) ? Kind.VIDEO : Kind.IMAGE));
		}
		List<Input> images;
		try (Stream<Path> files = Files.list(input)) {
			images = files.filter(Files::isRegularFile).filter(p -> hasSuffix(p, IMAGE_SUFFIXES)).sorted().map(p -> new Input(p, Kind.IMAGE))
					.toList();
		}
		if (images.isEmpty()) {
			throw new IOException(input + ": folder holds no image (" + String.join(", ", IMAGE_SUFFIXES) + ")");
		}
		return images;
	}

	/** Whether a name holds exactly one printf integer conversion and no other unescaped %. */
	static boolean isSequence(String argument) {
		String rest = argument.replace("%%", "");
		return NUMBER.matcher(rest).results().count() == 1 && rest.chars().filter(c -> c == '%').count() == 1;
	}

	/** Opens an input for reading frame by frame; gray gives 1-channel frames. */
	public static FrameReader open(Input input, boolean gray) throws IOException {
		return switch (input.kind()) {
			case IMAGE -> new StillReader(input, gray);
			case SEQUENCE -> new SequenceReader(input, gray);
			case VIDEO -> new VideoReader(input, gray);
		};
	}

	private static boolean hasSuffix(Path p, List<String> suffixes) {
		String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
		return suffixes.stream().anyMatch(name::endsWith);
	}

	private static Path frameFile(Path pattern, int index) throws IOException {
		try {
			return Path.of(String.format(Locale.ROOT, pattern.toString(), index));
		} catch (IllegalFormatException e) {
			throw new IOException(pattern + ": not a usable frame pattern (expected one %d or %0Nd): " + e.getMessage(), e);
		}
	}

	private static int firstIndex(Path pattern) throws IOException {
		for (int i = 0; i <= FIRST_INDEX_LIMIT; i++) {
			if (Files.isRegularFile(frameFile(pattern, i))) {
				return i;
			}
		}
		throw new IOException(pattern + ": no file matches this frame pattern (looked for frame numbers 0 to " + FIRST_INDEX_LIMIT + ")");
	}

	private static final class StillReader implements FrameReader {
		private final Input input;
		private final boolean gray;
		private boolean done;

		StillReader(Input input, boolean gray) {
			this.input = input;
			this.gray = gray;
		}

		@Override
		public Frame next() throws IOException {
			if (done) {
				return null;
			}
			done = true;
			return new Frame(input, -1, input.path(), ImageFiles.read(input.path(), gray));
		}

		@Override
		public void close() {
		}
	}

	/** Frame files from the first existing number up to the first missing one. */
	private static final class SequenceReader implements FrameReader {
		private final Input input;
		private final boolean gray;
		private int next;

		SequenceReader(Input input, boolean gray) throws IOException {
			this.input = input;
			this.gray = gray;
			this.next = firstIndex(input.path());
		}

		@Override
		public Frame next() throws IOException {
			Path file = frameFile(input.path(), next);
			if (!Files.exists(file)) {
				return null;
			}
			int index = next++;
			return new Frame(input, index, file, ImageFiles.read(file, gray));
		}

		@Override
		public void close() {
		}
	}

	private static final class VideoReader implements FrameReader {
		private final Input input;
		private final boolean gray;
		private final VideoCapture capture;
		private final long expected;
		private final Mat mat = new Mat();
		private int next;

		VideoReader(Input input, boolean gray) throws IOException {
			this.input = input;
			this.gray = gray;
			Path file = input.path();
			if (!Files.isRegularFile(file)) {
				throw new IOException(file + ": no such video file");
			}
			OpenCV.loadLocally();
			// the explicit backend keeps OpenCV from trying its image-sequence reader on the name and logging its failure
			capture = new VideoCapture(file.toString(), Videoio.CAP_OPENCV_MJPEG);
			if (!capture.isOpened()) {
				capture.release();
				throw new IOException(file + ": OpenCV cannot decode this video: Facet's OpenCV build (org.openpnp 4.9.0, no FFmpeg) reads "
						+ "only Motion-JPEG .avi files; convert it (ffmpeg -i IN -c:v mjpeg OUT.avi) or extract its frames to an image sequence "
						+ "(frames/%04d.png)");
			}
			expected = Math.round(capture.get(Videoio.CAP_PROP_FRAME_COUNT));
		}

		@Override
		public Frame next() throws IOException {
			if (!capture.read(mat) || mat.empty()) {
				if (expected > 0 && next < expected) {
					int failed = next;
					next = Integer.MAX_VALUE;
					throw new IOException(input.path() + ": frame " + failed + " of " + expected + " cannot be decoded (truncated or corrupt video)");
				}
				return null;
			}
			return new Frame(input, next++, input.path(), toRaster(mat, gray));
		}

		@Override
		public void close() {
			capture.release();
			mat.release();
		}
	}

	/** An 8-bit BGR (or gray) OpenCV image as an RGB (or gray) raster. */
	private static ImageRaster toRaster(Mat mat, boolean gray) throws IOException {
		int w = mat.cols();
		int h = mat.rows();
		int n = mat.channels();
		if (mat.depth() != CvType.CV_8U || (n != 1 && n != 3)) {
			throw new IOException("a video frame of type " + CvType.typeToString(mat.type()) + ": expected 8-bit gray or BGR");
		}
		byte[] source = new byte[w * h * n];
		mat.get(0, 0, source);
		if (gray) {
			if (n == 1) {
				return new ImageRaster(w, h, 1, source);
			}
			byte[] g = new byte[w * h];
			for (int i = 0; i < g.length; i++) {
				g[i] = (byte) Math.round(0.114 * (source[3 * i] & 0xff) + 0.587 * (source[3 * i + 1] & 0xff) + 0.299 * (source[3 * i + 2] & 0xff));
			}
			return new ImageRaster(w, h, 1, g);
		}
		byte[] rgb = new byte[w * h * 3];
		for (int i = 0; i < w * h; i++) {
			if (n == 1) {
				rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = source[i];
			} else {
				rgb[3 * i] = source[3 * i + 2];
				rgb[3 * i + 1] = source[3 * i + 1];
				rgb[3 * i + 2] = source[3 * i];
			}
		}
		return new ImageRaster(w, h, 3, rgb);
	}
}
