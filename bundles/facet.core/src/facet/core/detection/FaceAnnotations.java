package facet.core.detection;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import facet.core.FaceBox;

/**
 * Reads face boxes per image from the two annotation formats of
 * {@link facet.core.spi.TrainableDetector}: the synthetic scenes' {@code annotations.tsv} and
 * WIDER FACE's {@code wider_face_*_bbx_gt.txt}, as face boxes per image for detector training.
 * Shared here because the trainable detectors live in module bundles that may not import each
 * other.
 */
public final class FaceAnnotations {

	/** One image and its faces. */
	public record AnnotatedImage(Path image, List<FaceBox> faces) {
	}

	private FaceAnnotations() {
	}

	/**
	 * @param images the folder image paths are relative to; null: the annotation file's folder
	 * @throws IOException naming the file and line that is not in either format
	 */
	public static List<AnnotatedImage> read(Path file, Path images) throws IOException {
		Path base = images != null ? images : file.toAbsolutePath().getParent();
		List<String> lines;
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			lines = reader.lines().toList();
		} catch (java.nio.file.NoSuchFileException e) {
			throw new IOException(file + ": no such annotation file");
		} catch (java.io.UncheckedIOException e) {
			throw new IOException(file + ": not a UTF-8 text annotation file", e);
		}
		if (lines.isEmpty()) {
			throw new IOException(file + ": empty annotation file");
		}
		List<AnnotatedImage> result = lines.get(0).startsWith("image\t") ? tsv(file, lines, base) : wider(file, lines, base);
		if (result.isEmpty()) {
			throw new IOException(file + ": no annotated image");
		}
		return result;
	}

	private static List<AnnotatedImage> tsv(Path file, List<String> lines, Path base) throws IOException {
		Map<String, List<FaceBox>> faces = new LinkedHashMap<>();
		for (int i = 1; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank()) {
				continue;
			}
			String[] f = line.split("\t");
			if (f.length < 5) {
				throw new IOException(file + ":" + (i + 1) + ": expected image, x1, y1, x2, y2 separated by tabs, got '" + line + "'");
			}
			try {
				faces.computeIfAbsent(f[0], k -> new ArrayList<>()).add(FaceBox.of(Double.parseDouble(f[1]), Double.parseDouble(f[2]),
						Double.parseDouble(f[3]), Double.parseDouble(f[4]), 1));
			} catch (IllegalArgumentException e) {
				throw new IOException(file + ":" + (i + 1) + ": expected numbers x1 <= x2, y1 <= y2 in columns 2 to 5: " + e.getMessage());
			}
		}
		List<AnnotatedImage> result = new ArrayList<>();
		faces.forEach((image, boxes) -> result.add(new AnnotatedImage(base.resolve(image), List.copyOf(boxes))));
		return result;
	}

	/** Image path; face count; that many lines {@code x y w h blur expression illumination invalid occlusion pose}. */
	private static List<AnnotatedImage> wider(Path file, List<String> lines, Path base) throws IOException {
		List<AnnotatedImage> result = new ArrayList<>();
		int i = 0;
		while (i < lines.size()) {
			String image = lines.get(i).trim();
			if (image.isEmpty()) {
				i++;
				continue;
			}
			if (i + 1 >= lines.size()) {
				throw new IOException(file + ":" + (i + 2) + ": expected the face count of " + image + " (WIDER FACE format), found the end of the file");
			}
			int count;
			try {
				count = Integer.parseInt(lines.get(i + 1).trim());
			} catch (NumberFormatException e) {
				throw new IOException(file + ":" + (i + 2) + ": expected a face count (WIDER FACE format) or a header starting with 'image<TAB>' (scenes TSV), got '"
						+ lines.get(i + 1) + "'");
			}
			List<FaceBox> boxes = new ArrayList<>();
			// an image without faces still has one line of zeros
			int rows = Math.max(count, 1);
			for (int k = 0; k < rows; k++) {
				int n = i + 2 + k;
				if (n >= lines.size()) {
					throw new IOException(file + ":" + (n + 1) + ": expected " + rows + " face line(s) for " + image + ", found the end of the file");
				}
				String[] f = lines.get(n).trim().split("\\s+");
				if (count == 0) {
					continue;
				}
				try {
					double x = Double.parseDouble(f[0]);
					double y = Double.parseDouble(f[1]);
					double w = Double.parseDouble(f[2]);
					double h = Double.parseDouble(f[3]);
					boolean invalid = f.length > 7 && f[7].equals("1");
					if (w > 0 && h > 0 && !invalid) {
						boxes.add(FaceBox.of(x, y, x + w, y + h, 1));
					}
				} catch (RuntimeException e) {
					throw new IOException(file + ":" + (n + 1) + ": expected 'x y w h ...' numbers, got '" + lines.get(n) + "'");
				}
			}
			result.add(new AnnotatedImage(base.resolve(image), List.copyOf(boxes)));
			i += 2 + rows;
		}
		return result;
	}
}
