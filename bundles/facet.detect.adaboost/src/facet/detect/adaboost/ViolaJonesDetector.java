package facet.detect.adaboost;

import facet.core.image.IntegralImage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.spi.FaceDetector;
import facet.detect.adaboost.internal.Cascade;
import facet.detect.adaboost.internal.WindowGrouping;

/**
 * Facet's own Viola-Jones detector (Viola and Jones, "Robust Real-Time Face Detection", IJCV
 * 2004) with a cascade that {@code facet detector train viola-jones} wrote: the image's
 * integral image, an image pyramid (each level resampled by area averaging), the trained window
 * slid over every level with a step, each window variance-normalized, and the overlapping hits
 * grouped.
 */
public final class ViolaJonesDetector implements FaceDetector {

	/**
	 * @param scaleFactor ratio between pyramid levels
	 * @param step window step in pixels of a level
	 * @param minNeighbors windows a group needs to be reported
	 * @param minSize smallest face window in original pixels (at least the trained window)
	 * @param maxSize largest, 0 for no limit
	 * @param maxWidth images wider than this are searched from the level that shrinks them to it; 0: never
	 */
	public record Options(double scaleFactor, int step, int minNeighbors, int minSize, int maxSize, int maxWidth) {
		public static final Options DEFAULTS = new Options(1.2, 2, 3, 24, 0, 960);
	}

	private final Cascade cascade;
	private final Options options;

	public ViolaJonesDetector(Cascade cascade, Options options) {
		this.cascade = cascade;
		this.options = options;
	}

	/** @throws IOException naming the model file when it is missing, truncated or not a cascade */
	public static ViolaJonesDetector load(Path model, Options options) throws IOException {
		return new ViolaJonesDetector(Cascade.read(model), options);
	}

	public Cascade cascade() {
		return cascade;
	}

	@Override
	public List<FaceBox> detect(ImageRaster image) {
		List<FaceBox> windows = windows(image);
		double[] box = cascade.box();
		List<FaceBox> faces = new ArrayList<>();
		for (FaceBox g : WindowGrouping.group(windows, options.minNeighbors(), 0.2)) {
			double side = g.width();
			double x1 = Math.max(0, g.x1() + box[0] * side);
			double y1 = Math.max(0, g.y1() + box[1] * side);
			double x2 = Math.min(image.width(), g.x1() + (box[0] + box[2]) * side);
			double y2 = Math.min(image.height(), g.y1() + (box[1] + box[3]) * side);
			if (x2 > x1 && y2 > y1) {
				faces.add(FaceBox.of(x1, y1, x2, y2, g.score()));
			}
		}
		return faces;
	}

	/** Every window that passes the whole cascade, as squares in original pixels, before grouping. */
	public List<FaceBox> windows(ImageRaster image) {
		int window = cascade.window();
		int width = image.width();
		int height = image.height();
		IntegralImage full = IntegralImage.of(image);
		double start = Math.max(1, options.minSize() / (double) window);
		if (options.maxWidth() > 0) {
			start = Math.max(start, width / (double) options.maxWidth());
		}
		List<Double> scales = new ArrayList<>();
		for (double s = start; window * s <= Math.min(width, height) && (options.maxSize() <= 0 || window * s <= options.maxSize()); s *= options
				.scaleFactor()) {
			scales.add(s);
		}
		List<List<FaceBox>> found = new ArrayList<>();
		for (int i = 0; i < scales.size(); i++) {
			found.add(new ArrayList<>());
		}
		IntStream.range(0, scales.size()).parallel().forEach(i -> {
			double s = scales.get(i);
			int lw = (int) Math.floor(width / s);
			int lh = (int) Math.floor(height / s);
			IntegralImage level = s == 1 ? full : IntegralImage.of(full.resample(0, 0, lw * s, lh * s, lw, lh), lw, lh);
			List<FaceBox> hits = found.get(i);
			for (int y = 0; y + window <= lh; y += options.step()) {
				for (int x = 0; x + window <= lw; x += options.step()) {
					if (cascade.face(level, x, y)) {
						hits.add(FaceBox.of(x * s, y * s, (x + window) * s, (y + window) * s, 1));
					}
				}
			}
		});
		List<FaceBox> all = new ArrayList<>();
		found.forEach(all::addAll);
		return all;
	}
}
