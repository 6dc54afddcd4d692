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
import java.util.OptionalInt;

import facet.cli.ExitCodes;
import facet.core.ExpressionClass;
import facet.core.FaceBox;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.RunStore;
import facet.core.spi.DetectorFactory;
import facet.core.spi.FaceDetector;
import facet.engine.heatmap.AttentionMap;
import facet.engine.heatmap.Colormap;
import facet.engine.heatmap.FaceAttention;
import facet.engine.heatmap.FaceAttentionSummary;
import facet.engine.heatmap.FaceRegions;
import facet.engine.heatmap.GradCam;
import facet.engine.heatmap.Heatmap;
import facet.engine.heatmap.HeatmapRenderer;
import facet.engine.heatmap.MeanHeatmaps;
import facet.engine.heatmap.ModelHeatmaps;
import facet.engine.heatmap.SquareCrop;
import facet.engine.run.TrainedModel;

/**
 * {@code facet heatmap}: where a model looks. Faces are found with a detector (default mtcnn),
 * cut as squares around their boxes, and explained with Grad-CAM, Grad-CAM++ or the model's own
 * attention modules. Writes, per face and map, the map over the face crop (channel attention:
 * a bar chart of the top channels); per image and spatial map, the maps projected back onto the
 * photo; per class, the mean map over all faces. With landmarks it prints how much of each map
 * lies on the eyes, brows and mouth ({@link FaceRegions}), per face and per class.
 */
final class HeatmapCommand implements Command {

	private static final String DEFAULT_DETECTOR = "mtcnn";
	private static final String ATTENTION = "attention";
	/** Maps are measured at this resolution over the face square: fine enough for the region ellipses. */
	private static final int MEASURE_SIZE = 128;
	/** Small crops are enlarged to this side for the pictures, so that a 7×7 map is still readable. */
	private static final int MIN_PICTURE = 224;
	private static final int TOP_CHANNELS = 24;

	@Override
	public String name() {
		return "heatmap";
	}

	@Override
	public String usage() {
		return "heatmap --model RUN|pretrained [--method gradcam|gradcam++|attention] [--stage S] [--class C] [--opacity A] "
				+ "[--colormap turbo|jet] [--detector ID | --no-detect] [--out DIR] [--runs DIR] IMAGE_OR_FOLDER...";
	}

