package facet.data.internal;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import facet.core.ExpressionClass;
import facet.core.FaceBox;
import facet.core.LabelOrder;
import facet.core.Sample;
import facet.core.data.BadDataException;
import facet.core.data.Splits;

/**
 * AffectNet-style CSV: a header naming the columns (any order, any case): the image path
 * ({@code subDirectory_filePath}, {@code image} or {@code path}), optionally the face box
 * ({@code face_x}/{@code x}, {@code face_y}/{@code y}, {@code face_width}/{@code width},
 * {@code face_height}/{@code height}, all four or none), the expression id
 * ({@code expression}, {@code label} or {@code emotion}, 0–10 in {@link LabelOrder#AFFECTNET})
 * and optionally the split ({@code split} or {@code usage}); other columns (landmarks, valence,
 * arousal) are ignored. Codes without a canonical class (7 contempt, 8 none, 9 uncertain,
 * 10 no face) are excluded unless the mapping gives them one. Without a split column, the rows
 * of {@code file} go to the split named by the {@code split} parameter, or with {@code auto} to
 * the one its file name contains (train, val, test), and those of {@code valFile} to val. Image
 * paths are relative to the {@code images} folder (default: the CSV's folder); sample ids are
 * those paths as written, with {@code /}.
 */
final class AffectNetDataset extends ImageDataset {

	static final List<String> PATH = List.of("subdirectory_filepath", "image", "path", "image_path", "file");
	static final List<String> X = List.of("face_x", "x");
	static final List<String> Y = List.of("face_y", "y");
	static final List<String> WIDTH = List.of("face_width", "width", "w");
	static final List<String> HEIGHT = List.of("face_height", "height", "h");
	static final List<String> EXPRESSION = List.of("expression", "label", "emotion");
	static final List<String> SPLIT = List.of("split", "usage");
	static final String[] CODE_NAMES = { "neutral", "happiness", "sadness", "surprise", "fear", "disgust", "anger", "contempt", "none",
			"uncertain", "no face" };

	private final Path file;
	private final String split;
	private final Path valFile;
	private final Path images;
	private final Map<Integer, Optional<ExpressionClass>> mapping;

	AffectNetDataset(ReaderSettings settings, boolean gray, boolean checkImages, Path file, String split, Path valFile, Path images,
			Map<Integer, Optional<ExpressionClass>> mapping) {
		super(settings, gray, checkImages);
		this.file = file;
		this.split = split;
		this.valFile = valFile;
		this.images = images;
		this.mapping = Map.copyOf(mapping);
	}

	@Override
	protected void read(Index index) throws IOException {
		readFile(index, file, split);
		if (valFile != null) {
			readFile(index, valFile, Splits.VAL);
		}
	}

	private void readFile(Index index, Path csvFile, String splitParameter) throws IOException {
		Path imageRoot = images != null ? images : csvFile.toAbsolutePath().getParent();
		try (CsvLines csv = new CsvLines(csvFile, "an AffectNet-style CSV with a header")) {
			List<String> header = csv.next();
			if (header == null) {
				throw new BadDataException(csvFile.toString(), "empty file, expected a header naming the image path and expression columns");
			}
			String location = csv.location();
			int path = column(header, PATH, true, location, "image path");
			int expression = column(header, EXPRESSION, true, location, "expression id");
			int[] box = { column(header, X, false, location, "face box x"), column(header, Y, false, location, "face box y"),
					column(header, WIDTH, false, location, "face box width"), column(header, HEIGHT, false, location, "face box height") };
			int found = 0;
			for (int b : box) {
				found += b >= 0 ? 1 : 0;
			}
			if (found != 0 && found != 4) {
				throw new BadDataException(location, "the face box needs all four columns x, y, width, height (face_x, face_y, face_width, face_height) or none; header is \""
						+ String.join(",", header) + "\"");
			}
			int splitColumn = column(header, SPLIT, false, location, "split");
			String fileSplit = splitColumn >= 0 ? null : fileSplit(csvFile, splitParameter);
			while (true) {
				List<String> fields;
				try {
					fields = csv.next();
				} catch (BadDataException e) {
					index.bad(e);
					continue;
				}
				if (fields == null) {
					return;
				}
				readRow(index, csv.location(), fields, header.size(), path, expression, found == 4 ? box : null, splitColumn, fileSplit,
						imageRoot);
			}
		}
	}

