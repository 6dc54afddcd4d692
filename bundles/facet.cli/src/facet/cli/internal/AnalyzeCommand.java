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
import java.util.Optional;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import facet.cli.ExitCodes;
import facet.core.ExpressionClass;
import facet.core.Point;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ModuleSettings;
import facet.core.runs.AtomicFiles;
import facet.core.spi.DetectorFactory;
import facet.core.spi.FaceDetector;
import facet.engine.analyze.FaceAnalyzer;
import facet.engine.analyze.MediaInputs;
import facet.engine.run.TrainedModel;
import facet.engine.sweep.Shards;
import facet.engine.sweep.ShardedAnalysis;

/**
 * {@code facet analyze}: detect → crop → classify on images, folders, videos and image sequences,
 * writing an annotated copy of each picture and one row per face (with the frame's index for a
 * video or sequence). A bad image or frame is named and the batch goes on; the exit status is 1
 * when any input failed.
 */
final class AnalyzeCommand implements Command {

	private static final String DEFAULT_DETECTOR = "mtcnn";

	@Override
	public String name() {
		return "analyze";
	}

	@Override
	public String usage() {
		return "analyze [--detector ID] [--param K=V]... [--model RUN|pretrained] [--margin M] [--shard K/N] [--inputs LIST] [--out DIR] [--json] IMAGE_OR_FOLDER|VIDEO|SEQUENCE..."
				+ " | analyze --executor local|slurm --shards N [--parallel P] [--partition P] [--time T] [--cpus C] [--mem M] [--no-wait] [options above] INPUTS..."
				+ " | analyze --merge DIR";
	}