	@Override
	public String summary() {
		return "Grad-CAM, Grad-CAM++ or attention-module heatmaps of a model on detected faces, and how much lands on eyes, brows, mouth";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		String modelName = args.option("--model");
		String methodText = args.option("--method");
		String stage = args.option("--stage");
		String classText = args.option("--class");
		String opacityText = args.option("--opacity");
		String colormapText = args.option("--colormap");
		String detectorId = args.option("--detector");
		boolean noDetect = args.flag("--no-detect");
		String outText = args.option("--out");
		RunStore store = TrainCommand.store(args.option("--runs"));
		List<String> inputs = args.positional();
		if (modelName == null) {
			throw new UsageException("heatmap: --model RUN|pretrained is required");
		}
		if (inputs.isEmpty()) {
			throw new UsageException("heatmap: give at least one image or folder");
		}
		String method = methodText == null ? "gradcam" : methodText.toLowerCase(Locale.ROOT);
		GradCam.Method gradient = null;
		if (!method.equals(ATTENTION)) {
			try {
				gradient = GradCam.Method.of(method);
			} catch (IllegalArgumentException e) {
				throw new UsageException("heatmap: --method " + methodText + ": expected gradcam, gradcam++ or attention");
			}
		}
		OptionalInt targetClass = OptionalInt.empty();
		if (classText != null) {
			ExpressionClass c = ExpressionClass.fromName(classText)
					.orElseThrow(() -> new UsageException("heatmap: --class " + classText + ": expected one of " + labels()));
			targetClass = OptionalInt.of(c.ordinal());
		}
		double opacity = opacityText == null ? 0.5 : parseOpacity(opacityText);
		HeatmapRenderer renderer;
		try {
			renderer = new HeatmapRenderer(colormapText == null ? Colormap.TURBO : Colormap.named(colormapText), opacity);
		} catch (IllegalArgumentException e) {
			throw new UsageException("heatmap: --colormap: " + e.getMessage());
		}
		if (noDetect && detectorId != null) {
			throw new UsageException("heatmap: --detector and --no-detect exclude each other");
		}

		Inputs expanded = Inputs.expand(name(), inputs, err);
		List<Path> images = expanded.stillImages();
		Path outDir = outText != null ? Path.of(outText)
				: modelName.equals("pretrained") ? Path.of("heatmaps") : runFolder(modelName, store).resolve("heatmaps");

		ModuleRegistry registry = ModuleRegistry.getDefault();
		FaceDetector detector = noDetect ? null : detector(registry, detectorId == null ? DEFAULT_DETECTOR : detectorId);
		int written = 0;
		int skipped = 0;
		Map<String, FaceAttentionSummary> summaries = new LinkedHashMap<>();
		Map<String, MeanHeatmaps> means = new LinkedHashMap<>();
		try (TrainedModel model = PredictCommand.open(modelName, store)) {
			ModelHeatmaps heatmaps = new ModelHeatmaps(model);
			if (stage != null && !heatmaps.stages().contains(stage)) {
				throw new UsageException("heatmap: --stage " + stage + ": the model's stages are " + String.join(", ", heatmaps.stages()));
			}
			if (gradient == null && stage != null) {
				err.println("facet heatmap: --stage is ignored with --method attention (each module's map is at its own stage)");
			}
			Files.createDirectories(outDir);
			for (Path image : images) {
				ImageRaster photo;
				List<FaceBox> faces;
				try {
					photo = ImageFiles.read(image, false);
					faces = detector == null ? List.of(FaceBox.of(0, 0, photo.width(), photo.height(), 1))
							: detector.detect(photo);
				} catch (IOException | RuntimeException e) {
					expanded.failed(image, e);
					continue;
				}
				expanded.succeeded();
				if (faces.isEmpty()) {
					err.println("facet heatmap: " + image + ": no face found, skipped");
					skipped++;
					continue;
				}
				List<SquareCrop> squares = new ArrayList<>();
				List<ImageRaster> crops = new ArrayList<>();
				for (FaceBox face : faces) {
					SquareCrop square = detector == null ? new SquareCrop(0, 0, Math.max(photo.width(), photo.height()))
							: SquareCrop.around(face, 1.0);
					squares.add(square);
					crops.add(square.extract(photo));
				}
				List<List<NamedMap>> maps = maps(heatmaps, crops, stage, gradient, targetClass);
				String stem = stem(image);
				for (int f = 0; f < faces.size(); f++) {
					FaceBox face = faces.get(f);
					ImageRaster picture = enlarged(crops.get(f));
					StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s face %d:", image, f + 1));
					for (NamedMap map : maps.get(f)) {
						line.append(String.format(Locale.ROOT, " %s %s", map.name, map.group));
						Path file = outDir.resolve(stem + ".face" + (f + 1) + "." + map.name + ".png");
						if (map.heatmap == null) {
							ImageFiles.writePng(HeatmapRenderer.channelBars(map.channels, TOP_CHANNELS,
									image.getFileName() + " face " + (f + 1) + ": " + map.name + " channel weights"), file);
							written++;
							continue;
						}
						if (map.attention) {
							line.append(String.format(Locale.ROOT, " (values %.3f-%.3f)", map.heatmap.min(), map.heatmap.max()));
						}
						ImageFiles.writePng(renderer.overlay(picture, map.picture()), file);
						written++;
						means.computeIfAbsent(map.name, n -> new MeanHeatmaps(MEASURE_SIZE, MEASURE_SIZE)).add(map.group, map.heatmap);
						if (face.hasLandmarks()) {
							FaceAttention on = new FaceRegions(squares.get(f).toMap(face.landmarks(), MEASURE_SIZE))
									.measure(map.heatmap.resized(MEASURE_SIZE, MEASURE_SIZE));
							summaries.computeIfAbsent(map.name, n -> new FaceAttentionSummary()).add(map.group, on);
							line.append(" [").append(on).append(']');
						}
					}
					out.println(line);
				}
				written += writeProjected(photo, squares, maps, renderer, outDir, stem);
			}
		} finally {
			if (detector != null) {
				detector.close();
			}
		}
		for (Map.Entry<String, MeanHeatmaps> entry : means.entrySet()) {
			for (Map.Entry<String, Heatmap> mean : entry.getValue().means().entrySet()) {
				if (entry.getValue().count(mean.getKey()) < 2) {
					continue;
				}
				// attention means drawn scaled to their maximum, as each face's attention map is
				Heatmap picture = gradient == null ? mean.getValue().normalized() : mean.getValue();
				ImageFiles.writePng(renderer.colorize(picture, MIN_PICTURE, MIN_PICTURE),
						outDir.resolve("mean." + entry.getKey() + "." + mean.getKey() + ".png"));
				written++;
			}
		}
		for (Map.Entry<String, FaceAttentionSummary> entry : summaries.entrySet()) {
			out.println();
			out.println("attention on the face, " + entry.getKey() + " (" + model(modelName) + "): share of map mass in each region, "
					+ "pointing-game hit rate; 'uniform' is what an even map would score");
			out.print(entry.getValue().table(gradient == null ? "predicted" : targetClass.isPresent() ? "class" : "predicted"));
		}
		out.println();
		out.println("wrote " + written + " picture(s) to " + outDir.toAbsolutePath().normalize());
		if (skipped > 0) {
			out.println(skipped + " image(s) without a face were skipped");
		}
		if (expanded.failures() > 0) {
			return expanded.exitStatus();
		}
		return written > 0 ? ExitCodes.OK : ExitCodes.FAILURE;
	}

