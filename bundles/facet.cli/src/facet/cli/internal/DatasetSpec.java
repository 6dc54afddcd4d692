package facet.cli.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.experiment.ExperimentException;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.experiment.ModuleRef;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ModuleSettings;
import facet.core.modules.ParameterType;

/**
 * A dataset named on the command line, resolved to a module of the {@code datasets} extension
 * point and its settings, so that every installed reader serves {@code facet data inspect}.
 * Three forms:
 * <ul>
 * <li>an experiment file ({@code *.json}): its dataset section;</li>
 * <li>{@code ID[:NAME=VALUE,...]}: an installed dataset module and its parameters (a comma
 * starts a new parameter only where a parameter name of that module and {@code =} follow, so
 * {@code fractions=train=0.8,val=0.2} keeps its comma);</li>
 * <li>a folder or CSV file, whose reader is guessed from what is in it: {@code fer2013.csv} (or
 * a CSV with FER2013's header) → {@code fer2013}; {@code EmotionLabel/list_patition_label.txt}
 * → {@code rafdb}; {@code training.csv} (or a CSV with an image path column) →
 * {@code affectnet}; any other folder → {@code imagefolder}, gray when its first image is.</li>
 * </ul>
 * A path that exists wins over a dataset id of the same name.
 */
record DatasetSpec(ModuleDescriptor module, ModuleSettings settings, String origin, Path defaultSheets) {

	/** The forms, for usage lines and errors. */
	static final String FORMS = "an experiment file (*.facet.json), a dataset folder or CSV file, or ID[:NAME=VALUE,...] of an installed dataset";

	private static final String COMMAND = "data inspect";
	private static final Pattern ID_FORM = Pattern.compile("([A-Za-z][\\w.-]*)(?::(.*))?", Pattern.DOTALL);
	private static final Pattern NEXT_PARAMETER = Pattern.compile(",(\\w+)=");
	private static final List<String> IMAGE_SUFFIXES = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff");

	/** The module and settings in words, e.g. {@code imagefolder {root=/data/ck, gray=true, ...} (guessed from /data/ck)}. */
	String describe() {
		return module.id() + " " + settings.values() + " (" + origin + ")";
	}

	/**
	 * Resolves SPEC; {@code overrides} ({@code --param NAME=VALUE}) replace the values SPEC gives.
	 *
	 * @param idOnly take SPEC as {@code ID[:NAME=VALUE,...]} even where a file of that name exists
	 * @throws UsageException naming SPEC and what was expected
	 */
	static DatasetSpec resolve(ModuleRegistry registry, String spec, Map<String, String> overrides, boolean idOnly) throws UsageException {
		Path path = null;
		try {
			path = idOnly ? null : Path.of(spec);
		} catch (InvalidPathException e) {
			// not a path on this system: only the ID form remains
		}
		if (path != null && Files.exists(path)) {
			if (Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
				return fromExperiment(registry, path, overrides);
			}
			return guess(registry, path, overrides);
		}
		Matcher id = ID_FORM.matcher(spec);
		if (id.matches() && registry.find(ModuleKind.DATASET, id.group(1)).isPresent()) {
			ModuleDescriptor module = registry.find(ModuleKind.DATASET, id.group(1)).orElseThrow();
			Map<String, String> texts = inline(module, id.group(2) == null ? "" : id.group(2));
			texts.putAll(overrides);
			return new DatasetSpec(module, DataCommand.settings(module, Map.of(), texts, COMMAND), "from " + module.bundle() + " " + module.version(),
					sheets(module.id()));
		}
		String installed = String.join(", ", registry.modules(ModuleKind.DATASET).stream().map(ModuleDescriptor::id).toList());
		throw new UsageException(COMMAND + ": '" + spec + "' is no file or folder"
				+ (id.matches() ? ", and " + registry.unknownMessage(ModuleKind.DATASET, id.group(1)) : "") + "; SPEC is " + FORMS
				+ (id.matches() || installed.isEmpty() ? "" : " (installed: " + installed + ")"));
	}

	/**
	 * NAME=VALUE pairs separated by commas. Only a string parameter's value (a mapping, split
	 * fractions) may hold {@code ,WORD=}, where WORD is no parameter of the module; elsewhere such
	 * a comma starts a pair, so that a misspelt name is reported rather than read as part of a path.
	 */
	private static Map<String, String> inline(ModuleDescriptor module, String text) throws UsageException {
		Map<String, String> texts = new LinkedHashMap<>();
		if (text.isEmpty()) {
			return texts;
		}
		int start = 0;
		Matcher next = NEXT_PARAMETER.matcher(text);
		while (start <= text.length()) {
			int end = text.length();
			int eq0 = text.indexOf('=', start);
			boolean string = eq0 > start && module.parameter(text.substring(start, eq0)).map(p -> p.type() == ParameterType.STRING).orElse(false);
			for (int from = start; next.find(from); from = next.start() + 1) {
				if (!string || module.parameter(next.group(1)).isPresent()) {
					end = next.start();
					break;
				}
			}
			String pair = text.substring(start, end);
			int eq = pair.indexOf('=');
			if (eq <= 0) {
				throw new UsageException(COMMAND + ": " + module.id() + ":" + text + ": expected NAME=VALUE pairs separated by commas, got '" + pair
						+ "'");
			}
			texts.put(pair.substring(0, eq), pair.substring(eq + 1));
			start = end + 1;
		}
		return texts;
	}

