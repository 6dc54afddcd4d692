package facet.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import facet.cli.ExitCodes;
import facet.core.FaceBox;
import facet.core.detection.AnnotatedFace;
import facet.core.detection.DetectionAnnotations;
import facet.core.detection.DetectionEvaluation;
import facet.core.detection.DetectionEvaluation.CurvePoint;
import facet.core.detection.DetectionEvaluation.ImageMatch;
import facet.core.detection.DetectionEvaluation.MatchedDetection;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ModuleSettings;
import facet.core.runs.AtomicFiles;
import facet.core.spi.DetectorFactory;
import facet.core.spi.FaceDetector;

/**
 * {@code facet detect-eval}: one detector against face-box annotations: precision, recall,
 * average precision at an IoU threshold, recall at one false positive per image, time per
 * image; the precision–recall curve as PNG and CSV, and the matches as TSV.
 */
final class DetectEvalCommand implements Command {

	static final double DEFAULT_IOU = 0.5;

	@Override
	public String name() {
		return "detect-eval";
	}

	@Override
	public String usage() {
		return "detect-eval [--detector ID] [--param K=V]... --annotations FILE [--images DIR] [--iou 0.5] [--min-face PX] [--out DIR]";
	}

	@Override
	public String summary() {
		return "score a detector on WIDER FACE, FDDB or CSV/TSV box annotations (precision, recall, AP, PR curve)";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws UsageException, ModuleException, IOException {
		String id = args.option("--detector");
		id = id == null ? "mtcnn" : id;
		var raw = DetectCommand.params(name(), args);
		String annotationsText = args.option("--annotations");
		String imagesText = args.option("--images");
		double iou = DetectionBenchmark.parseDouble(name(), "--iou", args.option("--iou"), DEFAULT_IOU, 0.01, 1);
		double minFace = DetectionBenchmark.parseDouble(name(), "--min-face", args.option("--min-face"), DetectionEvaluation.DEFAULT_MIN_FACE_SIZE, 0,
				1e6);
		String outText = args.option("--out");
		if (!args.positional().isEmpty()) {
			throw new UsageException(name() + ": unexpected argument '" + args.positional().get(0) + "'");
		}
		ModuleRegistry registry = ModuleRegistry.getDefault();
		String detectorId = id;
		ModuleDescriptor module = registry.find(ModuleKind.DETECTOR, id)
				.orElseThrow(() -> new UsageException(name() + ": " + registry.unknownMessage(ModuleKind.DETECTOR, detectorId)));
		ModuleSettings settings = DetectCommand.settings(name(), module, raw);
		DetectionAnnotations annotations = DetectionBenchmark.annotations(name(), annotationsText);
		Path images = DetectionBenchmark.imagesFolder(imagesText, annotations);
		Path outDir = Path.of(outText != null ? outText : "detect-eval-" + id);

		DetectionBenchmark.Outcome outcome;
		try (FaceDetector detector = module.factory(DetectorFactory.class).create(settings)) {
			outcome = DetectionBenchmark.run(detector, annotations, images, new DetectionEvaluation(iou, minFace), false, err);
		}
		DetectionEvaluation.Result result = outcome.evaluation().result();
		int ignoredFaces = annotations.faceCount() - result.positives();
		out.printf(Locale.ROOT, "detector %s on %s: %d images, %d faces (%d ignored: marked invalid or shorter side < %.0f px), IoU %.2f%n", id,
				annotations.file(), result.images(), result.positives(), ignoredFaces, minFace, iou);
		List<String> v = DetectionBenchmark.fmt(result.precision(), result.recall(), result.averagePrecision(), result.recallAtFalsePositivesPerImage(1));
		out.printf(Locale.ROOT, "precision %s  recall %s  AP@%.2f %s  recall@1FP/image %s%n", v.get(0), v.get(1), iou, v.get(2), v.get(3));
		out.printf(Locale.ROOT, "detections: %d true, %d false, %d on ignored faces; %d faces missed%n", result.truePositives(),
				result.falsePositives(), result.ignoredDetections(), result.positives() - result.truePositives());
		out.printf(Locale.ROOT, "ms per image %s (mean of full-size detections after one untimed warm-up)%n",
				Double.isNaN(outcome.msPerImage()) ? "n/a" : String.format(Locale.ROOT, "%.1f", outcome.msPerImage()));

		Files.createDirectories(outDir);
		writeCurve(result, outDir.resolve("pr-curve.csv"));
		writeMatches(outcome.evaluation(), outDir.resolve("matches.tsv"));
		String renderer = PrCurveChart.write(String.format(Locale.ROOT, "%s: AP@%.2f %s", id, iou, v.get(2)), List.of(series(id, result)),
				outDir.resolve("pr-curve.png"));
		out.println("wrote " + outDir.resolve("pr-curve.png") + " (" + renderer + "), pr-curve.csv, matches.tsv");
		if (outcome.failedImages() > 0) {
			err.println("facet " + name() + ": " + outcome.failedImages() + " of " + annotations.images().size()
					+ " image(s) failed; their faces count as missed");
			return ExitCodes.FAILURE;
		}
		return ExitCodes.OK;
	}

	static PrCurveChart.Series series(String name, DetectionEvaluation.Result result) {
		List<CurvePoint> curve = result.curve();
		double[] recall = new double[curve.size()];
		double[] precision = new double[curve.size()];
		for (int i = 0; i < curve.size(); i++) {
			recall[i] = curve.get(i).recall();
			precision[i] = curve.get(i).precision();
		}
		return new PrCurveChart.Series(name, recall, precision);
	}

	static void writeCurve(DetectionEvaluation.Result result, Path file) throws IOException {
		StringBuilder csv = new StringBuilder("threshold,truePositives,falsePositives,precision,recall\n");
		for (CurvePoint p : result.curve()) {
			csv.append(String.format(Locale.ROOT, "%.6f,%d,%d,%.6f,%.6f%n", p.threshold(), p.truePositives(), p.falsePositives(), p.precision(),
					p.recall()));
		}
		AtomicFiles.write(file, csv.toString());
	}

	/** Every detection with its outcome, then every missed face, one per line. */
	static void writeMatches(DetectionEvaluation evaluation, Path file) throws IOException {
		StringBuilder tsv = new StringBuilder("image\tkind\tx1\ty1\tx2\ty2\tscore\tiou\n");
		for (ImageMatch match : evaluation.matches()) {
			for (MatchedDetection d : match.detections()) {
				row(tsv, match.image(), d.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'), d.box(), d.box().score(), d.iou());
			}
			for (AnnotatedFace face : match.missed()) {
				row(tsv, match.image(), "missed", face.box(), Double.NaN, Double.NaN);
			}
		}
		AtomicFiles.write(file, tsv.toString());
	}

	private static void row(StringBuilder tsv, String image, String kind, FaceBox b, double score, double iou) {
		tsv.append(String.format(Locale.ROOT, "%s\t%s\t%.1f\t%.1f\t%.1f\t%.1f\t%s\t%s%n", image, kind, b.x1(), b.y1(), b.x2(), b.y2(),
				Double.isNaN(score) ? "" : String.format(Locale.ROOT, "%.4f", score), Double.isNaN(iou) ? "" : String.format(Locale.ROOT, "%.3f", iou)));
	}
}
