package facet.engine.heatmap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import facet.core.ExpressionClass;
import facet.core.FaceBox;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.Point;
import facet.core.data.BadDataException;

/**
 * Does a model's attention land on the face? Over a set of faces whose landmarks are known (the
 * synthetic scenes' {@code annotations.tsv}, or any box table with landmarks), each face is cut
 * out as the heatmap command cuts it ({@link SquareCrop#around} the box), mapped (Grad-CAM of the
 * predicted class), and measured against the {@link FaceRegions} of its landmarks; the numbers
 * are summed up per true class (per predicted class where the table has no expression column).
 */
public final class FaceAttentionStudy {

	/** The side of the square the maps are measured at (as the heatmap command does). */
	public static final int MEASURE_SIZE = 128;
	private static final Pattern SEPARATORS = Pattern.compile("[\\t,]");
	private static final String EXPECTED = "image x1 y1 x2 y2, 10 landmark coordinates (eyes, nose, mouth corners), [expression]";

	/** A face of the set: the photo it is in, its box with the five landmarks, its class if known. */
	public record Face(String id, ImageRaster photo, FaceBox box, Optional<ExpressionClass> truth) {

		public Face {
			if (!box.hasLandmarks()) {
				throw new IllegalArgumentException("face " + id + " has no landmarks");
			}
		}
	}

	/** One measured face: its crop, the map over it, the class the model predicted, the numbers. */
	public record Measured(Face face, ImageRaster crop, Heatmap map, ExpressionClass predicted, FaceAttention attention) {

		/** Right or wrong against the known class; empty when the class is unknown. */
		public Optional<Boolean> correct() {
			return face.truth().map(t -> t == predicted);
		}

		/** The group the summaries put this face in: its true class, else its predicted one. */
		public String group() {
			return face.truth().orElse(predicted).label();
		}
	}

	/** Maps for a batch of face crops, one per crop in order (e.g. {@link ModelHeatmaps#gradCam}). */
	@FunctionalInterface
	public interface MapSource {
		List<GradCam.ClassMap> maps(List<ImageRaster> crops) throws IOException;
	}

	/**
	 * Every attention module's maps for a batch of face crops: per crop, one entry per module in
	 * forward order (e.g. {@link ModelHeatmaps#attention}).
	 */
	@FunctionalInterface
	public interface ModuleSource {
		List<List<AttentionMap>> maps(List<ImageRaster> crops) throws IOException;
	}

	private FaceAttentionStudy() {
	}

	/**
	 * Reads faces with landmarks from a table: tab- or comma-separated, an optional header line,
	 * then per face {@code image x1 y1 x2 y2} and the 10 landmark coordinates in
	 * {@link FaceBox.Landmark} order, optionally followed by the expression (a class name); further
	 * columns are ignored. Image paths are relative to the table's folder. Stops after
	 * {@code limit} faces.
	 *
	 * @throws BadDataException naming the file, line and column of a malformed row
	 */
	public static List<Face> read(Path table, int limit) throws IOException {
		if (!Files.isRegularFile(table)) {
			throw new IOException(table + " does not exist or is not a file; expected a face table (" + EXPECTED + ")");
		}
		List<String> lines = Files.readAllLines(table, StandardCharsets.UTF_8);
		Path base = table.toAbsolutePath().getParent();
		Map<String, ImageRaster> photos = new HashMap<>();
		List<Face> faces = new ArrayList<>();
		boolean first = true;
		for (int n = 0; n < lines.size() && faces.size() < limit; n++) {
			String line = lines.get(n).strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			String location = table + ":" + (n + 1);
			String[] fields = SEPARATORS.split(line, -1);
			boolean header = first && fields.length > 1 && !isNumber(fields[1].strip());
			first = false;
			if (header) {
				continue;
			}
			if (fields.length < 15) {
				throw new BadDataException(location, "expected " + EXPECTED + " (at least 15 columns), got " + fields.length + " columns");
			}
			double[] v = new double[14];
			for (int i = 0; i < 14; i++) {
				String cell = fields[i + 1].strip();
				try {
					v[i] = Double.parseDouble(cell);
				} catch (NumberFormatException e) {
					throw new BadDataException(location, "column " + (i + 2) + " is not a number: '" + cell + "'; expected " + EXPECTED);
				}
				if (!Double.isFinite(v[i])) {
					throw new BadDataException(location, "column " + (i + 2) + " is not a finite number: '" + cell + "'");
				}
			}
			if (!(v[2] > v[0]) || !(v[3] > v[1])) {
				throw new BadDataException(location, "a box needs x1 < x2 and y1 < y2, got " + fields[1] + " " + fields[2] + " " + fields[3] + " " + fields[4]);
			}
			Optional<ExpressionClass> truth = Optional.empty();
			if (fields.length > 15 && !fields[15].isBlank()) {
				String name = fields[15].strip();
				truth = Optional.of(ExpressionClass.fromName(name).orElseThrow(() -> new BadDataException(location,
						"column 16 is not an expression: '" + name + "'; expected one of " + labels())));
			}
			List<Point> landmarks = new ArrayList<>();
			for (int p = 4; p < 14; p += 2) {
				landmarks.add(new Point(v[p], v[p + 1]));
			}
			String image = fields[0].strip();
			ImageRaster photo = photos.get(image);
			if (photo == null) {
				Path file = base.resolve(image);
				if (!Files.isRegularFile(file)) {
					throw new BadDataException(location, "image " + file + " does not exist");
				}
				photo = ImageFiles.read(file, false);
				photos.put(image, photo);
			}
			faces.add(new Face(image + "#" + (faces.size() + 1), photo, new FaceBox(v[0], v[1], v[2], v[3], 1, landmarks), truth));
		}
		if (faces.isEmpty()) {
			throw new BadDataException(table.toString(), "has no faces; expected rows of " + EXPECTED);
		}
		return faces;
	}

