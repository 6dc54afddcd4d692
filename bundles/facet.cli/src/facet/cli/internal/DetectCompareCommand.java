package facet.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import facet.cli.ExitCodes;
import facet.core.detection.DetectionAnnotations;
import facet.core.detection.DetectionEvaluation;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.AtomicFiles;
import facet.core.spi.DetectorFactory;
import facet.core.spi.FaceDetector;

/**
 * {@code facet detect-compare}: every installed detector, with its default settings, on the same
 * annotated images, as one table. A detector that cannot be created or run is reported and the
 * others go on.
 */
final class DetectCompareCommand implements Command {

	@Override
	public String name() {
		return "detect-compare";
	}

	@Override
	public String usage() {
		return "detect-compare --annotations FILE [--images DIR] [--iou 0.5] [--min-face PX] [--out DIR]";
	}

	@Override
	public String summary() {
		return "every installed detector on the same annotations: AP, recall at 1 FP/image, ms per 640x480 frame and per photo";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws UsageException, IOException {
		String annotationsText = args.option("--annotations");
		String imagesText = args.option("--images");
		double iou = DetectionBenchmark.parseDouble(name(), "--iou", args.option("--iou"), DetectEvalCommand.DEFAULT_IOU, 0.01, 1);
		double minFace = DetectionBenchmark.parseDouble(name(), "--min-face", args.option("--min-face"), DetectionEvaluation.DEFAULT_MIN_FACE_SIZE, 0,
				1e6);
		String outText = args.option("--out");
		if (!args.positional().isEmpty()) {
			throw new UsageException(name() + ": unexpected argument '" + args.positional().get(0) + "'");
		}
		DetectionAnnotations annotations = DetectionBenchmark.annotations(name(), annotationsText);
		Path images = DetectionBenchmark.imagesFolder(imagesText, annotations);
		List<ModuleDescriptor> detectors = ModuleRegistry.getDefault().modules(ModuleKind.DETECTOR);
		if (detectors.isEmpty()) {
			err.println("facet " + name() + ": no detector is installed");
			return ExitCodes.FAILURE;
		}

		String header = String.format(Locale.ROOT, "%-16s %7s %7s %10s %9s %14s %15s", "detector", "AP", "recall", "precision",
				"R@1FP/img", "ms/640x480", "ms/full photo");
		out.printf(Locale.ROOT, "%d images, %d faces, IoU %.2f, default settings%n", annotations.images().size(), annotations.faceCount(), iou);
		out.println(header);
		StringBuilder csv = new StringBuilder("detector,ap,recall,precision,recallAt1FpPerImage,msPer640x480,msPerPhoto\n");
		List<PrCurveChart.Series> curves = new ArrayList<>();
		int failures = 0;
		for (ModuleDescriptor module : detectors) {
			FaceDetector created;
			try {
				created = module.factory(DetectorFactory.class).create(module.defaults());
			} catch (ModuleException | IllegalArgumentException e) {
				// a trainable detector without a trained model cannot run on defaults: say so, it is not a failure
				out.printf(Locale.ROOT, "%-16s skipped: %s%n", module.id(), e.getMessage());
				continue;
			}
			try (FaceDetector detector = created) {
				DetectionBenchmark.Outcome outcome = DetectionBenchmark.run(detector, annotations, images, new DetectionEvaluation(iou, minFace), true,
						err);
				DetectionEvaluation.Result r = outcome.evaluation().result();
				List<String> v = DetectionBenchmark.fmt(r.averagePrecision(), r.recall(), r.precision(), r.recallAtFalsePositivesPerImage(1));
				out.printf(Locale.ROOT, "%-16s %7s %7s %10s %9s %14.1f %15.1f%n", module.id(), v.get(0), v.get(1), v.get(2), v.get(3),
						outcome.msPerFrame(), outcome.msPerImage());
				// the file keeps times to the nanosecond: a detector faster than 5 µs a frame would read 0.00
				csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%.6f,%.6f%n", module.id(), v.get(0), v.get(1), v.get(2), v.get(3),
						outcome.msPerFrame(), outcome.msPerImage()));
				curves.add(DetectEvalCommand.series(module.id(), r));
				failures += outcome.failedImages() > 0 ? 1 : 0;
			} catch (Exception e) {
				failures++;
				out.printf(Locale.ROOT, "%-16s failed: %s%n", module.id(), e.getMessage());
			}
		}
		if (outText != null) {
			Path outDir = Files.createDirectories(Path.of(outText));
			AtomicFiles.write(outDir.resolve("detect-compare.csv"), csv.toString());
			String renderer = PrCurveChart.write(String.format(Locale.ROOT, "precision-recall at IoU %.2f", iou), curves,
					outDir.resolve("pr-curves.png"));
			out.println("wrote " + outDir.resolve("pr-curves.png") + " (" + renderer + ") and detect-compare.csv");
		}
		if (failures > 0) {
			err.println("facet " + name() + ": " + failures + " detector(s) failed or skipped images");
			return ExitCodes.FAILURE;
		}
		return ExitCodes.OK;
	}
}
