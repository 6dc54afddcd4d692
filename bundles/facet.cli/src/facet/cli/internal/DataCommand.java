package facet.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import facet.cli.ExitCodes;
import facet.core.ExpressionClass;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.Sample;
import facet.core.data.SkippedEntry;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ModuleSettings;
import facet.core.modules.ParameterSpec;
import facet.core.modules.SettingsException;
import facet.core.spi.Dataset;
import facet.core.spi.DatasetFactory;
import facet.core.spi.DatasetWriter;
import facet.engine.data.ContactSheet;

/**
 * {@code facet data synth} writes a generated dataset through whichever dataset module with id
 * {@code synthetic} implements {@link DatasetWriter}; {@code facet data inspect} counts,
 * measures and draws contact sheets of any dataset an installed reader opens ({@link DatasetSpec}).
 */
final class DataCommand implements Command {

	static final String GENERATOR_ID = "synthetic";
	private static final int SHEET_SIDE = 8;

	@Override
	public String name() {
		return "data";
	}

	@Override
	public String usage() {
		return "data synth --out DIR [--per-class N] [--size S] [--format fer2013|imagefolder] [--scenes N] [--seed S]"
				+ " [--difficulty easy|default|hard] [--occlusion P] [--channels gray|rgb] [--param K=V]...\n"
				+ "  facet data inspect SPEC [--param K=V]... [--sheets DIR]   (SPEC: " + DatasetSpec.FORMS + ")";
	}

	@Override
	public String summary() {
		return "generate a synthetic expression set; inspect a dataset (counts, sizes, mean/std, contact sheets)";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		String sub = args.word();
		if (sub == null) {
			throw new UsageException("data: give a subcommand: synth or inspect");
		}
		return switch (sub) {
			case "synth" -> synth(args, out, err);
			case "inspect" -> inspect(args, out, err);
			default -> throw new UsageException("data: unknown subcommand '" + sub + "'; subcommands: synth, inspect");
		};
	}

	private int synth(Arguments args, PrintStream out, PrintStream err) throws Exception {
		String outText = args.option("--out");
		String format = args.option("--format");
		Map<String, String> texts = new LinkedHashMap<>();
		String[][] options = { { "--per-class", "perClass" }, { "--size", "size" }, { "--scenes", "scenes" }, { "--seed", "seed" },
				{ "--difficulty", "difficulty" }, { "--occlusion", "occlusion" }, { "--channels", "channels" } };
		for (String[] option : options) {
			String value = args.option(option[0]);
			if (value != null) {
				texts.put(option[1], value);
			}
		}
		texts.putAll(params(args, "data synth"));
		if (!args.positional().isEmpty()) {
			throw new UsageException("data synth: unexpected argument " + args.positional().get(0));
		}
		if (outText == null) {
			throw new UsageException("data synth: --out DIR is required");
		}
		format = format == null ? DatasetWriter.IMAGE_FOLDER : format;
		ModuleDescriptor module = ModuleRegistry.getDefault().get(ModuleKind.DATASET, GENERATOR_ID);
		if (!(module.factory() instanceof DatasetWriter writer)) {
			err.println("facet data synth: " + module.displayName() + " cannot write datasets (its factory is no " + DatasetWriter.class.getName()
					+ ")");
			return ExitCodes.FAILURE;
		}
		if (format.equals(DatasetWriter.SCENES) || !writer.formats().contains(format)) {
			throw new UsageException("data synth: unknown --format '" + format + "'; formats: fer2013, imagefolder (scenes: --scenes N)");
		}
		ModuleSettings settings = settings(module, texts, "data synth");
		try {
			module.factory().validate(settings);
		} catch (ModuleException e) {
			throw new UsageException("data synth: " + e.getMessage());
		}
		Path dir = Path.of(outText);
		long start = System.nanoTime();
		ConsoleProgress progress = new ConsoleProgress(err);
		try {
			writer.write(settings, dir, format, progress);
		} catch (ModuleException e) {
			throw new UsageException("data synth: " + e.getMessage());
		}
		long faces = 7L * settings.getInt("perClass");
		double seconds = (System.nanoTime() - start) / 1e9;
		out.printf(Locale.ROOT, "wrote %d faces (%s) to %s in %.1f s (%.0f images/s)%n", faces, format, dir, seconds, faces / seconds);
		int scenes = settings.getInt("scenes");
		if (scenes > 0) {
			start = System.nanoTime();
			writer.write(settings, dir.resolve("scenes"), DatasetWriter.SCENES, progress);
			out.printf(Locale.ROOT, "wrote %d scenes with face boxes and landmarks to %s in %.1f s%n", scenes, dir.resolve("scenes"),
					(System.nanoTime() - start) / 1e9);
		}
		return ExitCodes.OK;
	}

	private static Map<String, String> params(Arguments args, String command) throws UsageException {
		Map<String, String> params = new LinkedHashMap<>();
		for (String param : args.options("--param")) {
			int eq = param.indexOf('=');
			if (eq <= 0) {
				throw new UsageException(command + ": --param expects NAME=VALUE, got '" + param + "'");
			}
			params.put(param.substring(0, eq), param.substring(eq + 1));
		}
		return params;
	}

	private static ModuleSettings settings(ModuleDescriptor module, Map<String, String> texts, String command) throws UsageException {
		return settings(module, Map.of(), texts, command);
	}

