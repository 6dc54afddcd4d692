import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import javax.imageio.ImageIO;

import org.eclipse.core.runtime.IContributor;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.RegistryFactory;
import org.eclipse.core.runtime.spi.RegistryContributor;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.Batchifier;
import facet.core.FaceBox;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.Progress;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.experiment.ModuleRef;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.Run;
import facet.core.runs.RunEnvironment;
import facet.core.runs.RunStore;
import facet.core.spi.Dataset;
import facet.core.spi.DatasetFactory;
import facet.core.spi.DetectorFactory;
import facet.core.spi.FaceDetector;
import facet.engine.data.ChannelStatistics;
import facet.engine.data.DataPipeline;
import facet.engine.data.PipelineModules;
import facet.engine.run.ModelInfo;
import facet.engine.run.NetworkBuilder;
import facet.engine.run.TrainedModel;
import facet.engine.train.BatchSource;
import facet.engine.train.TrainingLoop;
import facet.nn.api.ClassifierHead;
import facet.nn.api.ExpressionNetwork;

/**
 * Facet's benchmark suite, run by releng/benchmarks/run.sh: model throughput through Facet's
 * training loop and TrainedModel against a bare DJL loop on the same network, MXNet with all
 * cores against one OpenMP thread, data pipeline against training, detectors per 640×480 frame,
 * the analyze chain, peak memory per model, and how cost grows with batch, input, image size
 * and face count. Every number that is compared is measured in the same run; ratios are what
 * to read, as absolute times drift on a shared machine.
 * <p>
 * Outside OSGi: the module registry is an Equinox extension registry created in this process and
 * filled with the bundle jars' plugin.xml (module factories load from the class path). The
 * parent process starts one child per measurement group (MXNet reads OMP_NUM_THREADS at start,
 * and peak memory is per process) and collects the children's {@code RESULT {json}} lines.
 */
public class FacetBenchmark {

	static final String[] MODELS = { "model-1", "model-2", "vgg-baseline", "resnet18-baseline" };
	static final Gson GSON = new Gson();
	static boolean quick;
	static Path root = Path.of(".");

	public static void main(String[] args) throws Exception {
		List<String> rest = new ArrayList<>(List.of(args));
		quick = rest.remove("--quick");
		if (!rest.isEmpty() && rest.get(0).equals("--child")) {
			child(rest.subList(1, rest.size()));
			return;
		}
		parent(rest);
	}

	// ---------------------------------------------------------------- parent

	static void parent(List<String> args) throws Exception {
		Path results = null;
		String commit = "unknown";
		Path charts = Path.of("releng/benchmarks");
		for (int i = 0; i < args.size(); i++) {
			switch (args.get(i)) {
				case "--results" -> results = Path.of(args.get(++i));
				case "--commit" -> commit = args.get(++i);
				case "--charts" -> charts = Path.of(args.get(++i));
				default -> throw new IllegalArgumentException("unknown argument '" + args.get(i) + "' (known: --quick, --results FILE, --commit C, --charts DIR)");
			}
		}
		int cores = Runtime.getRuntime().availableProcessors();
		String load0 = loadAverage();
		List<JsonObject> all = new ArrayList<>();
		all.addAll(runChild(Map.of("OMP_NUM_THREADS", String.valueOf(cores)), "models"));
		all.addAll(runChild(Map.of("OMP_NUM_THREADS", "1"), "raw-only"));
		for (String model : MODELS) {
			all.addAll(runChild(Map.of("OMP_NUM_THREADS", String.valueOf(cores)), "memory", model));
		}
		all.addAll(runChild(Map.of("OMP_NUM_THREADS", String.valueOf(cores)), "scaling"));
		all.addAll(runChild(Map.of("OMP_NUM_THREADS", String.valueOf(cores)), "detect"));
		String report = report(all, cores, load0, charts);
		System.out.println();
		System.out.println(report);
		if (results != null) {
			String entry = String.format(Locale.ROOT, "%n## %s, commit %s%s%n%n%s", java.time.LocalDate.now(), commit, quick ? " (quick mode)" : "",
					report);
			appendResults(results, entry);
			System.out.println("appended to " + results);
		}
	}

