package facet.engine.compare;

import java.util.List;

/** Left-aligned, space-padded columns for terminals. */
final class TextTable {

	private TextTable() {
	}

	static String format(List<String> header, List<List<String>> rows) {
		int[] width = new int[header.size()];
		for (int c = 0; c < width.length; c++) {
			width[c] = header.get(c).length();
			for (List<String> row : rows) {
				width[c] = Math.max(width[c], row.get(c).length());
			}
		}
		StringBuilder s = new StringBuilder();
		line(s, header, width);
		for (int c = 0; c < width.length; c++) {
			s.append("-".repeat(width[c])).append(c + 1 < width.length ? "  " : "\n");
		}
		rows.forEach(row -> line(s, row, width));
		return s.toString();
	}

	private static void line(StringBuilder s, List<String> cells, int[] width) {
		for (int c = 0; c < width.length; c++) {
			String cell = cells.get(c);
			s.append(cell);
			if (c + 1 < width.length) {
				s.append(" ".repeat(width[c] - cell.length() + 2));
			}
		}
		s.append('\n');
	}
}
