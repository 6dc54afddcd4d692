package facet.data.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import facet.core.LabelOrder;
import facet.core.Sample;
import facet.core.data.Splits;

/**
 * RAF-DB basic: {@code EmotionLabel/list_patition_label.txt} (the official, misspelt name) with
 * lines {@code train_00001.jpg 5}, labels 1–7 in {@link LabelOrder#RAF_DB} (label − 1 is the
 * position), images in {@code Image/aligned/} (named {@code train_00001_aligned.jpg}) or
 * {@code Image/original/} (named as listed). The split is the name's prefix: {@code train_} or
 * {@code test_}. Sample ids are the image paths relative to the root ({@code Image/aligned/train_00001_aligned.jpg}).
 */
final class RafDbDataset extends ImageDataset {

	static final String LIST = "EmotionLabel/list_patition_label.txt";
	static final String ALIGNED = "aligned";

	private final Path root;
	private final String images;

	RafDbDataset(ReaderSettings settings, boolean gray, boolean checkImages, Path root, String images) {
		super(settings, gray, checkImages);
		this.root = root;
		this.images = images;
	}

	@Override
	protected void read(Index index) throws IOException {
		Path list = root.resolve(LIST);
		if (!Files.isRegularFile(list)) {
			throw new NoSuchFileException(list.toString(), null,
					"no such file (expected RAF-DB basic's label list, officially spelt list_patition_label.txt)");
		}
		Path folder = root.resolve("Image").resolve(images);
		if (!Files.isDirectory(folder)) {
			throw new NoSuchFileException(folder.toString(), null, "no such folder (expected the " + images + " images of RAF-DB basic)");
		}
		try (BufferedReader reader = Files.newBufferedReader(list, StandardCharsets.UTF_8)) {
			int lineNumber = 0;
			while (true) {
				String line;
				try {
					line = reader.readLine();
				} catch (CharacterCodingException e) {
					throw new IOException(list + ":" + (lineNumber + 1) + ": not UTF-8 text (" + e + ")", e);
				}
				if (line == null) {
					return;
				}
				lineNumber++;
				if (!line.isBlank()) {
					readLine(index, list + ":" + lineNumber, line.trim(), folder);
				}
			}
		}
	}

	private void readLine(Index index, String location, String line, Path folder) throws IOException {
		String[] fields = line.split("\\s+");
		if (fields.length != 2) {
			index.bad(location, "expected \"<image name> <label 1-7>\", got \"" + line + "\"");
			return;
		}
		String name = fields[0];
		int label;
		try {
			label = Integer.parseInt(fields[1]);
		} catch (NumberFormatException e) {
			label = 0;
		}
		if (label < 1 || label > LabelOrder.RAF_DB.size()) {
			index.bad(location, "label is \"" + fields[1] + "\", expected an integer in [1, " + LabelOrder.RAF_DB.size() + "]");
			return;
		}
		String split = name.startsWith("train_") ? Splits.TRAIN : name.startsWith("test_") ? Splits.TEST : null;
		if (split == null) {
			index.bad(location, "image \"" + name + "\" starts with neither train_ nor test_, expected one of them to tell the split");
			return;
		}
		String fileName = name;
		if (ALIGNED.equals(images)) {
			int dot = name.lastIndexOf('.');
			fileName = dot < 0 ? name + "_aligned" : name.substring(0, dot) + "_aligned" + name.substring(dot);
		}
		Path image;
		try {
			image = folder.resolve(fileName);
		} catch (InvalidPathException e) {
			index.bad(location, "image name \"" + name + "\" is not a usable file name (" + e.getReason() + ")");
			return;
		}
		if (checkImage(index, image, location) != null) {
			String id = "Image/" + images + "/" + fileName;
			addImage(index, new Sample(id, split, LabelOrder.RAF_DB.toCanonical(label - 1).orElseThrow(), Optional.empty()), image);
		}
	}
}
