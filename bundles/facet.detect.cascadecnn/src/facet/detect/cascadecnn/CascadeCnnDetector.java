package facet.detect.cascadecnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDManager;
import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.detection.ImagePyramid;
import facet.core.image.IntegralImage;
import facet.core.spi.FaceDetector;
import facet.detect.cascadecnn.internal.Calibration;
import facet.detect.cascadecnn.internal.CnnModel;
import facet.detect.cascadecnn.internal.Networks.Net;
import facet.detect.cascadecnn.internal.Nms;
import facet.detect.cascadecnn.internal.Windows;

/**
 * Cascade CNN (Li et al., "A Convolutional Neural Network Cascade for Face Detection", CVPR
 * 2015) with nets that {@code facet detector train cascade-cnn} trained: 12-net windows over an
 * image pyramid, 12-calibration, NMS, 24-net, 24-calibration, NMS, 48-net, NMS, 48-calibration.
 * The 12-net runs fully convolutionally over each level ({@link CnnModel#scan12}), as the paper
 * has it, with the same probabilities as window by window.
 */
public final class CascadeCnnDetector implements FaceDetector {

	/** Thresholds below 0 mean the model's own. */
	public record Options(int minSize, double scaleFactor, int step, int maxWidth, double threshold12, double threshold24, double threshold48) {
		public static final Options DEFAULTS = new Options(24, 1.25, 3, 960, -1, -1, -1);
	}

	private final NDManager manager;
	private final CnnModel model;
	private final Options options;

	private CascadeCnnDetector(NDManager manager, CnnModel model, Options options) {
		this.manager = manager;
		this.model = model;
		this.options = options;
	}

	/** @throws IOException naming the model file that is missing, truncated or of another format */
	public static CascadeCnnDetector load(Path model, Options options) throws IOException {
		NDManager manager = NDManager.newBaseManager();
		try {
			return new CascadeCnnDetector(manager, CnnModel.read(model, manager), options);
		} catch (IOException | RuntimeException e) {
			manager.close();
			throw e;
		}
	}

	private double threshold(Net net, double option) {
		return option >= 0 ? option : model.threshold(net);
	}

	@Override
	public synchronized List<FaceBox> detect(ImageRaster image) {
		IntegralImage full = IntegralImage.of(image);
		int width = image.width();
		int height = image.height();
		// never enlarged, and wide photos searched only from the level that shrinks them to maxWidth
		double largest = options.maxWidth() > 0 ? Math.min(1, options.maxWidth() / (double) width) : 1;
		double first = ImagePyramid.firstScale(12, options.minSize(), largest);
		// the 12-net over every window of every level, fully convolutionally; the windows it keeps go on
		double threshold12 = threshold(Net.NET12, options.threshold12());
		int step = options.step();
		List<FaceBox> kept = new ArrayList<>();
		for (double scale : ImagePyramid.scales(width, height, 12, first, 1 / options.scaleFactor())) {
			double s = 1 / scale;
			int lw = (int) Math.floor(width * scale);
			int lh = (int) Math.floor(height * scale);
			float[] level = full.resample(0, 0, lw * s, lh * s, lw, lh);
			Windows.normalize(level);
			float[][] p = model.scan12(level, lw, lh, step);
			for (int row = 0; row < p.length; row++) {
				for (int column = 0; column < p[row].length; column++) {
					if (p[row][column] >= threshold12) {
						int x = column * step;
						int y = row * step;
						kept.add(FaceBox.of(x * s, y * s, (x + 12) * s, (y + 12) * s, p[row][column]));
					}
				}
			}
		}
		List<FaceBox> boxes = calibrate(full, kept, Net.CAL12, 0.5, false);
		boxes = stage(full, boxes, Net.NET24, Net.CAL24, threshold(Net.NET24, options.threshold24()), 0.5, false);
		boxes = stage(full, boxes, Net.NET48, Net.CAL48, threshold(Net.NET48, options.threshold48()), 0.3, true);
		double[] box = model.box();
		List<FaceBox> faces = new ArrayList<>();
		for (FaceBox q : boxes) {
			double side = 0.5 * (q.width() + q.height());
			double x1 = Math.max(0, q.x1() + box[0] * side);
			double y1 = Math.max(0, q.y1() + box[1] * side);
			double x2 = Math.min(width, q.x1() + (box[0] + box[2]) * side);
			double y2 = Math.min(height, q.y1() + (box[1] + box[3]) * side);
			if (x2 > x1 && y2 > y1) {
				faces.add(FaceBox.of(x1, y1, x2, y2, Math.min(1, Math.max(0, q.score()))));
			}
		}
		return faces;
	}

	/**
	 * One stage: the net's face probability, the threshold, then calibration and NMS (for the
	 * 48-net NMS first, over the smaller box, as the paper does).
	 */
	private List<FaceBox> stage(IntegralImage image, List<FaceBox> boxes, Net net, Net cal, double threshold, double overlap, boolean last) {
		if (boxes.isEmpty()) {
			return boxes;
		}
		List<float[]> windows = new ArrayList<>();
		for (FaceBox b : boxes) {
			windows.add(Windows.cut(image, b, net.size()));
		}
		float[][] p = model.classify(net, windows);
		List<FaceBox> kept = new ArrayList<>();
		for (int i = 0; i < boxes.size(); i++) {
			if (p[i][1] >= threshold) {
				FaceBox b = boxes.get(i);
				kept.add(FaceBox.of(b.x1(), b.y1(), b.x2(), b.y2(), p[i][1]));
			}
		}
		return calibrate(image, kept, cal, overlap, last);
	}

	/** Calibration and NMS of the boxes a net kept (for the 48-net NMS first, over the smaller box). */
	private List<FaceBox> calibrate(IntegralImage image, List<FaceBox> kept, Net cal, double overlap, boolean last) {
		if (last) {
			kept = Nms.suppress(kept, overlap, true);
		}
		if (kept.isEmpty()) {
			return kept;
		}
		List<float[]> calWindows = new ArrayList<>();
		for (FaceBox b : kept) {
			calWindows.add(Windows.cut(image, b, cal.size()));
		}
		float[][] c = model.classify(cal, calWindows);
		double calibrationThreshold = model.info().get("calibrationThreshold").getAsDouble();
		List<FaceBox> calibrated = new ArrayList<>();
		for (int i = 0; i < kept.size(); i++) {
			calibrated.add(Calibration.apply(kept.get(i), c[i], calibrationThreshold));
		}
		return last ? calibrated : Nms.suppress(calibrated, overlap, false);
	}

	@Override
	public void close() {
		model.close();
		manager.close();
	}
}