	/**
	 * Parses option text by each parameter's declared type over values already typed (from an
	 * experiment file); a refused value is a usage error naming the parameter.
	 */
	static ModuleSettings settings(ModuleDescriptor module, Map<String, Object> typed, Map<String, String> texts, String command)
			throws UsageException {
		Map<String, Object> values = new LinkedHashMap<>(typed);
		List<String> problems = new ArrayList<>();
		for (Map.Entry<String, String> e : texts.entrySet()) {
			ParameterSpec spec = module.parameter(e.getKey()).orElse(null);
			if (spec == null) {
				values.put(e.getKey(), e.getValue());
				continue;
			}
			try {
				values.put(e.getKey(), spec.parseText(e.getValue()));
			} catch (IllegalArgumentException ex) {
				problems.add(module.kind().label() + " '" + module.id() + "' parameter '" + e.getKey() + "': " + ex.getMessage());
			}
		}
		if (!problems.isEmpty()) {
			throw new UsageException(command + ": " + String.join("; ", problems));
		}
		try {
			return module.settings(values);
		} catch (SettingsException e) {
			throw new UsageException(command + ": " + e.getMessage().replace("\n", "; "));
		}
	}

	private int inspect(Arguments args, PrintStream out, PrintStream err) throws Exception {
		String datasetId = args.option("--dataset");
		String sheetsText = args.option("--sheets");
		Map<String, String> params = params(args, "data inspect");
		List<String> positional = args.positional();
		String text;
		if (datasetId != null) {
			if (!positional.isEmpty()) {
				throw new UsageException("data inspect: give SPEC or --dataset ID, not both");
			}
			text = datasetId;
		} else if (positional.size() == 1) {
			text = positional.get(0);
		} else {
			throw new UsageException("data inspect: give one dataset SPEC: " + DatasetSpec.FORMS);
		}
		DatasetSpec spec = DatasetSpec.resolve(ModuleRegistry.getDefault(), text, params, datasetId != null);
		Path sheets = sheetsText == null ? spec.defaultSheets() : Path.of(sheetsText);
		String source = spec.describe();
		Dataset dataset;
		Map<String, List<Sample>> splits;
		try {
			DatasetFactory factory = spec.module().factory(DatasetFactory.class);
			factory.validate(spec.settings());
			dataset = factory.create(spec.settings());
			splits = dataset.splits();
		} catch (ModuleException | IOException e) {
			// the reader names the file, line and expectation: a bad dataset is bad input, not a failure of Facet
			err.println("facet data inspect: " + source + ": " + e.getMessage());
			return ExitCodes.BAD_INPUT;
		}
		out.println(source);
		out.printf("%-10s", "split");
		for (ExpressionClass c : ExpressionClass.values()) {
			out.printf("%10s", c.label());
		}
		out.printf("%10s%10s%n", "total", "occluded");
		Map<ExpressionClass, List<Sample>> byClass = new TreeMap<>();
		long total = 0;
		for (Map.Entry<String, List<Sample>> split : splits.entrySet()) {
			int[] counts = new int[ExpressionClass.COUNT];
			int occluded = 0;
			for (Sample s : split.getValue()) {
				counts[s.label().ordinal()]++;
				occluded += s.id().contains("-occ-") ? 1 : 0;
				byClass.computeIfAbsent(s.label(), k -> new ArrayList<>()).add(s);
			}
			out.printf("%-10s", split.getKey());
			for (int c : counts) {
				out.printf("%10d", c);
			}
			out.printf("%10d%10d%n", split.getValue().size(), occluded);
			total += split.getValue().size();
		}
		List<SkippedEntry> skipped = dataset.skipped();
		if (!skipped.isEmpty()) {
			out.println("skipped or excluded entries: " + skipped.size() + ", the first: " + skipped.get(0));
		}
		if (total == 0) {
			err.println("facet data inspect: " + source + " holds no samples");
			return ExitCodes.BAD_INPUT;
		}
		try {
			statistics(dataset, splits, total, sheets, byClass, out);
		} catch (IOException e) {
			err.println("facet data inspect: " + source + ": " + e.getMessage());
			return ExitCodes.BAD_INPUT;
		}
		return ExitCodes.OK;
	}

	/** Sizes, mean and std over every image, and a contact sheet per class. */
	private static void statistics(Dataset dataset, Map<String, List<Sample>> splits, long total, Path sheets,
			Map<ExpressionClass, List<Sample>> byClass, PrintStream out) throws IOException {
		Map<String, Integer> sizes = new TreeMap<>();
		double sum = 0;
		double sumSquares = 0;
		long values = 0;
		for (List<Sample> split : splits.values()) {
			for (Sample s : split) {
				ImageRaster image = dataset.load(s);
				sizes.merge(image.width() + "x" + image.height() + "x" + image.channels(), 1, Integer::sum);
				for (byte b : image.pixels()) {
					int v = b & 0xff;
					sum += v;
					sumSquares += (double) v * v;
				}
				values += image.pixels().length;
			}
		}
		double mean = sum / values;
		out.println("image sizes (WxHxC: count): " + sizes);
		out.printf(Locale.ROOT, "pixel mean %.2f, std %.2f (0..255, over %d images)%n", mean, Math.sqrt(Math.max(0, sumSquares / values - mean * mean)),
				total);
		Files.createDirectories(sheets);
		for (Map.Entry<ExpressionClass, List<Sample>> e : byClass.entrySet()) {
			Path file = sheets.resolve(e.getKey().label() + ".png");
			ImageFiles.writePng(contactSheet(dataset, e.getValue()), file);
		}
		out.println("contact sheets (" + SHEET_SIDE + "x" + SHEET_SIDE + " per class): " + sheets);
	}

	/** Up to 64 faces spread evenly over the class's samples. */
	private static ImageRaster contactSheet(Dataset dataset, List<Sample> samples) throws IOException {
		return ContactSheet.of(dataset, samples, SHEET_SIDE);
	}
}