	@Override
	public String summary() {
		return "detect faces, classify their expressions, write annotated images and one row per face";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		String mergeFolder = args.option("--merge");
		if (mergeFolder != null) {
			boolean json = args.flag("--json");
			if (!args.positional().isEmpty()) {
				throw new UsageException("analyze: --merge DIR takes no inputs (they are listed in DIR/shards/inputs.txt)");
			}
			return merge(Path.of(mergeFolder), json, out, err);
		}
		String executor = args.option("--executor");
		if (executor != null) {
			return ShardedAnalyzeCommand.run(executor, args, out, err);
		}
		boolean json = args.flag("--json");
		String detectorId = Optional.ofNullable(args.option("--detector")).orElse(DEFAULT_DETECTOR);
		String modelName = Optional.ofNullable(args.option("--model")).orElse("pretrained");
		String marginText = args.option("--margin");
		Path outDir = Path.of(Optional.ofNullable(args.option("--out")).orElse("analyze-out"));
		String runs = args.option("--runs");
		String shardText = args.option("--shard");
		Map<String, String> raw = DetectCommand.params(name(), args);
		String inputList = args.option("--inputs");
		List<String> inputs = new ArrayList<>(args.positional());
		if (inputList != null) {
			inputs.addAll(readInputList(Path.of(inputList)));
		}
		if (inputs.isEmpty()) {
			throw new UsageException("analyze: give at least one image or folder");
		}
		double margin;
		try {
			margin = marginText == null ? 0.0 : Double.parseDouble(marginText);
		} catch (NumberFormatException e) {
			throw new UsageException("analyze: --margin expects a number, got \"" + marginText + "\"");
		}
		ModuleRegistry registry = ModuleRegistry.getDefault();
		ModuleDescriptor module = registry.find(ModuleKind.DETECTOR, detectorId)
				.orElseThrow(() -> new UsageException("analyze: " + registry.unknownMessage(ModuleKind.DETECTOR, detectorId)));
		ModuleSettings settings = DetectCommand.settings(name(), module, raw);
		Inputs expanded = Inputs.expand(name(), inputs, err);
		if (shardText != null) {
			// shard K of N of the sorted inputs, so N processes (or cluster tasks) split a collection
			Shards.Shard shard;
			try {
				shard = Shards.Shard.parse(shardText);
			} catch (IllegalArgumentException e) {
				throw new UsageException("analyze: --shard " + e.getMessage());
			}
			expanded.select(items -> {
				Map<Path, MediaInputs.Input> byPath = new LinkedHashMap<>();
				items.forEach(item -> byPath.putIfAbsent(item.path(), item));
				return Shards.select(new ArrayList<>(byPath.keySet()), shard.k(), shard.n()).stream().map(byPath::get).toList();
			});
		}
		Files.createDirectories(outDir);
		JsonArray results = new JsonArray();
		StringBuilder csv = new StringBuilder("image,frame,face,x1,y1,x2,y2,score,expression");
		for (ExpressionClass c : ExpressionClass.values()) {
			csv.append(",p_").append(c.label());
		}
		csv.append('\n');
		try (FaceDetector detector = module.factory(DetectorFactory.class).create(settings);
				TrainedModel model = PredictCommand.open(modelName, TrainCommand.store(runs))) {
			FaceAnalyzer analyzer = new FaceAnalyzer(detector, Optional.of(model), margin);
			// the detector and the model work on a frame while the last one is annotated and written
			expanded.forEachFrame(false, frame -> analyzer.analyze(frame.file(), frame.raster()), (frame, analysis) -> {
				FaceAnalyzer.writeAnnotated(analysis, frame.raster(), outDir.resolve(DetectCommand.outputName(frame, ".analyzed.png")));
				JsonObject result = toJson(analysis);
				if (!frame.isStill()) {
					// after "image", as the shape lists the fields
					JsonObject ordered = new JsonObject();
					ordered.add("image", result.remove("image"));
					ordered.addProperty("frame", frame.index());
					result.entrySet().forEach(e -> ordered.add(e.getKey(), e.getValue()));
					result = ordered;
				}
				results.add(result);
				String frameText = frame.isStill() ? "" : Integer.toString(frame.index());
				int index = 0;
				for (FaceAnalyzer.Face face : analysis.faces()) {
					csv.append(csvText(frame.file().toString())).append(',').append(frameText).append(',').append(index++);
					for (double v : new double[] { face.box().x1(), face.box().y1(), face.box().x2(), face.box().y2(), face.box().score() }) {
						csv.append(',').append(String.format(Locale.ROOT, "%.2f", v));
					}
					float[] p = face.probabilities().orElse(new float[ExpressionClass.COUNT]);
					csv.append(',').append(ExpressionClass.mostProbable(p).label());
					for (float v : p) {
						csv.append(',').append(String.format(Locale.ROOT, "%.5f", v));
					}
					csv.append('\n');
				}
				if (!json) {
					StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s%s: %d face(s), %.0f ms", frame.file(),
							frame.isStill() ? "" : " frame " + frame.index(), analysis.faces().size(), analysis.milliseconds()));
					for (FaceAnalyzer.Face face : analysis.faces()) {
						float[] p = face.probabilities().orElseThrow();
						ExpressionClass top = ExpressionClass.mostProbable(p);
						line.append(String.format(Locale.ROOT, "; %s %.2f", top.label(), p[top.ordinal()]));
					}
					out.println(line);
				}
			});
		}
		AtomicFiles.write(outDir.resolve("faces.csv"), csv.toString());
		AtomicFiles.write(outDir.resolve("faces.json"), new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(results) + "\n");
		AtomicFiles.write(outDir.resolve(ShardedAnalysis.ERRORS_CSV), ShardedAnalysis.errorsCsv(expanded.errors()));
		if (json) {
			out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(results));
		} else {
			out.println("annotated images, faces.csv, faces.json and errors.csv in " + outDir.toAbsolutePath());
		}
		return expanded.exitStatus();
	}

	/** Images, folders, videos and sequences expanded to their files, in the order given; inputs that cannot be listed are reported and recorded. */
	static List<Path> expand(List<String> inputs, List<ShardedAnalysis.FileError> errors, PrintStream err) {
		List<Path> images = new ArrayList<>();
		for (String input : inputs) {
			try {
				// a video or sequence is one item: its frames stay in one shard
				MediaInputs.expand(input).stream().map(MediaInputs.Input::path).filter(p -> !images.contains(p)).forEach(images::add);
			} catch (IOException e) {
				err.println(e.getMessage());
				errors.add(new ShardedAnalysis.FileError(input, e.getMessage()));
			}
		}
		return images;
	}

	/** {@code --inputs FILE}: one image or folder per line, for collections too large for a command line. */
	static List<String> readInputList(Path file) throws UsageException, IOException {
		if (!Files.isRegularFile(file)) {
			throw new UsageException("analyze: --inputs " + file + ": no such file (expected one image or folder per line)");
		}
		return Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
	}

	/** Joins the shards of a sharded analysis into DIR's faces.csv, faces.json and errors.csv. */
	static int merge(Path folder, boolean json, PrintStream out, PrintStream err) throws IOException, UsageException {
		ShardedAnalysis.Merged merged;
		try {
			merged = ShardedAnalysis.merge(folder);
		} catch (IOException e) {
			err.println("facet analyze: cannot merge " + folder + ": " + e.getMessage());
			return ExitCodes.FAILURE;
		}
		if (json) {
			out.print(Files.readString(folder.resolve(ShardedAnalysis.FACES_JSON)));
		} else {
			out.println("merged " + merged.images() + " image(s), " + merged.faces() + " face(s), " + merged.errors().size() + " error(s) into "
					+ folder.toAbsolutePath() + " (faces.csv, faces.json, errors.csv)");
		}
		for (ShardedAnalysis.FileError e : merged.errors()) {
			err.println(e.error().contains(e.file()) ? e.error() : e.file() + ": " + e.error());
		}
		if (!merged.errors().isEmpty()) {
			err.println("facet analyze: " + merged.errors().size() + " input(s) failed (listed in errors.csv); the others were analysed");
			return ExitCodes.FAILURE;
		}
		return ExitCodes.OK;
	}

	static JsonObject toJson(FaceAnalyzer.Analysis analysis) {
		JsonObject o = new JsonObject();
		o.addProperty("image", analysis.image().toString());
		o.addProperty("width", analysis.width());
		o.addProperty("height", analysis.height());
		o.addProperty("ms", Math.round(analysis.milliseconds() * 10) / 10.0);
		JsonArray faces = new JsonArray();
		for (FaceAnalyzer.Face face : analysis.faces()) {
			JsonObject f = new JsonObject();
			JsonArray box = new JsonArray();
			for (double v : new double[] { face.box().x1(), face.box().y1(), face.box().x2(), face.box().y2() }) {
				box.add(Math.round(v * 10) / 10.0);
			}
			f.add("box", box);
			f.addProperty("score", Math.round(face.box().score() * 10000) / 10000.0);
			JsonArray landmarks = new JsonArray();
			for (Point p : face.box().landmarks()) {
				JsonArray point = new JsonArray();
				point.add(Math.round(p.x() * 10) / 10.0);
				point.add(Math.round(p.y() * 10) / 10.0);
				landmarks.add(point);
			}
			f.add("landmarks", landmarks);
			face.probabilities().ifPresent(p -> f.add("expression", PredictCommand.expression(p)));
			faces.add(f);
		}
		o.add("faces", faces);
		return o;
	}

	private static String csvText(String text) {
		return ShardedAnalysis.csvField(text);
	}
}
