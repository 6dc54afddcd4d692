package facet.cli.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import facet.core.FaceBox;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.data.BadDataException;
import facet.core.detection.AnnotatedImage;
import facet.core.detection.DetectionAnnotations;
import facet.core.detection.DetectionEvaluation;
import facet.core.spi.FaceDetector;

/**
 * Runs one detector over an annotated image set, matching and timing as it goes; shared by
 * {@code detect-eval} and {@code detect-compare}.
 */
final class DetectionBenchmark {

	/** Width and height of the frame {@code detect-compare} times a downscaled copy at. */
	static final int FRAME_WIDTH = 640;
	static final int FRAME_HEIGHT = 480;

	/**
	 * @param evaluation the matching of every image
	 * @param msPerImage mean detection time per full-size image (decoding excluded)
	 * @param msPerFrame mean time per 640×480 copy, NaN when not timed
	 * @param failedImages images that could not be read or detected (reported on err)
	 */
	record Outcome(DetectionEvaluation evaluation, double msPerImage, double msPerFrame, int failedImages) {
	}

	private DetectionBenchmark() {
	}

	/** Reads an annotation file; a malformed or missing file is bad input (exit status 2). */
	static DetectionAnnotations annotations(String command, String file) throws UsageException, IOException {
		if (file == null) {
			throw new UsageException(command + ": --annotations FILE is required (WIDER FACE *_bbx_gt.txt, FDDB *ellipseList.txt, or a CSV/TSV of boxes)");
		}
		try {
			DetectionAnnotations annotations = DetectionAnnotations.read(Path.of(file));
			if (annotations.images().isEmpty()) {
				throw new UsageException(command + ": " + file + ": no annotated image");
			}
			return annotations;
		} catch (BadDataException e) {
			throw new UsageException(command + ": " + e.getMessage());
		} catch (NoSuchFileException e) {
			throw new UsageException(command + ": " + file + ": no such annotation file");
		}
	}

	/** Untimed detections of the first 640×480 frame, while they take less than {@link #WARM_UP_MS} together. */
	static final int WARM_UP_FRAMES = 15;
	static final double WARM_UP_MS = 3000;

	/**
	 * Runs the detector over every annotated image. One warm-up detection on the first image is
	 * not timed (it pays for model loading); with {@code timeFrames}, neither are up to
	 * {@link #WARM_UP_FRAMES} of its 640×480 frame: the detectors' Java loops reach the JIT
	 * compiler's speed only after ten or more (MTCNN took 50 ms a frame over its first 15 frames,
	 * ~30 over the next), and a single warm-up made the Java detectors look slower beside OpenCV's.
	 */
	static Outcome run(FaceDetector detector, DetectionAnnotations annotations, Path images, DetectionEvaluation evaluation, boolean timeFrames,
			PrintStream err) {
		double totalMs = 0;
		double frameMs = 0;
		int timed = 0;
		int failed = 0;
		boolean warm = false;
		for (AnnotatedImage annotated : annotations.images()) {
			Path file = DetectionAnnotations.resolve(images, annotated);
			try {
				ImageRaster raster = ImageFiles.read(file, false);
				if (!warm) {
					detector.detect(raster);
					if (timeFrames) {
						ImageRaster frame = resize(raster, FRAME_WIDTH, FRAME_HEIGHT);
						long warmStart = System.nanoTime();
						for (int i = 0; i < WARM_UP_FRAMES && (System.nanoTime() - warmStart) / 1e6 < WARM_UP_MS; i++) {
							detector.detect(frame);
						}
					}
					warm = true;
				}
				long start = System.nanoTime();
				List<FaceBox> faces = detector.detect(raster);
				totalMs += (System.nanoTime() - start) / 1e6;
				if (timeFrames) {
					ImageRaster frame = resize(raster, FRAME_WIDTH, FRAME_HEIGHT);
					start = System.nanoTime();
					detector.detect(frame);
					frameMs += (System.nanoTime() - start) / 1e6;
				}
				timed++;
				evaluation.add(annotated.image(), annotated.faces(), faces);
			} catch (Exception e) {
				failed++;
				String message = String.valueOf(e.getMessage());
				err.println(message.contains(file.toString()) ? message : file + ": " + message);
				// a face nobody looked for is still a face missed
				evaluation.add(annotated.image(), annotated.faces(), List.of());
			}
		}
		return new Outcome(evaluation, timed == 0 ? Double.NaN : totalMs / timed, timeFrames && timed > 0 ? frameMs / timed : Double.NaN, failed);
	}

	/** A bilinear copy at a given size (the aspect ratio is not kept: it is for timing). */
	static ImageRaster resize(ImageRaster raster, int width, int height) {
		BufferedImage source = ImageFiles.toBufferedImage(raster);
		BufferedImage target = new BufferedImage(width, height, source.getType());
		Graphics2D g = target.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			g.drawImage(source, 0, 0, width, height, null);
		} finally {
			g.dispose();
		}
		return ImageFiles.toRaster(target, raster.channels() == 1);
	}

	/** The images folder: {@code --images}, or the annotation file's folder. */
	static Path imagesFolder(String option, DetectionAnnotations annotations) throws UsageException {
		Path folder = option != null ? Path.of(option) : annotations.file().toAbsolutePath().getParent();
		if (!java.nio.file.Files.isDirectory(folder)) {
			throw new UsageException("--images " + folder + ": no such folder");
		}
		return folder;
	}

	static double parseDouble(String command, String option, String text, double fallback, double min, double max) throws UsageException {
		if (text == null) {
			return fallback;
		}
		try {
			double v = Double.parseDouble(text);
			if (v >= min && v <= max) {
				return v;
			}
		} catch (NumberFormatException e) {
			// reported below
		}
		throw new UsageException(command + ": " + option + " needs a number in [" + min + ", " + max + "], got '" + text + "'");
	}

	static List<String> fmt(double... values) {
		List<String> text = new ArrayList<>();
		for (double v : values) {
			text.add(Double.isNaN(v) ? "n/a" : String.format(java.util.Locale.ROOT, "%.3f", v));
		}
		return text;
	}
}
