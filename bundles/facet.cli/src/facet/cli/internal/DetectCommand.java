package facet.cli.internal;

import java.awt.BasicStroke;
import java.awt.Color;
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

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import facet.core.FaceBox;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.Point;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ModuleSettings;
import facet.core.modules.ParameterSpec;
import facet.core.modules.SettingsException;
import facet.core.spi.DetectorFactory;
import facet.core.spi.FaceDetector;
import facet.engine.analyze.MediaInputs;

/**
 * {@code facet detect}: runs an installed detector over images, folders of images, videos and
 * image sequences (one result per frame, with its index). A file or frame that fails is reported with its name and the batch goes on; the exit status is 1 when any
 * failed.
 */
final class DetectCommand implements Command {

	private static final String DEFAULT_DETECTOR = "mtcnn";

	@Override
	public String name() {
		return "detect";
	}

	@Override
	public String usage() {
		return "detect [--detector ID] [--param K=V]... [--json] [--out DIR] IMAGE_OR_FOLDER|VIDEO|SEQUENCE...";
	}

	@Override
	public String summary() {
		return "find faces (box, score, landmarks) with an installed detector (default " + DEFAULT_DETECTOR + ")";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws UsageException, ModuleException, IOException {
		boolean json = args.flag("--json");
		String detectorId = args.option("--detector");
		String outText = args.option("--out");
		Map<String, String> rawParams = params(name(), args);
		List<String> inputArguments = args.positional();
		if (inputArguments.isEmpty()) {
			throw new UsageException("detect: give at least one image or folder");
		}
		ModuleRegistry registry = ModuleRegistry.getDefault();
		String id = detectorId == null ? DEFAULT_DETECTOR : detectorId;
		ModuleDescriptor module = registry.find(ModuleKind.DETECTOR, id)
				.orElseThrow(() -> new UsageException("detect: " + registry.unknownMessage(ModuleKind.DETECTOR, id)));
		ModuleSettings settings = settings(name(), module, rawParams);
		Path outDir = outText == null ? null : Path.of(outText);
		if (outDir != null) {
			Files.createDirectories(outDir);
		}

		Inputs inputs = Inputs.expand(name(), inputArguments, err);
		JsonArray results = new JsonArray();
		// a missing model is a failure of the work, not of the command line: exit status 1
		try (FaceDetector detector = module.factory(DetectorFactory.class).create(settings)) {
			// the detector works on a frame while the last one is printed and written
			inputs.forEachFrame(false, frame -> {
				long start = System.nanoTime();
				List<FaceBox> found = detector.detect(frame.raster());
				return new Detection(found, (System.nanoTime() - start) / 1e6);
			}, (frame, detection) -> {
				ImageRaster raster = frame.raster();
				List<FaceBox> faces = detection.faces();
				double ms = detection.ms();
				if (json) {
					results.add(toJson(frame, ms, faces));
				} else {
					out.printf(Locale.ROOT, "%s%s: %d face(s), %dx%d, %.0f ms%n", frame.file(), frame.isStill() ? "" : " frame " + frame.index(),
							faces.size(), raster.width(), raster.height(), ms);
					for (FaceBox f : faces) {
						out.printf(Locale.ROOT, "  [%.1f, %.1f, %.1f, %.1f] score %.3f%s%n", f.x1(), f.y1(), f.x2(), f.y2(), f.score(),
								f.hasLandmarks() ? " landmarks " + landmarksText(f) : "");
					}
				}
				if (outDir != null) {
					ImageFiles.writePng(annotate(raster, faces), outDir.resolve(outputName(frame, ".faces.png")));
				}
			});
		}
		if (json) {
			out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(results));
		}
		return inputs.exitStatus();
	}

	private record Detection(List<FaceBox> faces, double ms) {
	}

