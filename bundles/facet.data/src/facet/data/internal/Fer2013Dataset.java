package facet.data.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import facet.core.ExpressionClass;
import facet.core.ImageRaster;
import facet.core.LabelOrder;
import facet.core.Sample;
import facet.core.data.BadDataException;
import facet.core.data.Splits;

/**
 * FER2013's CSV: a header {@code emotion,pixels,Usage}, then one 48×48 gray face per row
 * (2304 space-separated values 0–255), emotion 0–6 in {@link LabelOrder#FER2013}. Usage
 * {@code Training} is train, {@code PublicTest} val and {@code PrivateTest} test. With a FER+
 * file, labels come from {@link FerPlusLabels} instead. Sample ids are {@code fer2013.csv:LINE}
 * (the file's name, not its folder, so that ids survive moving the file).
 * <p>
 * The pixels are parsed while indexing, so that a bad row is found before training starts; they
 * are kept as bytes (about 80 MB for the whole dataset).
 */
final class Fer2013Dataset extends ReaderDataset {

	static final String HEADER = "emotion,pixels,Usage";
	static final int SIDE = 48;
	static final int PIXELS = SIDE * SIDE;

	private final Path file;
	private final Path ferPlus;
	private final Map<String, byte[]> pixels = new HashMap<>();

	Fer2013Dataset(ReaderSettings settings, Path file, Path ferPlus) {
		super(settings);
		this.file = file;
		this.ferPlus = ferPlus;
	}

	static String split(String usage) {
		return switch (usage) {
			case "Training" -> Splits.TRAIN;
			case "PublicTest" -> Splits.VAL;
			case "PrivateTest" -> Splits.TEST;
			default -> null;
		};
	}

	@Override
	protected void read(Index index) throws IOException {
		List<FerPlusLabels.Row> plus = ferPlus == null ? null : FerPlusLabels.read(ferPlus);
		String name = file.getFileName().toString();
		int row = 0;
		try (CsvLines csv = new CsvLines(file, "a FER2013 CSV with header " + HEADER)) {
			List<String> header = csv.next();
			if (header == null) {
				throw new BadDataException(file.toString(), "empty file, expected the header " + HEADER);
			}
			if (!String.join(",", header).replace(" ", "").equalsIgnoreCase(HEADER)) {
				throw new BadDataException(csv.location(), "expected the header " + HEADER + ", got \"" + String.join(",", header) + "\"");
			}
			while (true) {
				List<String> fields;
				try {
					fields = csv.next();
				} catch (BadDataException e) {
					if (plus != null) {
						aligned(plus, row, csv.location());
					}
					row++;
					index.bad(e);
					continue;
				}
				if (fields == null) {
					break;
				}
				FerPlusLabels.Row labels = plus == null ? null : aligned(plus, row, csv.location());
				row++;
				readRow(index, csv.location(), name + ":" + csv.lineNumber(), fields, labels);
			}
		}
		if (plus != null && row != plus.size()) {
			throw new IOException(ferPlus + ": has " + plus.size() + " label rows but " + file + " has " + row
					+ " data rows; FER+ labels must be aligned row by row with FER2013");
		}
	}

	private FerPlusLabels.Row aligned(List<FerPlusLabels.Row> plus, int row, String location) throws IOException {
		if (row >= plus.size()) {
			throw new IOException(ferPlus + ": has " + plus.size() + " label rows but " + location + " is data row " + (row + 1)
					+ "; FER+ labels must be aligned row by row with FER2013");
		}
		return plus.get(row);
	}

	private void readRow(Index index, String location, String id, List<String> fields, FerPlusLabels.Row labels) throws IOException {
		if (fields.size() != 3) {
			index.bad(location, "expected 3 columns (" + HEADER + "), got " + fields.size());
			return;
		}
		String emotionText = fields.get(0).trim();
		int emotion;
		try {
			emotion = Integer.parseInt(emotionText);
		} catch (NumberFormatException e) {
			emotion = -1;
		}
		if (emotion < 0 || emotion >= LabelOrder.FER2013.size()) {
			index.bad(location, "emotion is \"" + emotionText + "\", expected an integer in [0, " + (LabelOrder.FER2013.size() - 1) + "]");
			return;
		}
		String usage = fields.get(2).trim();
		String split = split(usage);
		if (split == null) {
			index.bad(location, "Usage is \"" + usage + "\", expected Training, PublicTest or PrivateTest");
			return;
		}
		byte[] values;
		try {
			values = parsePixels(fields.get(1), location);
		} catch (BadDataException e) {
			index.bad(e);
			return;
		}
		ExpressionClass label = LabelOrder.FER2013.toCanonical(emotion).orElseThrow();
		if (labels != null) {
			if (labels.bad() != null) {
				index.bad(labels.bad());
				return;
			}
			if (!usage.equals(labels.usage())) {
				index.bad(labels.location(), "Usage is \"" + labels.usage() + "\" but " + location + " says \"" + usage
						+ "\"; FER+ labels must be aligned row by row with FER2013");
				return;
			}
			if (labels.excluded() != null) {
				index.exclude(location, labels.excluded() + " (" + labels.location() + ")");
				return;
			}
			label = labels.label();
		}
		pixels.put(id, values);
		index.add(new Sample(id, split, label, Optional.empty()));
	}

	/** Parses space-separated values 0–255 without creating a string per value (FER2013 has 82 million). */
	static byte[] parsePixels(String text, String location) throws BadDataException {
		byte[] values = new byte[PIXELS];
		int count = 0;
		int i = 0;
		int n = text.length();
		while (true) {
			while (i < n && text.charAt(i) == ' ') {
				i++;
			}
			if (i >= n) {
				break;
			}
			int start = i;
			int value = 0;
			boolean digits = true;
			while (i < n && text.charAt(i) != ' ') {
				char c = text.charAt(i);
				if (c < '0' || c > '9' || value > 255) {
					digits = false;
				} else {
					value = value * 10 + (c - '0');
				}
				i++;
			}
			if (!digits || value > 255) {
				throw new BadDataException(location,
						"pixel value " + (count + 1) + " is \"" + text.substring(start, i) + "\", expected an integer in [0, 255]");
			}
			if (count < PIXELS) {
				values[count] = (byte) value;
			}
			count++;
		}
		if (count != PIXELS) {
			throw new BadDataException(location, "expected " + PIXELS + " pixel values (" + SIDE + "x" + SIDE + "), got " + count);
		}
		return values;
	}

	@Override
	public ImageRaster load(Sample sample) throws IOException {
		splits();
		byte[] values;
		synchronized (this) {
			values = pixels.get(sample.id());
		}
		if (values == null) {
			throw new IOException(sample.id() + ": no such sample in " + file);
		}
		return new ImageRaster(SIDE, SIDE, 1, values.clone());
	}
}
