package facet.core.detection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import facet.core.FaceBox;
import facet.core.Point;
import facet.core.data.BadDataException;

/**
 * A face-box annotation file read into images and their faces. Every malformed line gives a
 * {@link BadDataException} naming the file and line and what was expected.
 *
 * @param file the annotation file
 * @param format its format
 * @param images the annotated images in file order
 */
public record DetectionAnnotations(Path file, AnnotationFormat format, List<AnnotatedImage> images) {

	private static final Pattern SEPARATORS = Pattern.compile("[\\t,]|\\s+");
	private static final List<String> IMAGE_SUFFIXES = List.of(".jpg", ".jpeg", ".png", ".bmp", ".gif");

	public DetectionAnnotations {
		images = List.copyOf(images);
	}

	/** Number of annotated faces, ignored ones included. */
	public int faceCount() {
		return images.stream().mapToInt(i -> i.faces().size()).sum();
	}

	/**
	 * Reads a file, telling the format from its name ({@code *bbx_gt*} → WIDER FACE,
	 * {@code *ellipseList*} → FDDB, {@code .csv}/{@code .tsv} → box table) or, failing that, from
	 * its third line (10 numbers → WIDER FACE, 6 → FDDB, otherwise a box table).
	 */
	public static DetectionAnnotations read(Path file) throws IOException {
		return read(file, guessFormat(file));
	}

	public static DetectionAnnotations read(Path file, AnnotationFormat format) throws IOException {
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		return switch (format) {
		case WIDER_FACE, FDDB -> new DetectionAnnotations(file, format, readCounted(file, lines, format));
		case BOX_TABLE -> new DetectionAnnotations(file, format, readTable(file, lines));
		};
	}