	private void readRow(Index index, String location, List<String> fields, int columns, int pathColumn, int expressionColumn, int[] box,
			int splitColumn, String fileSplit, Path imageRoot) throws IOException {
		if (fields.size() != columns) {
			index.bad(location, "expected " + columns + " columns as in the header, got " + fields.size());
			return;
		}
		String codeText = fields.get(expressionColumn).trim();
		int code;
		try {
			code = Integer.parseInt(codeText);
		} catch (NumberFormatException e) {
			code = -1;
		}
		if (code < 0 || code >= LabelOrder.AFFECTNET.size()) {
			index.bad(location, "expression is \"" + codeText + "\", expected an integer in [0, " + (LabelOrder.AFFECTNET.size() - 1) + "]");
			return;
		}
		String rowSplit = fileSplit;
		if (splitColumn >= 0) {
			String text = fields.get(splitColumn).trim();
			rowSplit = SplitNames.canonical(text).orElse(null);
			if (rowSplit == null) {
				index.bad(location, "split is \"" + text + "\", expected train, val or test (or training, validation, testing)");
				return;
			}
		}
		Optional<FaceBox> face = Optional.empty();
		double[] values = new double[4];
		if (box != null) {
			boolean ok = true;
			for (int i = 0; i < 4; i++) {
				try {
					values[i] = Double.parseDouble(fields.get(box[i]).trim());
				} catch (NumberFormatException e) {
					values[i] = Double.NaN;
				}
				ok &= Double.isFinite(values[i]) && (i < 2 ? values[i] >= 0 : values[i] > 0);
			}
			if (!ok) {
				index.bad(location, "face box (x, y, width, height) is (" + fields.get(box[0]).trim() + ", " + fields.get(box[1]).trim() + ", "
						+ fields.get(box[2]).trim() + ", " + fields.get(box[3]).trim() + "), expected numbers with x, y ≥ 0 and width, height > 0");
				return;
			}
			face = Optional.of(FaceBox.of(values[0], values[1], values[0] + values[2], values[1] + values[3], 1.0));
		}
		Optional<ExpressionClass> label = mapping.containsKey(code) ? mapping.get(code) : LabelOrder.AFFECTNET.toCanonical(code);
		if (label.isEmpty()) {
			index.exclude(location, "expression " + code + " (" + CODE_NAMES[code] + ") is "
					+ (mapping.containsKey(code) ? "mapped to - by the mapping parameter" : "not one of Facet's 7 classes; the mapping parameter can give it one"));
			return;
		}
		String id = fields.get(pathColumn).trim().replace('\\', '/');
		if (id.isEmpty()) {
			index.bad(location, "the image path is empty, expected a path relative to " + imageRoot);
			return;
		}
		Path image;
		try {
			image = imageRoot.resolve(id);
		} catch (InvalidPathException e) {
			index.bad(location, "image path \"" + id + "\" is not usable here (" + e.getReason() + ")");
			return;
		}
		int[] size = checkImage(index, image, location);
		if (size == null) {
			return;
		}
		if (size.length == 2 && face.isPresent() && (values[0] + values[2] > size[0] || values[1] + values[3] > size[1])) {
			index.bad(location, "face box (x, y, width, height) = (" + format(values[0]) + ", " + format(values[1]) + ", " + format(values[2]) + ", "
					+ format(values[3]) + ") reaches outside the " + size[0] + "x" + size[1] + " image " + image);
			return;
		}
		addImage(index, new Sample(id, rowSplit, label.get(), face), image);
	}

	private static String format(double value) {
		return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
	}

	private static int column(List<String> header, List<String> names, boolean required, String location, String what)
			throws BadDataException {
		for (int i = 0; i < header.size(); i++) {
			if (names.contains(header.get(i).trim().toLowerCase(Locale.ROOT))) {
				return i;
			}
		}
		if (required) {
			throw new BadDataException(location, "no column for the " + what + " (expected one named " + String.join(" or ", names)
					+ "); header is \"" + String.join(",", header) + "\"");
		}
		return -1;
	}

	private static String fileSplit(Path csvFile, String parameter) throws IOException {
		if (!parameter.equals("auto")) {
			return SplitNames.canonical(parameter).orElse(parameter.trim().toLowerCase(Locale.ROOT));
		}
		String name = csvFile.getFileName().toString().toLowerCase(Locale.ROOT);
		for (String split : SplitNames.ORDER) {
			if (name.contains(split)) {
				return split;
			}
		}
		throw new BadDataException(csvFile.toString(),
				"cannot tell the split from the file name; expected a name containing train, val or test, a split column, or the split parameter");
	}
}
