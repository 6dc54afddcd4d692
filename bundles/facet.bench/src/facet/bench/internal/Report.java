package facet.bench.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import javax.imageio.ImageIO;

import com.google.gson.JsonObject;

/** Turns the results of the benchmark processes into a Markdown report and two PNG charts. */
public final class Report {

	public static final String MODEL_CHART = "model-scaling.png";
	public static final String DETECTOR_CHART = "detector-scaling.png";

	private Report() {
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

	/**
	 * The Markdown report of one suite run, and its curves as PNG files in {@code charts}.
	 *
	 * @param load0 the load average before the run
	 */
	public static String report(List<JsonObject> all, int cores, String cpu, String load0, Path charts) throws IOException {
		StringBuilder out = new StringBuilder();
		JsonObject hw = of(all, "hardware").stream().findFirst().orElse(new JsonObject());
		if (!hw.has("cpu")) {
			hw.addProperty("cpu", cpu);
		}
		out.append(String.format(Locale.ROOT, "CPU: %s, %d cores, %s threads available to the JVM; %s %s; Java %s; OMP_NUM_THREADS=%d unless noted; "
				+ "load average before: %s, after: %s (other processes share this machine: read the ratios, not the absolute numbers).%n%n",
				str(hw, "cpu"), cores, str(hw, "threads"), str(hw, "engine"), str(hw, "engineVersion"), System.getProperty("java.version"), cores,
				load0, loadAverage()));

		out.append("### Models: Facet against a bare DJL loop on the same network (batch of the experiment, random batches)\n\n");
		out.append("| model | input | parameters | MFLOPs/image | train Facet (img/s) | train raw | Facet/raw | infer Facet (img/s) | infer raw | Facet/raw "
				+ "| raw train, 1 thread | raw infer, 1 thread | train ×threads | infer ×threads | peak RSS at batch 64 (MiB) |\n");
		out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		for (String model : Measurements.MODELS) {
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
				+ "normalization, softmax); \"raw\" is Trainer.evaluate on a ready NDArray. Both are measured raw, Facet, raw, Facet and the best of each is kept. FLOPs: convolution and linear layers only, "
				+ "2 per multiply-add, from the shapes each block was initialized with. ×threads: raw throughput with "
				+ cores + " OpenMP threads over 1 (separate processes).\n\n");

		Optional<JsonObject> pipe = of(all, "pipeline").stream().findFirst();
		if (pipe.isPresent()) {
			out.append("### Data pipeline against training\n\n| model | Facet training (img/s) | pipeline cached (img/s) | cached/training | pipeline uncached (img/s) | uncached/training |\n|---|---|---|---|---|---|\n");
			for (String model : Measurements.MODELS) {
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
			// older results have no split
			String split = a.has("detectMs") ? String.format(Locale.ROOT, " (detection %.1f ms of it)", a.get("detectMs").getAsDouble()) : "";
			out.append(String.format(Locale.ROOT, "| analyze: %s | %.1f (%.1f fps)%s | %.1f (15 fps) | **%.2f** | %d |%n", str(a, "chain"), ms, 1000 / ms,
					split, 1000 / 15.0, ms / (1000 / 15.0), a.get("faces").getAsInt()));
		}
		for (JsonObject a : of(all, "analyze-stream")) {
			double pipelined = a.get("pipelinedMs").getAsDouble();
			double sequential = a.get("sequentialMs").getAsDouble();
			out.append(String.format(Locale.ROOT,
					"| analyze command chain, %d VGA JPEG frames: decode, mtcnn, crop, face-api expression, annotate, write PNG; "
							+ "pipelined (FramePipeline), %.0f ms (%.1f fps) one stage after another%s | %.1f (%.1f fps) | %.1f (15 fps) | **%.2f** | |%n",
					a.get("frames").getAsInt(), sequential, 1000 / sequential,
					a.get("failures").getAsInt() > 0 ? ", " + a.get("failures").getAsInt() + " frame(s) FAILED" : "", pipelined, 1000 / pipelined,
					1000 / 15.0, pipelined / (1000 / 15.0)));
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
			ImageIO.write(image, "png", charts.resolve(MODEL_CHART).toFile());
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
			ImageIO.write(image, "png", charts.resolve(DETECTOR_CHART).toFile());
		}
		out.append("\nCurves: ").append(charts.resolve(MODEL_CHART)).append(", ").append(charts.resolve(DETECTOR_CHART)).append(".\n");
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

	/** The 1, 5 and 15 minute load averages, or "unknown" off Linux. */
	public static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		} catch (IOException e) {
			return "unknown";
		}
	}
}