	/** The format {@link #read(Path)} assumes for a file. */
	public static AnnotationFormat guessFormat(Path file) throws IOException {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.contains("bbx_gt")) {
			return AnnotationFormat.WIDER_FACE;
		}
		if (name.contains("ellipselist")) {
			return AnnotationFormat.FDDB;
		}
		if (name.endsWith(".csv") || name.endsWith(".tsv")) {
			return AnnotationFormat.BOX_TABLE;
		}
		List<String> head;
		try (var stream = Files.lines(file, StandardCharsets.UTF_8)) {
			head = stream.limit(3).toList();
		}
		if (head.size() == 3 && head.get(1).trim().matches("\\d+")) {
			int fields = head.get(2).trim().split("\\s+").length;
			if (fields == 10) {
				return AnnotationFormat.WIDER_FACE;
			}
			if (fields == 6) {
				return AnnotationFormat.FDDB;
			}
		}
		return AnnotationFormat.BOX_TABLE;
	}

	/**
	 * The image file of an annotated image: its name resolved against {@code imagesFolder}; a
	 * name without an image suffix (FDDB) is tried with {@code .jpg} and the other suffixes.
	 */
	public static Path resolve(Path imagesFolder, AnnotatedImage image) {
		Path path = imagesFolder.resolve(image.image());
		String lower = image.image().toLowerCase(Locale.ROOT);
		if (IMAGE_SUFFIXES.stream().anyMatch(lower::endsWith) || Files.exists(path)) {
			return path;
		}
		for (String suffix : IMAGE_SUFFIXES) {
			Path candidate = imagesFolder.resolve(image.image() + suffix);
			if (Files.exists(candidate)) {
				return candidate;
			}
		}
		return imagesFolder.resolve(image.image() + ".jpg");
	}

	/**
	 * The axis-aligned box around an FDDB ellipse: half-width
	 * {@code sqrt(a²cos²θ + b²sin²θ)}, half-height {@code sqrt(a²sin²θ + b²cos²θ)} for radii a
	 * (major), b (minor) and angle θ (radians, major axis from the x axis). The exact bounding
	 * box is taller than most detectors' boxes (it runs from chin to above the brows), which
	 * lowers IoU: evaluate FDDB at IoU 0.5 or lower.
	 */
	public static FaceBox ellipseBox(double majorRadius, double minorRadius, double angle, double centerX, double centerY) {
		double cos = Math.cos(angle);
		double sin = Math.sin(angle);
		double halfWidth = Math.sqrt(majorRadius * majorRadius * cos * cos + minorRadius * minorRadius * sin * sin);
		double halfHeight = Math.sqrt(majorRadius * majorRadius * sin * sin + minorRadius * minorRadius * cos * cos);
		return FaceBox.of(centerX - halfWidth, centerY - halfHeight, centerX + halfWidth, centerY + halfHeight, 1);
	}

	private static List<AnnotatedImage> readCounted(Path file, List<String> lines, AnnotationFormat format) throws BadDataException {
		boolean wider = format == AnnotationFormat.WIDER_FACE;
		String expected = wider ? "x y w h blur expression illumination invalid occlusion pose (10 integers)"
				: "major_radius minor_radius angle center_x center_y 1 (6 numbers)";
		List<AnnotatedImage> images = new ArrayList<>();
		int i = 0;
		while (i < lines.size()) {
			String name = lines.get(i).trim();
			if (name.isEmpty()) {
				i++;
				continue;
			}
			int start = i + 1;
			if (name.split("\\s+").length > 1 && isNumber(name.split("\\s+")[0])) {
				throw new BadDataException(file + ":" + start, "expected an image name, got '" + name + "'");
			}
			i++;
			if (i >= lines.size()) {
				throw new BadDataException(file + ":" + (i + 1), "the file ends after image '" + name + "'; expected its face count");
			}
			String countText = lines.get(i).trim();
			int count;
			try {
				count = Integer.parseInt(countText);
			} catch (NumberFormatException e) {
				throw new BadDataException(file + ":" + (i + 1), "expected the face count of '" + name + "' (an integer), got '" + countText + "'");
			}
			if (count < 0) {
				throw new BadDataException(file + ":" + (i + 1), "a face count cannot be negative, got " + count);
			}
			i++;
			// WIDER FACE writes one all-zero line for an image without faces
			int faceLines = wider && count == 0 ? 1 : count;
			List<AnnotatedFace> faces = new ArrayList<>();
			for (int f = 0; f < faceLines; f++, i++) {
				String location = file + ":" + (i + 1);
				if (i >= lines.size()) {
					throw new BadDataException(location, "the file ends after " + f + " of the " + count + " faces of '" + name + "'; expected " + expected);
				}
				String[] fields = lines.get(i).trim().split("\\s+");
				double[] v = numbers(fields, 1, location, expected);
				if (wider) {
					if (v.length != 10) {
						throw new BadDataException(location, "expected " + expected + ", got " + v.length + " fields");
					}
					if (count == 0) {
						continue;
					}
					if (v[2] < 0 || v[3] < 0) {
						throw new BadDataException(location, "a face's width and height cannot be negative, got w " + v[2] + ", h " + v[3]);
					}
					faces.add(new AnnotatedFace(FaceBox.of(v[0], v[1], v[0] + v[2], v[1] + v[3], 1), v[7] != 0));
				} else {
					if (v.length != 6) {
						throw new BadDataException(location, "expected " + expected + ", got " + v.length + " fields");
					}
					if (v[0] <= 0 || v[1] <= 0) {
						throw new BadDataException(location, "an ellipse needs positive radii, got " + v[0] + " and " + v[1]);
					}
					faces.add(new AnnotatedFace(ellipseBox(v[0], v[1], v[2], v[3], v[4]), false));
				}
			}
			images.add(new AnnotatedImage(name, faces, start));
		}
		return images;
	}

	private static List<AnnotatedImage> readTable(Path file, List<String> lines) throws BadDataException {
		String expected = "image x1 y1 x2 y2 [10 landmark coordinates [label columns]]";
		Map<String, List<AnnotatedFace>> faces = new LinkedHashMap<>();
		Map<String, Integer> firstLine = new LinkedHashMap<>();
		boolean first = true;
		for (int n = 0; n < lines.size(); n++) {
			String line = lines.get(n).trim();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			String location = file + ":" + (n + 1);
			String[] fields = SEPARATORS.split(line);
			boolean header = first && fields.length >= 5 && !isNumber(fields[1]);
			first = false;
			if (header) {
				continue;
			}
			String image = fields[0];
			firstLine.putIfAbsent(image, n + 1);
			List<AnnotatedFace> list = faces.computeIfAbsent(image, k -> new ArrayList<>());
			if (fields.length == 1) {
				continue; // an image without faces
			}
			if (fields.length != 5 && fields.length < 15) {
				throw new BadDataException(location, "expected " + expected + " (5 or 15 columns), got " + fields.length + " columns");
			}
			// columns after the landmarks carry labels (facet data synth --scenes writes expression and occluder)
			double[] v = numbers(java.util.Arrays.copyOfRange(fields, 1, Math.min(fields.length, 15)), 2, location, expected);
			if (!(v[2] >= v[0]) || !(v[3] >= v[1])) {
				throw new BadDataException(location, "a box needs x1 <= x2 and y1 <= y2, got " + fields[1] + " " + fields[2] + " " + fields[3] + " " + fields[4]);
			}
			List<Point> landmarks = new ArrayList<>();
			for (int p = 4; p < v.length; p += 2) {
				landmarks.add(new Point(v[p], v[p + 1]));
			}
			list.add(new AnnotatedFace(new FaceBox(v[0], v[1], v[2], v[3], 1, landmarks), false));
		}
		List<AnnotatedImage> images = new ArrayList<>();
		faces.forEach((image, list) -> images.add(new AnnotatedImage(image, list, firstLine.get(image))));
		return images;
	}

	/** @param firstColumn the column number of {@code fields[0]}, for messages */
	private static double[] numbers(String[] fields, int firstColumn, String location, String expected) throws BadDataException {
		double[] values = new double[fields.length];
		for (int i = 0; i < fields.length; i++) {
			try {
				values[i] = Double.parseDouble(fields[i]);
			} catch (NumberFormatException e) {
				throw new BadDataException(location, "expected " + expected + "; column " + (i + firstColumn) + " is not a number: '" + fields[i] + "'");
			}
			if (!Double.isFinite(values[i])) {
				throw new BadDataException(location, "column " + (i + firstColumn) + " is not a finite number: '" + fields[i] + "'");
			}
		}
		return values;
	}

	private static boolean isNumber(String text) {
		try {
			Double.parseDouble(text);
			return true;
		} catch (NumberFormatException e) {
			return false;
		}
	}
}
