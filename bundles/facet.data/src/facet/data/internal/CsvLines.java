package facet.data.internal;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import facet.core.data.BadDataException;

/**
 * Reads a comma-separated file line by line (UTF-8, optional byte-order mark, {@code \n} or
 * {@code \r\n}), fields optionally in double quotes ({@code ""} for a quote). A quoted field
 * cannot span lines: no dataset Facet reads needs that, and it keeps {@code file:line} exact.
 */
final class CsvLines implements Closeable {

	private final Path file;
	private final BufferedReader reader;
	private int lineNumber;

	CsvLines(Path file, String what) throws IOException {
		this.file = file;
		if (!Files.isRegularFile(file)) {
			throw new NoSuchFileException(file.toString(), null, "no such file (expected " + what + ")");
		}
		this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
	}

	/**
	 * The next line's fields, or null at the end; blank lines are skipped.
	 *
	 * @throws BadDataException for a malformed line, after which reading can go on
	 */
	List<String> next() throws IOException {
		String line;
		do {
			try {
				line = reader.readLine();
			} catch (CharacterCodingException e) {
				// the decoder cannot resume after this, so it ends the reading even with skipBad
				throw new IOException(location(lineNumber + 1) + ": not UTF-8 text (" + e + ")", e);
			}
			if (line == null) {
				return null;
			}
			lineNumber++;
			if (lineNumber == 1 && line.startsWith("\uFEFF")) {
				line = line.substring(1);
			}
		} while (line.isBlank());
		return split(line);
	}

	/** The line number of the last line returned, counting from 1 with the header. */
	int lineNumber() {
		return lineNumber;
	}

	/** {@code file:line} of the last line returned. */
	String location() {
		return location(lineNumber);
	}

	String location(int line) {
		return file + ":" + line;
	}

	private List<String> split(String line) throws BadDataException {
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				} else if (c == '"') {
					quoted = false;
				} else {
					field.append(c);
				}
			} else if (c == '"' && field.isEmpty()) {
				quoted = true;
			} else if (c == ',') {
				fields.add(field.toString());
				field.setLength(0);
			} else {
				field.append(c);
			}
		}
		if (quoted) {
			throw new BadDataException(location(), "a quoted field is not closed on its line (expected a closing \")");
		}
		fields.add(field.toString());
		return fields;
	}

	@Override
	public void close() throws IOException {
		reader.close();
	}
}
