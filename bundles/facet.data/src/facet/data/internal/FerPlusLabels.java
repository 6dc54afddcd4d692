package facet.data.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import facet.core.ExpressionClass;
import facet.core.data.BadDataException;

/**
 * A FER+ label file ({@code fer2013new.csv}): one row of vote counts per FER2013 data row, in
 * the same order. The label is the majority vote, and a row is excluded when the most votes go
 * to {@code unknown}, to {@code NF} (not a face) or to {@code contempt} (not one of Facet's
 * seven classes), when two or more columns tie for the most votes, or when it has no votes.
 */
final class FerPlusLabels {

	static final List<String> COLUMNS = List.of("Usage", "Image name", "neutral", "happiness", "surprise", "sadness", "anger", "disgust",
			"fear", "contempt", "unknown", "NF");
	private static final int FIRST_VOTE = 2;

	/**
	 * One row: its location, its Usage, and either a label, a reason to exclude it, or what is
	 * malformed about it.
	 */
	record Row(String location, String usage, ExpressionClass label, String excluded, BadDataException bad) {
	}

	private FerPlusLabels() {
	}

	static List<Row> read(Path file) throws IOException {
		List<Row> rows = new ArrayList<>();
		try (CsvLines csv = new CsvLines(file, "a FER+ label file with header " + String.join(",", COLUMNS))) {
			List<String> header = csv.next();
			if (header == null) {
				throw new BadDataException(file.toString(), "empty file, expected the header " + String.join(",", COLUMNS));
			}
			if (!sameNames(header)) {
				throw new BadDataException(csv.location(), "expected the header " + String.join(",", COLUMNS) + ", got \""
						+ String.join(",", header) + "\"");
			}
			while (true) {
				List<String> fields;
				try {
					fields = csv.next();
				} catch (BadDataException e) {
					rows.add(new Row(csv.location(), null, null, null, e));
					continue;
				}
				if (fields == null) {
					return rows;
				}
				rows.add(row(csv.location(), fields));
			}
		}
	}

	private static boolean sameNames(List<String> header) {
		if (header.size() != COLUMNS.size()) {
			return false;
		}
		for (int i = 0; i < header.size(); i++) {
			if (!header.get(i).trim().equalsIgnoreCase(COLUMNS.get(i))) {
				return false;
			}
		}
		return true;
	}

	private static Row row(String location, List<String> fields) {
		if (fields.size() != COLUMNS.size()) {
			return new Row(location, null, null, null, new BadDataException(location,
					"expected " + COLUMNS.size() + " columns (" + String.join(",", COLUMNS) + "), got " + fields.size()));
		}
		String usage = fields.get(0).trim();
		int[] votes = new int[COLUMNS.size() - FIRST_VOTE];
		for (int i = 0; i < votes.length; i++) {
			String text = fields.get(FIRST_VOTE + i).trim();
			try {
				votes[i] = Integer.parseInt(text);
			} catch (NumberFormatException e) {
				votes[i] = -1;
			}
			if (votes[i] < 0) {
				return new Row(location, usage, null, null, new BadDataException(location,
						"vote count for \"" + COLUMNS.get(FIRST_VOTE + i) + "\" is \"" + text + "\", expected a whole number ≥ 0"));
			}
		}
		return majority(location, usage, votes);
	}

	private static Row majority(String location, String usage, int[] votes) {
		int most = 0;
		List<String> leaders = new ArrayList<>();
		for (int i = 0; i < votes.length; i++) {
			String name = COLUMNS.get(FIRST_VOTE + i);
			if (votes[i] > most) {
				most = votes[i];
				leaders.clear();
				leaders.add(name);
			} else if (votes[i] == most && most > 0) {
				leaders.add(name);
			}
		}
		if (most == 0) {
			return new Row(location, usage, null, "FER+ row has no votes", null);
		}
		if (leaders.size() > 1) {
			return new Row(location, usage, null, "FER+ votes tie between " + String.join(" and ", leaders) + " (" + most + " each)", null);
		}
		String leader = leaders.get(0);
		return switch (leader.toLowerCase(Locale.ROOT)) {
			case "unknown" -> new Row(location, usage, null, "FER+ majority is \"unknown\"", null);
			case "nf" -> new Row(location, usage, null, "FER+ majority is \"NF\" (not a face)", null);
			case "contempt" -> new Row(location, usage, null, "FER+ majority is \"contempt\", which is not one of Facet's 7 classes", null);
			default -> new Row(location, usage, ExpressionClass.fromName(leader).orElseThrow(), null, null);
		};
	}
}
