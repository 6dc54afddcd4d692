package facet.cli.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import facet.cli.ExitCodes;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ModuleSettings;
import facet.core.modules.ParameterSpec;
import facet.core.modules.SettingsException;
import facet.core.spi.FeatureExtractor;
import facet.core.spi.FeatureExtractorFactory;
import facet.core.spi.FeatureStage;
import facet.core.spi.FeatureVisuals;

/**
 * {@code facet features show}: draws what a hand-crafted feature extractor sees in one face (HOG
 * glyphs, LBP codes and cell histograms, Gabor responses) as PNG files, through the extractor's
 * own {@link FeatureVisuals}, so that any installed extractor can be shown.
 */
final class FeaturesCommand implements Command {

	private static final int DEFAULT_SIZE = 96;

	@Override
	public String name() {
		return "features";
	}

	@Override
	public String usage() {
		return "features show --feature ID [--param K=V]... [--size N] --out DIR IMAGE";
	}

	@Override
	public String summary() {
		return "draw a feature extractor's view of a face (HOG glyphs, LBP codes, Gabor responses) as PNG";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws UsageException, ModuleException, IOException {
		String sub = args.word();
		if (!"show".equals(sub)) {
			throw new UsageException("features: expected the subcommand show, got " + (sub == null ? "nothing" : "'" + sub + "'") + "; usage: facet "
					+ usage());
		}
		String id = args.option("--feature");
		String outText = args.option("--out");
		String sizeText = args.option("--size");
		Map<String, String> rawParams = new LinkedHashMap<>();
		for (String param : args.options("--param")) {
			int eq = param.indexOf('=');
			if (eq <= 0) {
				throw new UsageException("features show: --param needs KEY=VALUE, got '" + param + "'");
			}
			rawParams.put(param.substring(0, eq).trim(), param.substring(eq + 1));
		}
		List<String> inputs = args.positional();
		if (id == null || outText == null || inputs.size() != 1) {
			throw new UsageException("features show: give --feature ID, --out DIR and one image; usage: facet " + usage());
		}
		int size;
		try {
			size = sizeText == null ? DEFAULT_SIZE : Integer.parseInt(sizeText);
		} catch (NumberFormatException e) {
			throw new UsageException("features show: --size expects a whole number of pixels (0 keeps the image's size), got '" + sizeText + "'");
		}
		if (size < 0 || size > 1024) {
			throw new UsageException("features show: --size expects 0 to 1024 pixels, got " + size);
		}
		ModuleRegistry registry = ModuleRegistry.getDefault();
		ModuleDescriptor module = registry.find(ModuleKind.FEATURE, id)
				.orElseThrow(() -> new UsageException("features show: " + registry.unknownMessage(ModuleKind.FEATURE, id)));
		ModuleSettings settings = settings(module, rawParams);
		FeatureExtractorFactory factory = module.factory(FeatureExtractorFactory.class);
		factory.validate(settings);
		FeatureStage stage = factory.create(settings);
		if (!(stage instanceof FeatureExtractor extractor)) {
			throw new UsageException("features show: '" + id + "' is a post-processing stage fitted on training vectors; it has no picture of one face");
		}
		Path image = Path.of(inputs.get(0));
		ImageRaster face = ImageFiles.read(image, true);
		if (size > 0) {
			face = resize(face, size);
		}
		Path outDir = Path.of(outText);
		Files.createDirectories(outDir);
		String stem = image.getFileName().toString().replaceFirst("\\.[^.]*$", "");
		ImageFiles.writePng(face, outDir.resolve(stem + ".input.png"));
		long start = System.nanoTime();
		float[] vector;
		try {
			vector = extractor.extract(face);
		} catch (IllegalArgumentException e) {
			err.println(image + ": " + e.getMessage());
			return ExitCodes.FAILURE;
		}
		double ms = (System.nanoTime() - start) / 1e6;
		out.printf(Locale.ROOT, "%s: feature '%s' on %dx%d: %d values in %.1f ms%n", image, id, face.width(), face.height(), vector.length, ms);
		if (!(extractor instanceof FeatureVisuals visuals)) {
			out.println("feature '" + id + "' draws no picture of itself; wrote only the input");
			return ExitCodes.OK;
		}
		for (Map.Entry<String, ImageRaster> picture : visuals.visualize(face).entrySet()) {
			Path file = outDir.resolve(stem + "." + id + "." + picture.getKey() + ".png");
			ImageFiles.writePng(picture.getValue(), file);
			out.println("  " + file);
		}
		return ExitCodes.OK;
	}

	private static ImageRaster resize(ImageRaster face, int size) {
		if (face.width() == size && face.height() == size) {
			return face;
		}
		BufferedImage scaled = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
		Graphics2D g = scaled.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
		g.drawImage(ImageFiles.toBufferedImage(face), 0, 0, size, size, null);
		g.dispose();
		return ImageFiles.toRaster(scaled, true);
	}

	private static ModuleSettings settings(ModuleDescriptor module, Map<String, String> raw) throws UsageException {
		Map<String, Object> values = new LinkedHashMap<>();
		for (Map.Entry<String, String> entry : raw.entrySet()) {
			ParameterSpec spec = module.parameter(entry.getKey()).orElse(null);
			if (spec == null) {
				values.put(entry.getKey(), entry.getValue());
				continue;
			}
			try {
				values.put(entry.getKey(), spec.parseText(entry.getValue()));
			} catch (IllegalArgumentException e) {
				throw new UsageException("features show: --param " + entry.getKey() + ": " + e.getMessage());
			}
		}
		try {
			return module.settings(values);
		} catch (SettingsException e) {
			throw new UsageException("features show: " + e.getMessage());
		}
	}
}
