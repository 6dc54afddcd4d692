package facet.cli.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import facet.core.ExpressionClass;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.LabelOrder;
import facet.core.Sample;
import facet.core.spi.Dataset;

/**
 * A minimal reader of the two layouts {@code facet data synth} writes, so that {@code facet data
 * inspect DIR} needs no dataset module: a FER2013 CSV ({@code emotion,pixels,Usage}) and an
 * ImageFolder tree ({@code split/class/image}). The dataset modules are the full readers.
 */
final class FolderDataset implements Dataset {

	private final Map<String, List<Sample>> splits = new LinkedHashMap<>();
	private final Map<String, Object> sources = new java.util.HashMap<>();
	private final Path root;

	private FolderDataset(Path root) {
		this.root = root;
	}

	static Dataset open(Path path) throws IOException {
		if (!Files.exists(path)) {
			throw new IOException(path + ": no such folder or file");
		}
		Path csv = Files.isDirectory(path) ? path.resolve("fer2013.csv") : path;
		FolderDataset dataset = new FolderDataset(path);
		if (Files.isRegularFile(csv)) {
			dataset.readCsv(csv);
		} else {
			dataset.readFolders(path);
		}
		return dataset;
	}

	private void readCsv(Path csv) throws IOException {
		try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
			String header = in.readLine();
			if (header == null || !header.trim().equals("emotion,pixels,Usage")) {
				throw new IOException(csv + ":1: expected the header emotion,pixels,Usage, got " + header);
			}
			String line;
			int number = 1;
			while ((line = in.readLine()) != null) {
				number++;
				String[] fields = line.split(",");
				if (fields.length != 3) {
					throw new IOException(csv + ":" + number + ": expected 3 fields emotion,pixels,Usage, got " + fields.length);
				}
				ExpressionClass label;
				try {
					label = LabelOrder.FER2013.toCanonical(Integer.parseInt(fields[0].trim())).orElseThrow();
				} catch (RuntimeException e) {
					throw new IOException(csv + ":" + number + ": emotion must be 0..6, got '" + fields[0] + "'");
				}
				String split = switch (fields[2].trim()) {
					case "Training" -> "train";
					case "PublicTest" -> "val";
					case "PrivateTest" -> "test";
					default -> throw new IOException(csv + ":" + number + ": Usage must be Training, PublicTest or PrivateTest, got '" + fields[2] + "'");
				};
				String[] values = fields[1].trim().split(" ");
				int side = (int) Math.round(Math.sqrt(values.length));
				if (side * side != values.length) {
					throw new IOException(csv + ":" + number + ": expected a square image's pixels, got " + values.length + " values");
				}
				byte[] pixels = new byte[values.length];
				for (int i = 0; i < values.length; i++) {
					int v;
					try {
						v = Integer.parseInt(values[i]);
					} catch (NumberFormatException e) {
						v = -1;
					}
					if (v < 0 || v > 255) {
						throw new IOException(csv + ":" + number + ": pixel " + i + " must be 0..255, got '" + values[i] + "'");
					}
					pixels[i] = (byte) v;
				}
				Sample sample = new Sample(csv.getFileName() + ":" + number, split, label, Optional.empty());
				splits.computeIfAbsent(split, k -> new ArrayList<>()).add(sample);
				sources.put(sample.id(), new ImageRaster(side, side, 1, pixels));
			}
		}
	}

	private void readFolders(Path dir) throws IOException {
		List<Path> splitDirs;
		try (Stream<Path> list = Files.list(dir)) {
			splitDirs = list.filter(Files::isDirectory).sorted().toList();
		}
		for (Path splitDir : splitDirs) {
			List<Path> classDirs;
			try (Stream<Path> list = Files.list(splitDir)) {
				classDirs = list.filter(Files::isDirectory).sorted().toList();
			}
			for (Path classDir : classDirs) {
				Optional<ExpressionClass> label = ExpressionClass.fromName(classDir.getFileName().toString());
				if (label.isEmpty()) {
					continue;
				}
				try (Stream<Path> files = Files.list(classDir)) {
					for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
						String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
						if (!(name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".bmp"))) {
							continue;
						}
						String split = splitDir.getFileName().toString();
						Sample sample = new Sample(dir.relativize(file).toString(), split, label.get(), Optional.empty());
						splits.computeIfAbsent(split, k -> new ArrayList<>()).add(sample);
						sources.put(sample.id(), file);
					}
				}
			}
		}
		if (splits.isEmpty()) {
			throw new IOException(dir + ": neither a fer2013.csv nor split/class/image folders (class folders named anger … surprise)");
		}
	}

	@Override
	public Map<String, List<Sample>> splits() {
		return splits;
	}

	@Override
	public ImageRaster load(Sample sample) throws IOException {
		Object source = sources.get(sample.id());
		if (source instanceof ImageRaster raster) {
			return raster;
		}
		if (source instanceof Path file) {
			ImageRaster rgb = ImageFiles.read(file, false);
			byte[] p = rgb.pixels();
			for (int i = 0; i < p.length; i += 3) {
				if (p[i] != p[i + 1] || p[i] != p[i + 2]) {
					return rgb;
				}
			}
			return ImageFiles.read(file, true);
		}
		throw new IOException(root + ": no sample " + sample.id());
	}
}