	/**
	 * One map of one face: a spatial heatmap, or channel weights alone. An attention module's
	 * spatial map is measured as it is but drawn scaled to its maximum ({@link AttentionMap#spatialPicture()}).
	 */
	private record NamedMap(String name, String group, Heatmap heatmap, float[] channels, boolean attention) {

		Heatmap picture() {
			return attention ? heatmap.normalized() : heatmap;
		}
	}

	/** Per face, its maps: one Grad-CAM map, or one per attention module. */
	private static List<List<NamedMap>> maps(ModelHeatmaps heatmaps, List<ImageRaster> crops, String stage, GradCam.Method gradient,
			OptionalInt targetClass) throws IOException {
		List<List<NamedMap>> result = new ArrayList<>();
		if (gradient != null) {
			String s = stage == null ? heatmaps.defaultStage() : stage;
			String name = gradient.id().replace("++", "pp") + "-" + s;
			for (GradCam.ClassMap m : heatmaps.gradCam(crops, s, gradient, targetClass)) {
				result.add(List.of(new NamedMap(name, ExpressionClass.ofIndex(m.targetClass()).label(), m.map(), null, false)));
			}
			return result;
		}
		List<List<AttentionMap>> attention = heatmaps.attention(crops);
		List<float[]> probabilities = heatmaps.model().predict(crops);
		if (attention.stream().allMatch(List::isEmpty)) {
			throw new IOException("the model has no attention module with a map; use --method gradcam or gradcam++");
		}
		for (int f = 0; f < crops.size(); f++) {
			String predicted = ExpressionClass.mostProbable(probabilities.get(f)).label();
			List<NamedMap> face = new ArrayList<>();
			for (AttentionMap m : attention.get(f)) {
				face.add(new NamedMap(m.name(), predicted, m.spatial(), m.channelWeights(), true));
			}
			result.add(face);
		}
		return result;
	}

	/** Per spatial map, the photo with every face's map projected at its square. */
	private static int writeProjected(ImageRaster photo, List<SquareCrop> squares, List<List<NamedMap>> maps, HeatmapRenderer renderer,
			Path outDir, String stem) throws IOException {
		int written = 0;
		for (int m = 0; m < maps.get(0).size(); m++) {
			if (maps.get(0).get(m).heatmap == null) {
				continue;
			}
			ImageRaster picture = photo;
			for (int f = 0; f < squares.size(); f++) {
				picture = renderer.project(picture, squares.get(f), maps.get(f).get(m).picture());
			}
			ImageFiles.writePng(picture, outDir.resolve(stem + "." + maps.get(0).get(m).name + ".png"));
			written++;
		}
		return written;
	}

	private static ImageRaster enlarged(ImageRaster crop) {
		if (crop.width() >= MIN_PICTURE) {
			return crop;
		}
		return ImageFiles.resize(crop, MIN_PICTURE, Math.max(1, crop.height() * MIN_PICTURE / crop.width()));
	}

	private static String stem(Path image) {
		String name = image.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}

	private static Path runFolder(String name, RunStore store) throws UsageException {
		try {
			return store.open(name).folder();
		} catch (IOException e) {
			throw new UsageException("--model " + name + ": " + e.getMessage());
		}
	}

	private static FaceDetector detector(ModuleRegistry registry, String id) throws Exception {
		ModuleDescriptor module = registry.find(ModuleKind.DETECTOR, id)
				.orElseThrow(() -> new UsageException("heatmap: " + registry.unknownMessage(ModuleKind.DETECTOR, id)));
		return module.factory(DetectorFactory.class).create(DetectCommand.settings("heatmap", module, Map.of()));
	}

	private static String labels() {
		List<String> labels = new ArrayList<>();
		for (ExpressionClass c : ExpressionClass.values()) {
			labels.add(c.label());
		}
		return String.join(", ", labels);
	}

	private static double parseOpacity(String text) throws UsageException {
		try {
			double value = Double.parseDouble(text.trim());
			if (value >= 0 && value <= 1) {
				return value;
			}
		} catch (NumberFormatException e) {
			// reported below
		}
		throw new UsageException("heatmap: --opacity expects a number in [0, 1], got \"" + text + "\"");
	}

	private static String model(String name) {
		return name.equals("pretrained") ? "pretrained model" : "run " + name;
	}
}
