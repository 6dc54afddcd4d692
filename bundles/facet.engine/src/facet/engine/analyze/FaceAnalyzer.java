package facet.engine.analyze;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import facet.core.FaceBox;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.Point;
import facet.core.spi.FaceDetector;
import facet.engine.run.TrainedModel;

/**
 * The paper's chain on one image: detect faces, align each face, classify its expression.
 * UI-free: the command line and the workbench both call it.
 * <p>
 * Alignment follows the model. A model whose experiment places the face itself (the {@code align}
 * preprocessor maps the five landmarks onto its template, {@code crop} cuts the box) gets the
 * whole picture with each detected face and its landmarks, and so sees its faces exactly as its
 * training data came. Any other model (the pretrained face-api.js one, trained on detector boxes)
 * gets an upright crop: the square around the box, widened by the margin, turned about the box's
 * centre so that the eyes are level. Detectors without landmarks (haar, viola-jones,
 * cascade-cnn) give the square crop unturned, and {@code align} falls back to the square around
 * the box.
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
			List<float[]> probabilities;
			if (model.get().placesFaces()) {
				probabilities = model.get().predict(raster, boxes);
			} else {
				boolean gray = model.get().info().channels() == 1;
				List<ImageRaster> crops = new ArrayList<>();
				for (FaceBox box : boxes) {
					ImageRaster crop = uprightCrop(raster, box, margin);
					crops.add(gray ? toGray(crop) : crop);
				}
				probabilities = model.get().predict(crops);
			}
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

	/**
	 * {@link #squareCrop} turned about the box's centre by the angle of the line from one eye to
	 * the other, so that the eyes are level in the crop (bilinear, black outside the image). A
	 * box without landmarks, or whose eyes are too close together to give a direction (a profile),
	 * gives the square crop itself.
	 */
	public static ImageRaster uprightCrop(ImageRaster image, FaceBox box, double margin) {
		if (!box.hasLandmarks()) {
			return squareCrop(image, box, margin);
		}
		Point left = box.landmarks().get(FaceBox.Landmark.LEFT_EYE.ordinal());
		Point right = box.landmarks().get(FaceBox.Landmark.RIGHT_EYE.ordinal());
		double dx = right.x() - left.x();
		double dy = right.y() - left.y();
		if (Math.hypot(dx, dy) < MIN_EYE_DISTANCE * Math.max(box.width(), box.height())) {
			return squareCrop(image, box, margin);
		}
		if (dx < 0) {
			// detectors disagree on whose left is meant; the eye line's direction is what counts
			dx = -dx;
			dy = -dy;
		}
		double angle = Math.atan2(dy, dx);
		if (Math.abs(angle) < 1e-3) {
			return squareCrop(image, box, margin);
		}
		double side = Math.max(box.width(), box.height()) * (1 + 2 * margin);
		int s = Math.max(1, (int) Math.round(side));
		double cx = (box.x1() + box.x2()) / 2;
		double cy = (box.y1() + box.y2()) / 2;
		double cos = Math.cos(angle);
		double sin = Math.sin(angle);
		int w = image.width();
		int h = image.height();
		int c = image.channels();
		byte[] in = image.pixels();
		byte[] out = new byte[s * s * c];
		for (int v = 0; v < s; v++) {
			double oy = v + 0.5 - s / 2.0;
			for (int u = 0; u < s; u++) {
				double ox = u + 0.5 - s / 2.0;
				// the crop's x axis runs along the eye line in the image
				double x = cx + ox * cos - oy * sin - 0.5;
				double y = cy + ox * sin + oy * cos - 0.5;
				int x0 = (int) Math.floor(x);
				int y0 = (int) Math.floor(y);
				double fx = x - x0;
				double fy = y - y0;
				for (int k = 0; k < c; k++) {
					double value = (1 - fx) * (1 - fy) * pixel(in, w, h, c, x0, y0, k) + fx * (1 - fy) * pixel(in, w, h, c, x0 + 1, y0, k)
							+ (1 - fx) * fy * pixel(in, w, h, c, x0, y0 + 1, k) + fx * fy * pixel(in, w, h, c, x0 + 1, y0 + 1, k);
					out[(v * s + u) * c + k] = (byte) Math.clamp(Math.round(value), 0, 255);
				}
			}
		}
		return new ImageRaster(s, s, c, out);
	}

	/** Eyes closer than this share of the box's side give no reliable direction. */
	private static final double MIN_EYE_DISTANCE = 0.15;

	private static int pixel(byte[] pixels, int w, int h, int c, int x, int y, int k) {
		return x < 0 || y < 0 || x >= w || y >= h ? 0 : pixels[(y * w + x) * c + k] & 0xff;
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
		ImageFiles.writePng(Annotator.annotatedImage(raster, analysis.faces()), file);
	}
}