	/** Cuts out, maps and measures every face, {@code batch} crops at a time. */
	public static List<Measured> measure(List<Face> faces, MapSource source, int batch) throws IOException {
		List<Measured> result = new ArrayList<>();
		for (int from = 0; from < faces.size(); from += Math.max(1, batch)) {
			List<Face> chunk = faces.subList(from, Math.min(faces.size(), from + Math.max(1, batch)));
			List<SquareCrop> squares = new ArrayList<>();
			List<ImageRaster> crops = cut(chunk, squares);
			List<GradCam.ClassMap> maps = source.maps(crops);
			if (maps.size() != chunk.size()) {
				throw new IllegalStateException("the map source gave " + maps.size() + " maps for " + chunk.size() + " crops");
			}
			for (int i = 0; i < chunk.size(); i++) {
				Heatmap map = maps.get(i).map().resized(MEASURE_SIZE, MEASURE_SIZE);
				FaceAttention attention = new FaceRegions(squares.get(i).toMap(chunk.get(i).box().landmarks(), MEASURE_SIZE)).measure(map);
				result.add(new Measured(chunk.get(i), crops.get(i), maps.get(i).map(), ExpressionClass.ofIndex(maps.get(i).predictedClass()),
						attention));
			}
		}
		return result;
	}

	/**
	 * Cuts out every face as {@link #measure} does and reads each attention module's map for it;
	 * spatial maps are measured against the face's regions like Grad-CAM maps.
	 *
	 * @return one entry per attention module with a map, in forward order; empty when the model
	 *         has none
	 */
	public static List<ModuleMaps> measureModules(List<Face> faces, ModuleSource source, int batch) throws IOException {
		List<List<AttentionMap>> perFace = new ArrayList<>();
		List<List<FaceAttention>> onFace = new ArrayList<>();
		for (int from = 0; from < faces.size(); from += Math.max(1, batch)) {
			List<Face> chunk = faces.subList(from, Math.min(faces.size(), from + Math.max(1, batch)));
			List<SquareCrop> squares = new ArrayList<>();
			List<ImageRaster> crops = cut(chunk, squares);
			List<List<AttentionMap>> maps = source.maps(crops);
			if (maps.size() != chunk.size()) {
				throw new IllegalStateException("the module map source gave maps for " + maps.size() + " of " + chunk.size() + " crops");
			}
			for (int i = 0; i < chunk.size(); i++) {
				List<FaceAttention> measured = new ArrayList<>();
				for (AttentionMap map : maps.get(i)) {
					measured.add(map.spatial() == null ? null
							: new FaceRegions(squares.get(i).toMap(chunk.get(i).box().landmarks(), MEASURE_SIZE))
									.measure(map.spatial().resized(MEASURE_SIZE, MEASURE_SIZE)));
				}
				perFace.add(maps.get(i));
				onFace.add(measured);
			}
		}
		List<ModuleMaps> modules = new ArrayList<>();
		int count = perFace.isEmpty() ? 0 : perFace.get(0).size();
		for (int k = 0; k < count; k++) {
			List<AttentionMap> maps = new ArrayList<>();
			List<FaceAttention> measured = new ArrayList<>();
			for (int f = 0; f < perFace.size(); f++) {
				if (perFace.get(f).size() != count) {
					throw new IllegalStateException("face " + faces.get(f).id() + " has " + perFace.get(f).size() + " attention maps, the first face "
							+ count);
				}
				maps.add(perFace.get(f).get(k));
				if (onFace.get(f).get(k) != null) {
					measured.add(onFace.get(f).get(k));
				}
			}
			modules.add(new ModuleMaps(maps, measured));
		}
		return modules;
	}

	/** The numbers per group ({@link Measured#group()}) and overall. */
	public static FaceAttentionSummary summary(List<Measured> measured) {
		return summary(measured, measured.stream().map(Measured::attention).toList());
	}

	/**
	 * The numbers of other maps of the same faces (e.g. an attention module's, {@link ModuleMaps#onFace()}),
	 * grouped as the faces' {@link Measured#group()}.
	 *
	 * @param attention one measurement per face of {@code measured}, in its order
	 */
	public static FaceAttentionSummary summary(List<Measured> measured, List<FaceAttention> attention) {
		if (attention.size() != measured.size()) {
			throw new IllegalArgumentException(attention.size() + " measurements for " + measured.size() + " faces");
		}
		FaceAttentionSummary summary = new FaceAttentionSummary();
		// canonical class order, whatever order the faces came in
		for (ExpressionClass c : ExpressionClass.values()) {
			for (int i = 0; i < measured.size(); i++) {
				if (measured.get(i).group().equals(c.label())) {
					summary.add(c.label(), attention.get(i));
				}
			}
		}
		return summary;
	}

	/** Each face's square ({@link SquareCrop#around} its box, as the heatmap command cuts it) into {@code squares}; returns the crops. */
	private static List<ImageRaster> cut(List<Face> faces, List<SquareCrop> squares) {
		List<ImageRaster> crops = new ArrayList<>();
		for (Face face : faces) {
			SquareCrop square = SquareCrop.around(face.box(), 1.0);
			squares.add(square);
			crops.add(square.extract(face.photo()));
		}
		return crops;
	}

	private static boolean isNumber(String s) {
		try {
			Double.parseDouble(s);
			return true;
		} catch (NumberFormatException e) {
			return false;
		}
	}

	private static String labels() {
		List<String> names = new ArrayList<>();
		for (ExpressionClass c : ExpressionClass.values()) {
			names.add(c.label());
		}
		return String.join(", ", names).toLowerCase(Locale.ROOT);
	}
}