	/** Appends a section to the results file, creating it when missing, so that earlier runs are kept. */
	static void appendResults(Path file, String entry) throws IOException {
		Files.writeString(file, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

	static List<JsonObject> runChild(Map<String, String> env, String... what) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(System.getProperty("facet.benchmark.source", "releng/benchmarks/FacetBenchmark.java"));
		if (quick) {
			command.add("--quick");
		}
		command.add("--child");
		command.addAll(List.of(what));
		ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
		builder.environment().putAll(env);
		System.out.println("== child " + String.join(" ", what) + " " + env);
		Process process = builder.start();
		List<JsonObject> results = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith("RESULT ")) {
					JsonObject result = GSON.fromJson(line.substring(7), JsonObject.class);
					result.addProperty("omp", env.get("OMP_NUM_THREADS"));
					results.add(result);
				}
				System.out.println("   " + line);
			}
		}
		int status = process.waitFor();
		if (status != 0) {
			System.out.println("   child " + String.join(" ", what) + " failed with status " + status + "; its results so far are kept");
		}
		return results;
	}

	static List<JsonObject> of(List<JsonObject> all, String type) {
		return all.stream().filter(r -> r.get("type").getAsString().equals(type)).toList();
	}

	static Optional<JsonObject> find(List<JsonObject> all, String type, String key, String value) {
		return of(all, type).stream().filter(r -> r.has(key) && r.get(key).getAsString().equals(value)).findFirst();
	}

	static double num(Optional<JsonObject> o, String key) {
		return o.filter(r -> r.has(key)).map(r -> r.get(key).getAsDouble()).orElse(Double.NaN);
	}

	static String report(List<JsonObject> all, int cores, String load0, Path charts) throws IOException {
		StringBuilder out = new StringBuilder();
		JsonObject hw = of(all, "hardware").stream().findFirst().orElse(new JsonObject());
		out.append(String.format(Locale.ROOT, "CPU: %s, %d cores, %s threads available to the JVM; %s %s; Java %s; OMP_NUM_THREADS=%d unless noted; "
				+ "load average before: %s, after: %s (other processes share this machine: read the ratios, not the absolute numbers).%n%n",
				str(hw, "cpu"), cores, str(hw, "threads"), str(hw, "engine"), str(hw, "engineVersion"), System.getProperty("java.version"), cores,
				load0, loadAverage()));

		out.append("### Models: Facet against a bare DJL loop on the same network (batch of the experiment, random batches)\n\n");
		out.append("| model | input | parameters | MFLOPs/image | train Facet (img/s) | train raw | Facet/raw | infer Facet (img/s) | infer raw | Facet/raw "
				+ "| raw train, 1 thread | raw infer, 1 thread | train ×threads | infer ×threads | peak RSS at batch 64 (MiB) |\n");
		out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		for (String model : MODELS) {
			Optional<JsonObject> m = find(all, "model", "model", model);
			Optional<JsonObject> one = find(all, "raw-only", "model", model);
			Optional<JsonObject> mem = find(all, "memory", "model", model);
			if (m.isEmpty()) {
				out.append("| ").append(model).append(" | failed: see the console |||||||||||||\n");
				continue;
			}
			out.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.1f | %.0f | %.0f | **%.2f** | %.0f | %.0f | **%.2f** | %.0f | %.0f | %.2f | %.2f | %.0f |%n",
					model, str(m.get(), "input"), (long) num(m, "parameters"), num(m, "flops") / 1e6, num(m, "facetTrain"), num(m, "rawTrain"),
					num(m, "facetTrain") / num(m, "rawTrain"), num(m, "facetInfer"), num(m, "rawInfer"), num(m, "facetInfer") / num(m, "rawInfer"),
					num(one, "rawTrain"), num(one, "rawInfer"), num(m, "rawTrain") / num(one, "rawTrain"), num(m, "rawInfer") / num(one, "rawInfer"),
					num(mem, "vmHwmKiB") / 1024));
		}
		out.append("\nGoal Facet/raw ≥ 0.9. \"Facet\" training is facet.engine.train.TrainingLoop with the experiment's joint loss and "
				+ "optimizer (FacetOptimizer), batches already on the host; \"raw\" is Trainer + GradientCollector + step with plain "
				+ "softmax cross-entropy and DJL's Adam. \"Facet\" inference is TrainedModel.predict on face crops (resize, preprocessing, "
				+ "normalization, softmax); \"raw\" is Trainer.evaluate on a ready NDArray. FLOPs: convolution and linear layers only, "
				+ "2 per multiply-add, from the shapes each block was initialized with. ×threads: raw throughput with "
				+ cores + " OpenMP threads over 1 (separate processes).\n\n");

		Optional<JsonObject> pipe = of(all, "pipeline").stream().findFirst();
		if (pipe.isPresent()) {
			out.append("### Data pipeline against training\n\n| model | Facet training (img/s) | pipeline cached (img/s) | cached/training | pipeline uncached (img/s) | uncached/training |\n|---|---|---|---|---|---|\n");
			for (String model : MODELS) {
				Optional<JsonObject> m = find(all, "model", "model", model);
				out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | **%.1f×** | %.0f | **%.1f×** |%n", model, num(m, "facetTrain"),
						num(pipe, "imagesPerSecond"), num(pipe, "imagesPerSecond") / num(m, "facetTrain"), num(pipe, "uncachedImagesPerSecond"),
						num(pipe, "uncachedImagesPerSecond") / num(m, "facetTrain")));
			}
			out.append(String.format(Locale.ROOT, "%nGoal ≥ 5×. %s%n%n", str(pipe.get(), "note")));
		}

		out.append("### Detectors and the analyze chain, per 640×480 frame (demo photo sample1 scaled)\n\n| detector | ms per frame | goal (ms) | measured/goal | faces found |\n|---|---|---|---|---|\n");
		for (JsonObject d : of(all, "detector")) {
			if (d.has("skipped")) {
				out.append("| ").append(str(d, "detector")).append(" | skipped: ").append(str(d, "skipped")).append(" | | | |\n");
				continue;
			}
			double goal = d.has("goalMs") ? d.get("goalMs").getAsDouble() : Double.NaN;
			out.append(String.format(Locale.ROOT, "| %s | %.1f | %s | %s | %d |%n", str(d, "detector"), d.get("vgaMs").getAsDouble(),
					Double.isNaN(goal) ? "–" : String.format(Locale.ROOT, "%.0f", goal),
					Double.isNaN(goal) ? "–" : String.format(Locale.ROOT, "**%.2f**", d.get("vgaMs").getAsDouble() / goal), d.get("faces").getAsInt()));
		}
		for (JsonObject a : of(all, "analyze")) {
			if (a.has("skipped")) {
				out.append("| analyze chain | skipped: ").append(str(a, "skipped")).append(" | | | |\n");
				continue;
			}
			double ms = a.get("ms").getAsDouble();
			out.append(String.format(Locale.ROOT, "| analyze: %s | %.1f (%.1f fps) | %.1f (15 fps) | **%.2f** | %d |%n", str(a, "chain"), ms, 1000 / ms,
					1000 / 15.0, ms / (1000 / 15.0), a.get("faces").getAsInt()));
		}
		out.append("\nmeasured/goal ≤ 1 meets the goal. Median of the timed frames after a warm-up; detector defaults as shipped "
				+ "(haar and cascade CNN shrink images wider than 960 px).\n\n");

		// curves
		List<JsonObject> batch = of(all, "batch");
		List<JsonObject> input = of(all, "input");
		List<JsonObject> size = of(all, "detector-size");
		List<JsonObject> faces = of(all, "detector-faces");
		if (!batch.isEmpty()) {
			String model = str(batch.get(0), "model");
			out.append("### How cost grows (raw DJL, ").append(model).append(")\n\n| batch | train (img/s) | infer (img/s) |\n|---|---|---|\n");
			for (JsonObject b : batch) {
				out.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f |%n", b.get("batch").getAsInt(), b.get("train").getAsDouble(), b.get("infer").getAsDouble()));
			}
			out.append("\n| input (batch 32) | train (img/s) | infer (img/s) |\n|---|---|---|\n");
			for (JsonObject b : input) {
				out.append(String.format(Locale.ROOT, "| %d×%d | %.0f | %.0f |%n", b.get("size").getAsInt(), b.get("size").getAsInt(), b.get("train").getAsDouble(),
						b.get("infer").getAsDouble()));
			}
			out.append('\n');
		}
		if (!size.isEmpty()) {
			List<String> detectors = size.stream().map(r -> str(r, "detector")).distinct().toList();
			out.append("| detector | ms at 640×480 | 1280×960 | 1920×1440 | 1 face (640×480 scene) | 2 | 3 | 4 | 5 | 6 |\n|---|---|---|---|---|---|---|---|---|---|\n");
			for (String d : detectors) {
				out.append("| ").append(d);
				for (JsonObject r : size) {
					if (str(r, "detector").equals(d)) {
						out.append(String.format(Locale.ROOT, " | %.1f", r.get("ms").getAsDouble()));
					}
				}
				for (JsonObject r : faces) {
					if (str(r, "detector").equals(d)) {
						out.append(String.format(Locale.ROOT, " | %.1f", r.get("ms").getAsDouble()));
					}
				}
				out.append(" |\n");
			}
			out.append("\nScenes of N faces: N demo-photo faces (from bundles/facet.cli.tests/resources/demo-faces.tsv) tiled on a gray 640×480 canvas.\n");
		}
		Files.createDirectories(charts);
		if (!batch.isEmpty()) {
			BufferedImage image = new BufferedImage(1000, 400, BufferedImage.TYPE_INT_RGB);
			Graphics2D g = canvas(image);
			chart(g, 0, 0, 500, 400, "Throughput vs batch (" + str(batch.get(0), "model") + ", 48×48)", "batch", "images/s",
					Map.of("train", points(batch, "batch", "train"), "infer", points(batch, "batch", "infer")), true);
			chart(g, 500, 0, 500, 400, "Throughput vs input side (batch 32)", "input side (px)", "images/s",
					Map.of("train", points(input, "size", "train"), "infer", points(input, "size", "infer")), false);
			g.dispose();
			ImageIO.write(image, "png", charts.resolve("model-scaling.png").toFile());
		}
		if (!size.isEmpty()) {
			BufferedImage image = new BufferedImage(1000, 400, BufferedImage.TYPE_INT_RGB);
			Graphics2D g = canvas(image);
			Map<String, double[][]> bySize = new LinkedHashMap<>();
			Map<String, double[][]> byFaces = new LinkedHashMap<>();
			for (String d : size.stream().map(r -> str(r, "detector")).distinct().toList()) {
				bySize.put(d, points(size.stream().filter(r -> str(r, "detector").equals(d)).toList(), "width", "ms"));
				byFaces.put(d, points(faces.stream().filter(r -> str(r, "detector").equals(d)).toList(), "faces", "ms"));
			}
			chart(g, 0, 0, 500, 400, "Detector time vs image width", "image width (px)", "ms per image", bySize, false);
			chart(g, 500, 0, 500, 400, "Detector time vs faces (640×480)", "faces in the scene", "ms per image", byFaces, false);
			g.dispose();
			ImageIO.write(image, "png", charts.resolve("detector-scaling.png").toFile());
		}
		out.append("\nCurves: releng/benchmarks/model-scaling.png, releng/benchmarks/detector-scaling.png.\n");
		return out.toString();
	}

	static String str(JsonObject o, String key) {
		return o.has(key) ? o.get(key).getAsString() : "?";
	}

	static double[][] points(List<JsonObject> rows, String x, String y) {
		return rows.stream().map(r -> new double[] { r.get(x).getAsDouble(), r.get(y).getAsDouble() }).toArray(double[][]::new);
	}

	static Graphics2D canvas(BufferedImage image) {
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, image.getWidth(), image.getHeight());
		return g;
	}

	static final Color[] SERIES = { new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd) };

	/** A line chart with linear axes (x logarithmic when {@code logX}), one line per series, legend top left. */
	static void chart(Graphics2D g, int x0, int y0, int w, int h, String title, String xLabel, String yLabel, Map<String, double[][]> series,
			boolean logX) {
		int left = x0 + 70, right = x0 + w - 20, top = y0 + 40, bottom = y0 + h - 50;
		Function<Double, Double> fx = logX ? Math::log : v -> v;
		double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = 0;
		for (double[][] s : series.values()) {
			for (double[] p : s) {
				minX = Math.min(minX, fx.apply(p[0]));
				maxX = Math.max(maxX, fx.apply(p[0]));
				maxY = Math.max(maxY, p[1]);
			}
		}
		if (maxX <= minX) {
			maxX = minX + 1;
		}
		maxY = maxY <= 0 ? 1 : niceCeiling(maxY);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
		g.setColor(Color.BLACK);
		g.drawString(title, x0 + 20, y0 + 16);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
		g.setColor(Color.LIGHT_GRAY);
		for (int i = 0; i <= 5; i++) {
			int y = bottom - (bottom - top) * i / 5;
			g.drawLine(left, y, right, y);
			g.setColor(Color.DARK_GRAY);
			g.drawString(String.format(Locale.ROOT, "%.0f", maxY * i / 5), x0 + 8, y + 4);
			g.setColor(Color.LIGHT_GRAY);
		}
		g.setColor(Color.BLACK);
		g.drawLine(left, bottom, right, bottom);
		g.drawLine(left, top, left, bottom);
		java.util.TreeSet<Double> ticks = new java.util.TreeSet<>();
		series.values().forEach(s -> {
			for (double[] p : s) {
				ticks.add(p[0]);
			}
		});
		for (double t : ticks) {
			int x = (int) (left + (right - left) * (fx.apply(t) - minX) / (maxX - minX));
			g.drawLine(x, bottom, x, bottom + 4);
			g.drawString(String.format(Locale.ROOT, "%.0f", t), x - 10, bottom + 18);
		}
		g.drawString(xLabel, (left + right) / 2 - 40, bottom + 38);
		g.drawString(yLabel, x0 + 8, top - 10);
		int index = 0;
		g.setStroke(new BasicStroke(2f));
		for (Map.Entry<String, double[][]> s : series.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
			g.setColor(SERIES[index % SERIES.length]);
			int px = -1, py = -1;
			for (double[] p : s.getValue()) {
				int x = (int) (left + (right - left) * (fx.apply(p[0]) - minX) / (maxX - minX));
				int y = (int) (bottom - (bottom - top) * p[1] / maxY);
				g.fillOval(x - 3, y - 3, 7, 7);
				if (px >= 0) {
					g.drawLine(px, py, x, y);
				}
				px = x;
				py = y;
			}
			g.fillRect(left + 10, top + 8 + index * 16, 14, 4);
			g.drawString(s.getKey(), left + 30, top + 14 + index * 16);
			index++;
		}
		g.setStroke(new BasicStroke(1f));
	}

	static double niceCeiling(double v) {
		double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
		for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (step * magnitude >= v) {
				return step * magnitude;
			}
		}
		return 10 * magnitude;
	}

	// ---------------------------------------------------------------- children

	static void emit(JsonObject result) {
		System.out.println("RESULT " + GSON.toJson(result));
		System.out.flush();
	}

	static void child(List<String> args) throws Exception {
		root = Path.of(System.getProperty("facet.root", "."));
		ModuleRegistry registry = registry();
		switch (args.get(0)) {
			case "models" -> {
				JsonObject hw = new JsonObject();
				hw.addProperty("type", "hardware");
				hw.addProperty("cpu", RunEnvironment.readCpuModel());
				hw.addProperty("threads", String.valueOf(Runtime.getRuntime().availableProcessors()));
				hw.addProperty("engine", Engine.getInstance().getEngineName());
				hw.addProperty("engineVersion", Engine.getInstance().getVersion());
				emit(hw);
				pipeline(registry);
				for (String model : MODELS) {
					try {
						models(registry, model, true);
					} catch (Exception e) {
						System.out.println(model + " failed: " + e);
						e.printStackTrace(System.out);
					}
				}
			}
			case "raw-only" -> {
				for (String model : MODELS) {
					models(registry, model, false);
				}
			}
			case "memory" -> memory(registry, args.get(1));
			case "scaling" -> scaling(registry);
			case "detect" -> detect(registry);
			default -> throw new IllegalArgumentException("unknown child " + args);
		}
	}

	/** An extension registry of this process, filled with every facet bundle jar's plugin.xml. */
	static ModuleRegistry registry() throws IOException {
		Object token = new Object();
		IExtensionRegistry registry = RegistryFactory.createRegistry(null, token, token);
		List<Path> jars = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
			Path jar = Path.of(entry);
			if (jar.getFileName().toString().startsWith("facet.") && entry.endsWith(".jar")) {
				jars.add(jar);
			}
		}
		// facet.core declares the extension points; it goes first
		jars.sort(Comparator.comparing((Path p) -> !p.getFileName().toString().startsWith("facet.core-")).thenComparing(Path::toString));
		Map<String, Long> order = new HashMap<>();
		for (Path jar : jars) {
			try (ZipFile zip = new ZipFile(jar.toFile())) {
				var entry = zip.getEntry("plugin.xml");
				if (entry == null) {
					continue;
				}
				String name = jar.getFileName().toString().replaceFirst("-[0-9].*$", "");
				IContributor contributor = new RegistryContributor(name, name, null, null);
				order.put(name, (long) order.size());
				try (InputStream in = zip.getInputStream(entry)) {
					registry.addContribution(in, contributor, false, name, null, token);
				}
			}
		}
		ModuleRegistry modules = new ModuleRegistry(registry, c -> "benchmark", c -> order.getOrDefault(c.getName(), 0L));
		if (!modules.problems().isEmpty()) {
			System.out.println("module problems: " + modules.problems());
		}
		return modules;
	}

	static ExperimentSpec experiment(String model) throws Exception {
		return ExperimentFormat.read(root.resolve("examples/" + model + ".facet.json"));
	}

	static int side(ExperimentSpec spec) {
		Object size = spec.dataset().params().get("size");
		return size == null ? 48 : ((Number) size).intValue();
	}

	static int channels(ExperimentSpec spec) {
		return "rgb".equals(spec.dataset().params().get("channels")) ? 3 : 1;
	}

	/** Throughput of one shipped model through Facet and raw DJL, with its parameters and FLOPs. */
	static void models(ModuleRegistry registry, String model, boolean facet) throws Exception {
		ExperimentSpec spec = experiment(model);
		int c = channels(spec), s = side(spec), b = spec.batchSize();
		NetworkBuilder builder = new NetworkBuilder(registry);
		JsonObject r = new JsonObject();
		r.addProperty("type", facet ? "model" : "raw-only");
		r.addProperty("model", model);
		r.addProperty("input", c + "×" + s + "×" + s + ", batch " + b);
		int steps = quick ? (facet ? 4 : 3) : 20;
		int rounds = quick ? 1 : 3;
		double[] raw = rawThroughput(builder.network(spec, c), new Shape(b, c, s, s), steps, rounds, r);
		r.addProperty("rawTrain", raw[0]);
		r.addProperty("rawInfer", raw[1]);
		if (facet) {
			r.addProperty("facetTrain", facetTraining(spec, builder, new Shape(b, c, s, s), steps, rounds + 1));
			r.addProperty("facetInfer", facetInference(spec, registry, c, s, b, steps, rounds));
		}
		System.out.printf(Locale.ROOT, "%s: %s%n", model, r);
		emit(r);
	}

	/** {train, infer} images/s of a bare DJL loop: best of rounds of steps each, after a warm-up round. */
	static double[] rawThroughput(ExpressionNetwork network, Shape shape, int steps, int rounds, JsonObject info) {
		try (Model model = Model.newInstance("raw")) {
			model.setBlock(network);
			Loss loss = Loss.softmaxCrossEntropyLoss();
			try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(Optimizer.adam().build()))) {
				trainer.initialize(shape);
				if (info != null) {
					info.addProperty("parameters", parameters(network));
					info.addProperty("flops", flops(network));
				}
				NDManager manager = trainer.getManager();
				NDArray x = manager.randomUniform(0, 1, shape);
				NDArray y = manager.randomInteger(0, 7, new Shape(shape.get(0)), DataType.INT32).toType(DataType.FLOAT32, false);
				double bestTrain = 0;
				for (int round = 0; round <= rounds; round++) {
					long start = System.nanoTime();
					for (int i = 0; i < steps; i++) {
						try (NDManager sub = manager.newSubManager()) {
							NDArray l;
							try (GradientCollector collector = trainer.newGradientCollector()) {
								NDList out = trainer.forward(new NDList(x));
								l = loss.evaluate(new NDList(y), new NDList(ClassifierHead.logits(out)));
								collector.backward(l);
							}
							trainer.step();
							l.getFloat();
						}
					}
					if (round > 0) {
						bestTrain = Math.max(bestTrain, steps * shape.get(0) / ((System.nanoTime() - start) / 1e9));
					}
				}
				double bestInfer = 0;
				for (int round = 0; round <= rounds; round++) {
					long start = System.nanoTime();
					for (int i = 0; i < steps; i++) {
						try (NDManager sub = manager.newSubManager()) {
							NDList out = trainer.evaluate(new NDList(x));
							ClassifierHead.logits(out).softmax(1).toFloatArray();
							out.close();
						}
					}
					if (round > 0) {
						bestInfer = Math.max(bestInfer, steps * shape.get(0) / ((System.nanoTime() - start) / 1e9));
					}
				}
				return new double[] { bestTrain, bestInfer };
			}
		}
	}

	static long parameters(Block block) {
		long n = 0;
		for (var p : block.getParameters()) {
			if (p.getValue().isInitialized()) {
				n += p.getValue().getArray().size();
			}
		}
		return n;
	}

	/**
	 * FLOPs per image of the convolution and linear layers: 2 per multiply-add, from the input
	 * shape each block was initialized with (out H × out W × out channels × in channels/groups ×
	 * kernel area; in features × out features).
	 */
	static double flops(Block block) {
		double total = 0;
		if (block instanceof Convolution conv) {
			Shape[] in = conv.getInputShapes();
			if (in != null && in.length > 0) {
				Shape out = conv.getOutputShapes(in)[0];
				long spatial = out.size() / out.get(0) / out.get(1); // per image, whatever the batch it was initialized with
				Shape weight = conv.getParameters().get("weight").getArray().getShape();
				long kernel = weight.size() / weight.get(0); // in/groups × kernel area
				total += 2.0 * spatial * out.get(1) * kernel;
			}
		} else if (block instanceof Linear linear) {
			Shape weight = linear.getParameters().get("weight").getArray().getShape();
			total += 2.0 * weight.get(0) * weight.get(1);
		}
		for (var child : block.getChildren().values()) {
			total += flops(child);
		}
		return total;
	}

	/** Random batches of a fixed shape as a BatchSource, as the training loop takes them. */
	static BatchSource randomBatches(Shape shape, int batches, long seed) {
		int n = (int) shape.get(0);
		float[][] data = new float[batches][];
		float[][] labels = new float[batches][];
		java.util.Random random = new java.util.Random(seed);
		for (int i = 0; i < batches; i++) {
			data[i] = new float[(int) shape.size()];
			labels[i] = new float[n];
			for (int j = 0; j < data[i].length; j++) {
				data[i][j] = random.nextFloat();
			}
			for (int j = 0; j < n; j++) {
				labels[i][j] = random.nextInt(7);
			}
		}
		return new BatchSource() {
			@Override
			public int batchesPerEpoch() {
				return batches;
			}

			@Override
			public int size() {
				return batches * n;
			}

			@Override
			public Iterator<Batch> epoch(NDManager manager, int epoch) {
				return new Iterator<>() {
					int index;

					@Override
					public boolean hasNext() {
						return index < batches;
					}

					@Override
					public Batch next() {
						NDManager sub = manager.newSubManager();
						List<String> ids = new ArrayList<>();
						for (int j = 0; j < n; j++) {
							ids.add("s" + (index * n + j));
						}
						Batch batch = new Batch(sub, new NDList(sub.create(data[index], shape)), new NDList(sub.create(labels[index], new Shape(n))), n,
								Batchifier.STACK, Batchifier.STACK, index, batches, ids);
						index++;
						return batch;
					}
				};
			}
		};
	}

	/** Best epoch images/s of Facet's TrainingLoop (the first epoch is warm-up), read from the run's metrics. */
	static double facetTraining(ExperimentSpec spec, NetworkBuilder builder, Shape shape, int steps, int epochs) throws Exception {
		Path dir = Files.createTempDirectory("facet-bench-run");
		try {
			ExpressionNetwork network = builder.network(spec, (int) shape.get(1));
			var loss = builder.loss(spec);
			Run run = new RunStore(dir).create(spec, RunEnvironment.current("MXNet", Engine.getInstance().getVersion(), Map.of()));
			TrainingLoop.Setup setup = new TrainingLoop.Setup(network, loss, shape, spec.optimizer(), spec.schedule(), epochs, spec.seed(),
					randomBatches(shape, steps, spec.seed()), Optional.empty(), 0);
			new TrainingLoop().train(setup, run, Progress.NONE);
			double best = 0;
			List<JsonObject> metrics = run.readMetrics();
			for (int i = 1; i < metrics.size(); i++) {
				best = Math.max(best, metrics.get(i).get("imagesPerSecond").getAsDouble());
			}
			return best;
		} finally {
			delete(dir);
		}
	}

	/** Images/s of TrainedModel.predict on face crops, in batches of the experiment's size. */
	static double facetInference(ExperimentSpec spec, ModuleRegistry registry, int c, int s, int b, int steps, int rounds) throws Exception {
		double[] mean = new double[c], std = new double[c];
		java.util.Arrays.fill(mean, 0.5);
		java.util.Arrays.fill(std, 0.25);
		ModelInfo info = new ModelInfo(c, s, s, new ChannelStatistics(mean, std), 0);
		List<ImageRaster> faces = new ArrayList<>();
		java.util.Random random = new java.util.Random(1);
		for (int i = 0; i < b; i++) {
			byte[] pixels = new byte[s * s * c];
			random.nextBytes(pixels);
			faces.add(new ImageRaster(s, s, c, pixels));
		}
		try (TrainedModel model = TrainedModel.pretrained(spec, info, registry, "benchmark")) {
			double best = 0;
			for (int round = 0; round <= rounds; round++) {
				long start = System.nanoTime();
				for (int i = 0; i < steps; i++) {
					model.predict(faces);
				}
				if (round > 0) {
					best = Math.max(best, steps * b / ((System.nanoTime() - start) / 1e9));
				}
			}
			return best;
		}
	}

	/** Images/s of DataPipeline over the synthetic set of model-1's experiment (48×48 gray), best epoch after the first. */
	static void pipeline(ModuleRegistry registry) throws Exception {
		ExperimentSpec spec = experiment("model-1");
		Map<String, Object> params = new LinkedHashMap<>(spec.dataset().params());
		if (quick) {
			params.put("perClass", 60);
		}
		ModuleDescriptor module = registry.get(ModuleKind.DATASET, spec.dataset().id());
		Dataset dataset = module.factory(DatasetFactory.class).create(module.settings(params));
		int threads = Runtime.getRuntime().availableProcessors();
		JsonObject r = new JsonObject();
		r.addProperty("type", "pipeline");
		int images = 0;
		for (boolean cached : new boolean[] { true, false }) {
			DataPipeline.Builder builder = DataPipeline.builder(dataset).split("train")
					.preprocessors(PipelineModules.operations(registry, ModuleKind.PREPROCESSOR, spec.preprocessors()))
					.augmentations(PipelineModules.operations(registry, ModuleKind.AUGMENTATION, spec.augmentations())).batchSize(spec.batchSize())
					.seed(spec.seed()).threads(threads);
			if (!cached) {
				builder.cacheBytes(0);
			}
			try (DataPipeline pipeline = builder.build()) {
				pipeline.prepare(Progress.NONE);
				images = pipeline.samples().size();
				r.addProperty(cached ? "imagesPerSecond" : "uncachedImagesPerSecond", bestEpoch(pipeline));
			}
		}
		r.addProperty("note", String.format(Locale.ROOT, "Pipeline: model-1's dataset (synthetic, %d train images, 48×48 gray), its preprocessors "
				+ "and augmentations, batch %d, %d worker threads, best epoch after the first; \"cached\" with the default decoded-image cache "
				+ "(as ExperimentRunner builds it), \"uncached\" renders and preprocesses every image every epoch. Both sides run one after the "
				+ "other; during training the pipeline would share the cores with MXNet.", images, spec.batchSize(), threads));
		emit(r);
	}

	static double bestEpoch(DataPipeline pipeline) {
		double best = 0;
		for (int epoch = 0; epoch < 4; epoch++) {
			long start = System.nanoTime();
			int images = 0;
			try (DataPipeline.Epoch batches = pipeline.epoch(epoch, Progress.NONE)) {
				while (batches.hasNext()) {
					images += batches.next().size();
				}
			}
			if (epoch > 0) {
				best = Math.max(best, images / ((System.nanoTime() - start) / 1e9));
			}
		}
		return best;
	}

	/** Peak resident memory (VmHWM) of this process after training a model at batch 64 through Facet's loop. */
	static void memory(ModuleRegistry registry, String model) throws Exception {
		ExperimentSpec spec = experiment(model);
		int c = channels(spec), s = side(spec);
		facetTraining(spec, new NetworkBuilder(registry), new Shape(64, c, s, s), quick ? 2 : 10, quick ? 1 : 2);
		JsonObject r = new JsonObject();
		r.addProperty("type", "memory");
		r.addProperty("model", model);
		for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
			if (line.startsWith("VmHWM:")) {
				r.addProperty("vmHwmKiB", Long.parseLong(line.replaceAll("[^0-9]", "")));
			}
		}
		emit(r);
	}

	/** Raw throughput of vgg-baseline by batch (48×48) and by input side (batch 32). */
	static void scaling(ModuleRegistry registry) throws Exception {
		String model = "vgg-baseline";
		ExperimentSpec spec = experiment(model);
		NetworkBuilder builder = new NetworkBuilder(registry);
		for (int b : new int[] { 1, 8, 32, 64, 128 }) {
			int steps = Math.max(quick ? 1 : 2, (quick ? 64 : 512) / b);
			double[] t = rawThroughput(builder.network(spec, 1), new Shape(b, 1, 48, 48), Math.min(steps, quick ? 8 : 64), quick ? 1 : 2, null);
			JsonObject r = new JsonObject();
			r.addProperty("type", "batch");
			r.addProperty("model", model);
			r.addProperty("batch", b);
			r.addProperty("train", t[0]);
			r.addProperty("infer", t[1]);
			emit(r);
		}
		for (int s : new int[] { 48, 96, 112 }) {
			double[] t = rawThroughput(builder.network(spec, 1), new Shape(32, 1, s, s), quick ? 2 : 8, quick ? 1 : 2, null);
			JsonObject r = new JsonObject();
			r.addProperty("type", "input");
			r.addProperty("model", model);
			r.addProperty("size", s);
			r.addProperty("train", t[0]);
			r.addProperty("infer", t[1]);
			emit(r);
		}
	}

	record Face(String image, int x1, int y1, int x2, int y2) {
	}

	static void detect(ModuleRegistry registry) throws Exception {
		Path cache = Path.of(System.getProperty("facet.cache", System.getProperty("user.home") + "/.cache/facet"));
		Path demo = cache.resolve("face-api/demo");
		ImageRaster photo = ImageFiles.read(demo.resolve("sample1.jpg"), false);
		ImageRaster vga = ImageFiles.resize(photo, 640, 480);
		List<Face> faces = new ArrayList<>();
		for (String line : Files.readAllLines(root.resolve("bundles/facet.cli.tests/resources/demo-faces.tsv"))) {
			String[] f = line.split("\t");
			if (line.startsWith("#") || f.length < 5 || f[0].equals("image")) {
				continue;
			}
			faces.add(new Face(f[0], (int) Double.parseDouble(f[1]), (int) Double.parseDouble(f[2]), (int) Double.parseDouble(f[3]),
					(int) Double.parseDouble(f[4])));
		}
		List<ImageRaster> scenes = new ArrayList<>();
		for (int n = 1; n <= 6; n++) {
			scenes.add(scene(demo, faces, n));
		}
		if (System.getProperty("facet.benchmark.scenes") != null) {
			ImageFiles.writePng(scenes.get(5), Path.of(System.getProperty("facet.benchmark.scenes")));
		}
		int frames = quick ? 3 : 15;
		Map<String, Double> goals = Map.of("mtcnn", 50.0, "haar", 15.0);
		Map<String, String> models = Map.of("viola-jones", System.getenv().getOrDefault("FACET_BENCH_VIOLA_JONES", ""), "cascade-cnn",
				System.getenv().getOrDefault("FACET_BENCH_CASCADE_CNN", ""));
		for (String id : new String[] { "haar", "mtcnn", "viola-jones", "cascade-cnn" }) {
			JsonObject r = new JsonObject();
			r.addProperty("type", "detector");
			r.addProperty("detector", id);
			Map<String, Object> params = new LinkedHashMap<>();
			if (models.containsKey(id)) {
				String file = models.get(id);
				if (file.isEmpty() || !Files.exists(Path.of(file))) {
					r.addProperty("skipped", "no trained model: it ships none; train one with `facet detector train " + id
							+ "` and set FACET_BENCH_" + id.toUpperCase(Locale.ROOT).replace('-', '_') + " to it");
					emit(r);
					continue;
				}
				params.put("model", file);
			}
			ModuleDescriptor module = registry.get(ModuleKind.DETECTOR, id);
			try (FaceDetector detector = module.factory(DetectorFactory.class).create(module.settings(params))) {
				double ms = median(detector, vga, frames);
				r.addProperty("vgaMs", ms);
				r.addProperty("faces", detector.detect(vga).size());
				if (goals.containsKey(id)) {
					r.addProperty("goalMs", goals.get(id));
				}
				emit(r);
				for (int width : new int[] { 640, 1280, 1920 }) {
					JsonObject s = new JsonObject();
					s.addProperty("type", "detector-size");
					s.addProperty("detector", id);
					s.addProperty("width", width);
					s.addProperty("ms", median(detector, ImageFiles.resize(photo, width, width * 3 / 4), width > 640 ? Math.max(3, frames / 3) : frames));
					emit(s);
				}
				for (int n = 1; n <= 6; n++) {
					JsonObject s = new JsonObject();
					s.addProperty("type", "detector-faces");
					s.addProperty("detector", id);
					s.addProperty("faces", n);
					s.addProperty("ms", median(detector, scenes.get(n - 1), frames));
					s.addProperty("found", detector.detect(scenes.get(n - 1)).size());
					emit(s);
				}
			}
		}
		analyze(registry, vga, frames);
	}

	/** Detector, face crops, pretrained expression model: the whole per-frame chain of `facet predict` on a photo. */
	static void analyze(ModuleRegistry registry, ImageRaster frame, int frames) throws Exception {
		JsonObject r = new JsonObject();
		r.addProperty("type", "analyze");
		if (registry.find(ModuleKind.BACKBONE, "faceapi-expression").isEmpty()) {
			r.addProperty("skipped", "facet.nn.faceapi is not built");
			emit(r);
			return;
		}
		ExperimentSpec spec = experiment("faceapi-pretrained");
		ModelInfo info = new ModelInfo(3, 112, 112, new ChannelStatistics(new double[] { 0 }, new double[] { 1 }), 323_687);
		ModuleDescriptor module = registry.get(ModuleKind.DETECTOR, "mtcnn");
		try (FaceDetector detector = module.factory(DetectorFactory.class).create(module.settings(Map.of()));
				TrainedModel model = TrainedModel.pretrained(spec, info, registry, "face-api.js expression model")) {
			double[] times = new double[frames + 1];
			int found = 0;
			for (int i = 0; i <= frames; i++) {
				long start = System.nanoTime();
				List<FaceBox> boxes = detector.detect(frame);
				List<ImageRaster> crops = new ArrayList<>();
				for (FaceBox box : boxes) {
					int x = (int) Math.max(0, box.x1()), y = (int) Math.max(0, box.y1());
					int w = (int) Math.min(frame.width() - x, box.x2() - x), h = (int) Math.min(frame.height() - y, box.y2() - y);
					if (w > 1 && h > 1) {
						crops.add(ImageFiles.crop(frame, x, y, w, h));
					}
				}
				model.predict(crops);
				times[i] = (System.nanoTime() - start) / 1e6;
				found = boxes.size();
			}
			r.addProperty("chain", "mtcnn + crop + face-api expression (TrainedModel)");
			r.addProperty("ms", median(java.util.Arrays.copyOfRange(times, 1, times.length)));
			r.addProperty("faces", found);
			emit(r);
		}
	}

	/** A gray 640×480 scene with n demo faces (with some margin) on a 3×2 grid. */
	static ImageRaster scene(Path demo, List<Face> faces, int n) throws IOException {
		BufferedImage canvas = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = canvas.createGraphics();
		g.setColor(new Color(128, 128, 128));
		g.fillRect(0, 0, 640, 480);
		Map<String, BufferedImage> photos = new HashMap<>();
		for (int i = 0; i < n; i++) {
			Face f = faces.get(i * 3 % faces.size());
			BufferedImage photo = photos.computeIfAbsent(f.image(), name -> {
				try {
					return ImageIO.read(demo.resolve(name).toFile());
				} catch (IOException e) {
					throw new java.io.UncheckedIOException(e);
				}
			});
			int w = f.x2() - f.x1(), h = f.y2() - f.y1();
			int mx = w / 3, my = h / 3;
			int x1 = Math.max(0, f.x1() - mx), y1 = Math.max(0, f.y1() - my);
			int x2 = Math.min(photo.getWidth(), f.x2() + mx), y2 = Math.min(photo.getHeight(), f.y2() + my);
			int cell = 150;
			int cx = 30 + (i % 3) * 205, cy = 40 + (i / 3) * 220;
			double scale = cell / (double) Math.max(x2 - x1, y2 - y1);
			g.drawImage(photo, cx, cy, cx + (int) ((x2 - x1) * scale), cy + (int) ((y2 - y1) * scale), x1, y1, x2, y2, null);
		}
		g.dispose();
		return ImageFiles.toRaster(canvas, false);
	}

	static double median(FaceDetector detector, ImageRaster image, int frames) throws Exception {
		detector.detect(image);
		double[] times = new double[frames];
		for (int i = 0; i < frames; i++) {
			long start = System.nanoTime();
			detector.detect(image);
			times[i] = (System.nanoTime() - start) / 1e6;
		}
		return median(times);
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		java.util.Arrays.sort(sorted);
		return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
	}

	static void delete(Path dir) throws IOException {
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
	}

	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		} catch (IOException e) {
			return "unknown";
		}
	}
}
