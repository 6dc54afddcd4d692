package facet.engine.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import facet.core.data.BadDataException;

/**
 * The table {@code facet detect-compare --out DIR} writes ({@code detect-compare.csv}), read back
 * for a report, with the precision-recall chart beside it when there is one.
 *
 * @param table the CSV file
 * @param rows one per detector, in the file's order
 * @param prCurves {@code pr-curves.png} in the same folder, if present
 */
public record DetectorComparison(Path table, List<Row> rows, Optional<Path> prCurves) {

	/** The file name {@code detect-compare} writes. */
	public static final String FILE = "detect-compare.csv";
	/** The chart {@code detect-compare} writes beside it. */
	public static final String PR_CURVES = "pr-curves.png";
	static final String HEADER = "detector,ap,recall,precision,recallAt1FpPerImage,msPer640x480,msPerPhoto";

	/** One detector; NaN where the table has no value. */
	public record Row(String detector, double averagePrecision, double recall, double precision, double recallAt1FpPerImage,
			double msPerFrame, double msPerPhoto) {
	}

	public DetectorComparison {
		rows = List.copyOf(rows);
	}

	/**
	 * Reads {@code detect-compare.csv}, given as the file or the folder holding it.
	 *
	 * @throws BadDataException naming the file and line of a malformed row
	 */
	public static DetectorComparison read(Path fileOrFolder) throws IOException {
		Path file = Files.isDirectory(fileOrFolder) ? fileOrFolder.resolve(FILE) : fileOrFolder;
		if (!Files.isRegularFile(file)) {
			throw new IOException(file + " does not exist; write it with: facet detect-compare --annotations FILE --out "
					+ (Files.isDirectory(fileOrFolder) ? fileOrFolder : "DIR"));
		}
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
			throw new BadDataException(file + ":1", "expected the header '" + HEADER + "' of facet detect-compare's table");
		}
		List<Row> rows = new ArrayList<>();
		for (int n = 1; n < lines.size(); n++) {
			String line = lines.get(n).strip();
			if (line.isEmpty()) {
				continue;
			}
			String[] f = line.split(",", -1);
			if (f.length != 7) {
				throw new BadDataException(file + ":" + (n + 1), "expected 7 columns (" + HEADER + "), got " + f.length);
			}
			double[] v = new double[6];
			for (int i = 0; i < 6; i++) {
				String cell = f[i + 1].strip();
				try {
					v[i] = cell.isEmpty() || cell.equals("n/a") ? Double.NaN : Double.parseDouble(cell);
				} catch (NumberFormatException e) {
					throw new BadDataException(file + ":" + (n + 1), "column " + (i + 2) + " is not a number: '" + cell + "'");
				}
			}
			rows.add(new Row(f[0].strip(), v[0], v[1], v[2], v[3], v[4], v[5]));
		}
		Path chart = file.resolveSibling(PR_CURVES);
		return new DetectorComparison(file, rows, Files.isRegularFile(chart) ? Optional.of(chart) : Optional.empty());
	}
}
