package facet.engine.analyze;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import facet.core.FaceBox;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.spi.FaceDetector;
import facet.engine.run.TrainedModel;

/**
 * The paper's chain on one image: detect faces, cut each face out (a square around its box,
 * widened by a margin), classify its expression. UI-free: the command line and the workbench
 * both call it.
 */
public final class FaceAnalyzer {

	private final FaceDetector detector;
	private final Optional<TrainedModel> model;
	private final double margin;

	/**
	 * @param model the expression classifier; empty to detect only
	 * @param margin share of the box's side added on each side before classification
	 */
	public FaceAnalyzer(FaceDetector detector, Optional<TrainedModel> model, double margin) {
		this.detector = detector;
		this.model = model;
		this.margin = margin;
	}

	/** One face: where it is and, with a model, the probabilities of the seven classes in canonical order. */
	public record Face(FaceBox box, Optional<float[]> probabilities) {
	}

	/** The result for one image. */
	public record Analysis(Path image, int width, int height, double milliseconds, List<Face> faces) {
	}

	public Analysis analyze(Path image) throws Exception {
		return analyze(image, ImageFiles.read(image, false));
	}

	/** Analyses a decoded picture (a still image or a video frame); {@code image} names it in the result. */
	public Analysis analyze(Path image, ImageRaster raster) throws Exception {
		long start = System.nanoTime();
		List<FaceBox> boxes = detector.detect(raster);
		List<Face> faces = new ArrayList<>();
		if (model.isPresent() && !boxes.isEmpty()) {
			boolean gray = model.get().info().channels() == 1;
			List<ImageRaster> crops = new ArrayList<>();
			for (FaceBox box : boxes) {
				ImageRaster crop = squareCrop(raster, box, margin);
				crops.add(gray ? toGray(crop) : crop);
			}
			List<float[]> probabilities = model.get().predict(crops);
			for (int i = 0; i < boxes.size(); i++) {
				faces.add(new Face(boxes.get(i), Optional.of(probabilities.get(i))));
			}
		} else {
			boxes.forEach(b -> faces.add(new Face(b, Optional.empty())));
		}
		return new Analysis(image, raster.width(), raster.height(), (System.nanoTime() - start) / 1e6, faces);
	}

	/** A square around the box's centre with side max(w, h)·(1 + 2·margin), clipped to the image. */
	public static ImageRaster squareCrop(ImageRaster image, FaceBox box, double margin) {
		double side = Math.max(box.width(), box.height()) * (1 + 2 * margin);
		double cx = (box.x1() + box.x2()) / 2;
		double cy = (box.y1() + box.y2()) / 2;
		int x = (int) Math.round(cx - side / 2);
		int y = (int) Math.round(cy - side / 2);
		int s = Math.max(1, (int) Math.round(side));
		return ImageFiles.crop(image, x, y, s, s);
	}

	private static ImageRaster toGray(ImageRaster rgb) {
		if (rgb.channels() == 1) {
			return rgb;
		}
		byte[] gray = new byte[rgb.width() * rgb.height()];
		byte[] p = rgb.pixels();
		for (int i = 0; i < gray.length; i++) {
			gray[i] = (byte) Math.round(0.299 * (p[3 * i] & 0xff) + 0.587 * (p[3 * i + 1] & 0xff) + 0.114 * (p[3 * i + 2] & 0xff));
		}
		return new ImageRaster(rgb.width(), rgb.height(), 1, gray);
	}

	/** Writes the annotated copy of an analysed image. */
	public static void writeAnnotated(Analysis analysis, Path file) throws IOException {
		writeAnnotated(analysis, ImageFiles.read(analysis.image(), false), file);
	}

	/** Writes the annotated copy of an analysed picture that is already decoded. */
	public static void writeAnnotated(Analysis analysis, ImageRaster raster, Path file) throws IOException {
		ImageFiles.writePng(Annotator.annotate(raster, analysis.faces()), file);
	}
}