	/** Command-line text converted through each parameter's own parser, then validated as JSON values are. */
	static ModuleSettings settings(String command, ModuleDescriptor module, Map<String, String> raw) throws UsageException {
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
				throw new UsageException(command + ": --param " + entry.getKey() + ": " + e.getMessage());
			}
		}
		try {
			return module.settings(values);
		} catch (SettingsException e) {
			throw new UsageException(command + ": " + e.getMessage());
		}
	}

	/** Every {@code --param KEY=VALUE}, in order. */
	static Map<String, String> params(String command, Arguments args) throws UsageException {
		Map<String, String> raw = new LinkedHashMap<>();
		for (String param : args.options("--param")) {
			int eq = param.indexOf('=');
			if (eq <= 0) {
				throw new UsageException(command + ": --param needs KEY=VALUE, got '" + param + "'");
			}
			raw.put(param.substring(0, eq).trim(), param.substring(eq + 1));
		}
		return raw;
	}

	/**
	 * The name of a picture's annotated copy: the stem of its file, and for a video frame its
	 * index (a sequence's frame files have names of their own).
	 */
	static String outputName(MediaInputs.Frame frame, String suffix) {
		String name = frame.file().getFileName().toString();
		int dot = name.lastIndexOf('.');
		String stem = dot > 0 ? name.substring(0, dot) : name;
		return stem + (frame.input().kind() == MediaInputs.Kind.VIDEO ? String.format(Locale.ROOT, ".frame%06d", frame.index()) : "") + suffix;
	}

	private static String landmarksText(FaceBox face) {
		StringBuilder text = new StringBuilder();
		for (Point p : face.landmarks()) {
			text.append(String.format(Locale.ROOT, "(%.1f, %.1f)", p.x(), p.y()));
		}
		return text.toString();
	}

	private static JsonObject toJson(MediaInputs.Frame frame, double ms, List<FaceBox> faces) {
		JsonObject o = new JsonObject();
		o.addProperty("image", frame.file().toString());
		if (!frame.isStill()) {
			o.addProperty("frame", frame.index());
		}
		o.addProperty("width", frame.raster().width());
		o.addProperty("height", frame.raster().height());
		o.addProperty("ms", Math.round(ms * 10) / 10.0);
		JsonArray array = new JsonArray();
		for (FaceBox f : faces) {
			JsonObject face = new JsonObject();
			JsonArray box = new JsonArray();
			for (double v : new double[] { f.x1(), f.y1(), f.x2(), f.y2() }) {
				box.add(round(v));
			}
			face.add("box", box);
			face.addProperty("score", Math.round(f.score() * 10000) / 10000.0);
			JsonArray landmarks = new JsonArray();
			for (Point p : f.landmarks()) {
				JsonArray point = new JsonArray();
				point.add(round(p.x()));
				point.add(round(p.y()));
				landmarks.add(point);
			}
			face.add("landmarks", landmarks);
			array.add(face);
		}
		o.add("faces", array);
		return o;
	}

	private static double round(double v) {
		return Math.round(v * 10) / 10.0;
	}

	/** A copy with each box drawn in green and its landmarks in one colour each (eyes, nose, mouth). */
	static ImageRaster annotate(ImageRaster raster, List<FaceBox> faces) {
		BufferedImage image = ImageFiles.toBufferedImage(raster.channels() == 3 ? raster : toRgb(raster));
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			float line = Math.max(2f, raster.width() / 500f);
			g.setStroke(new BasicStroke(line));
			Color[] colors = { Color.RED, Color.BLUE, Color.YELLOW, Color.MAGENTA, Color.CYAN };
			for (FaceBox f : faces) {
				g.setColor(Color.GREEN);
				g.drawRect((int) Math.round(f.x1()), (int) Math.round(f.y1()), (int) Math.round(f.width()), (int) Math.round(f.height()));
				int r = (int) Math.max(3, f.width() / 40);
				for (int i = 0; i < f.landmarks().size(); i++) {
					Point p = f.landmarks().get(i);
					g.setColor(colors[i]);
					g.fillOval((int) Math.round(p.x()) - r, (int) Math.round(p.y()) - r, 2 * r, 2 * r);
				}
			}
		} finally {
			g.dispose();
		}
		return ImageFiles.toRaster(image, false);
	}

	private static ImageRaster toRgb(ImageRaster gray) {
		byte[] rgb = new byte[gray.pixels().length * 3];
		for (int i = 0; i < gray.pixels().length; i++) {
			rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = gray.pixels()[i];
		}
		return new ImageRaster(gray.width(), gray.height(), 3, rgb);
	}
}