	private static DatasetSpec fromExperiment(ModuleRegistry registry, Path file, Map<String, String> overrides) throws UsageException {
		ExperimentSpec experiment;
		try {
			experiment = ExperimentFormat.read(file);
		} catch (ExperimentException e) {
			throw new UsageException(COMMAND + ": " + e.getMessage().replace("\n", ";"));
		} catch (IOException e) {
			throw new UsageException(COMMAND + ": " + file + ": cannot read the experiment file: " + e.getMessage());
		}
		ModuleRef dataset = experiment.dataset();
		ModuleDescriptor module;
		try {
			module = registry.get(ModuleKind.DATASET, dataset.id());
		} catch (ModuleException e) {
			throw new UsageException(COMMAND + ": " + file + ": $.dataset.id: " + e.getMessage());
		}
		return new DatasetSpec(module, DataCommand.settings(module, dataset.params(), overrides, COMMAND), "dataset of " + file,
				sheets(experiment.name()));
	}

	private static DatasetSpec guess(ModuleRegistry registry, Path path, Map<String, String> overrides) throws UsageException {
		Map<String, String> texts = new LinkedHashMap<>();
		String id;
		if (Files.isDirectory(path)) {
			if (Files.isRegularFile(path.resolve("fer2013.csv"))) {
				id = "fer2013";
				texts.put("file", path.resolve("fer2013.csv").toString());
			} else if (Files.isRegularFile(path.resolve("EmotionLabel").resolve("list_patition_label.txt"))) {
				id = "rafdb";
				texts.put("root", path.toString());
			} else if (Files.isRegularFile(path.resolve("training.csv"))) {
				id = "affectnet";
				texts.put("file", path.resolve("training.csv").toString());
				if (Files.isRegularFile(path.resolve("validation.csv"))) {
					texts.put("valFile", path.resolve("validation.csv").toString());
				}
			} else {
				id = "imagefolder";
				texts.put("root", path.toString());
				if (firstImageIsGray(path)) {
					texts.put("gray", "true");
				}
			}
		} else {
			String header = header(path);
			String columns = header.toLowerCase(Locale.ROOT).replace(" ", "");
			if (columns.startsWith("emotion,pixels")) {
				id = "fer2013";
			} else if (Stream.of(columns.split(",")).anyMatch(c -> c.equals("subdirectory_filepath") || c.equals("image") || c.equals("path"))) {
				id = "affectnet";
			} else {
				throw new UsageException(COMMAND + ": " + path + ": expected " + FORMS + "; as a CSV its first line should be FER2013's header"
						+ " emotion,pixels,Usage or name an image path column (subDirectory_filePath, image or path), got '" + header + "'");
			}
			texts.put("file", path.toString());
		}
		ModuleDescriptor module;
		try {
			module = registry.get(ModuleKind.DATASET, id);
		} catch (ModuleException e) {
			throw new UsageException(COMMAND + ": " + path + " looks like a dataset for the reader '" + id + "', but " + e.getMessage());
		}
		texts.putAll(overrides);
		return new DatasetSpec(module, DataCommand.settings(module, Map.of(), texts, COMMAND), "guessed from " + path,
				sheets(path.toAbsolutePath().normalize().getFileName() == null ? id : path.toAbsolutePath().normalize().getFileName().toString()));
	}

	/**
	 * The contact sheets go to the working folder, not into the dataset: a folder of sheets in
	 * an ImageFolder root would read as a class on the next inspection.
	 */
	private static Path sheets(String name) {
		return Path.of("contact-sheets-" + name.replaceAll("[^\\w.-]", "_"));
	}

	private static String header(Path file) throws UsageException {
		try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			String line = in.readLine();
			return line == null ? "" : line.strip();
		} catch (IOException e) {
			throw new UsageException(COMMAND + ": " + file + ": expected " + FORMS + ", but it cannot be read as text: " + e.getMessage());
		}
	}

	/** Whether the first image (in path order) below the folder has equal red, green and blue everywhere. */
	private static boolean firstImageIsGray(Path root) {
		Optional<Path> first;
		try (Stream<Path> files = Files.walk(root, 4)) {
			first = files.filter(Files::isRegularFile).filter(DatasetSpec::isImage).sorted().findFirst();
		} catch (IOException | RuntimeException e) {
			return false;
		}
		if (first.isEmpty()) {
			return false;
		}
		try {
			ImageRaster image = ImageFiles.read(first.get(), false);
			byte[] p = image.pixels();
			for (int i = 0; i + 2 < p.length; i += image.channels()) {
				if (image.channels() >= 3 && (p[i] != p[i + 1] || p[i] != p[i + 2])) {
					return false;
				}
			}
			return true;
		} catch (IOException | RuntimeException e) {
			// the reader reports an unreadable image with its path; the guess only picks a default
			return false;
		}
	}

	private static boolean isImage(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return !name.startsWith(".") && IMAGE_SUFFIXES.stream().anyMatch(name::endsWith);
	}
}
