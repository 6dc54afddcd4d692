package facet.detect.adaboost;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfRect;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.CascadeClassifier;

import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.spi.FaceDetector;
import nu.pattern.OpenCV;

/**
 * Viola-Jones face detection with OpenCV's {@link CascadeClassifier}. Detection runs on a gray,
 * histogram-equalized copy shrunk to at most {@code maxWidth}; boxes are mapped back to the
 * original pixels. The score is the number of neighbouring detections that formed the box,
 * squashed into [0, 1) by n / (n + minNeighbors + 1). There are no landmarks.
 */
public final class HaarDetector implements FaceDetector {

	/** Settings of one detector; sizes in pixels of the original image. */
	public record Options(double scaleFactor, int minNeighbors, int minSize, int maxSize, int maxWidth) {
		public static final Options DEFAULTS = new Options(1.1, 3, 40, 0, 960);
	}

	private static volatile boolean loaded;

	private final CascadeClassifier cascade;
	private final Options options;

	private HaarDetector(CascadeClassifier cascade, Options options) {
		this.cascade = cascade;
		this.options = options;
	}

	/**
	 * @throws IOException naming the cascade file when it is missing or unreadable
	 */
	public static HaarDetector load(Path cascadeFile, Options options) throws IOException {
		if (!Files.isRegularFile(cascadeFile)) {
			throw new NoSuchFileException(cascadeFile.toString(), null,
					"no such cascade file; install Debian's opencv-data (releng/setup.sh does)");
		}
		loadOpenCv();
		CascadeClassifier cascade = new CascadeClassifier(cascadeFile.toString());
		if (cascade.empty()) {
			throw new IOException(cascadeFile + ": OpenCV cannot read this cascade; reinstall Debian's opencv-data (releng/setup.sh)");
		}
		return new HaarDetector(cascade, options);
	}

	private static synchronized void loadOpenCv() {
		if (!loaded) {
			OpenCV.loadLocally();
			loaded = true;
		}
	}

	@Override
	public synchronized List<FaceBox> detect(ImageRaster image) {
		double scale = options.maxWidth() > 0 && image.width() > options.maxWidth() ? (double) options.maxWidth() / image.width() : 1;
		Mat gray = gray(image);
		Mat small = gray;
		try {
			if (scale < 1) {
				small = new Mat();
				Imgproc.resize(gray, small, new Size(Math.round(image.width() * scale), Math.round(image.height() * scale)), 0, 0,
						Imgproc.INTER_AREA);
			}
			Imgproc.equalizeHist(small, small);
			MatOfRect rects = new MatOfRect();
			MatOfInt neighbours = new MatOfInt();
			double min = Math.max(1, options.minSize() * scale);
			double max = options.maxSize() > 0 ? options.maxSize() * scale : 0;
			cascade.detectMultiScale2(small, rects, neighbours, options.scaleFactor(), options.minNeighbors(), 0, new Size(min, min),
					new Size(max, max));
			Rect[] found = rects.toArray();
			// an empty MatOfInt refuses toArray
			int[] counts = found.length == 0 ? new int[0] : neighbours.toArray();
			List<FaceBox> faces = new ArrayList<>(found.length);
			for (int i = 0; i < found.length; i++) {
				Rect r = found[i];
				int n = i < counts.length ? counts[i] : options.minNeighbors();
				double score = n / (n + options.minNeighbors() + 1.0);
				faces.add(FaceBox.of(Math.min(image.width(), r.x / scale), Math.min(image.height(), r.y / scale),
						Math.min(image.width(), (r.x + r.width) / scale), Math.min(image.height(), (r.y + r.height) / scale), score));
			}
			rects.release();
			neighbours.release();
			return faces;
		} finally {
			if (small != gray) {
				small.release();
			}
			gray.release();
		}
	}

	private static Mat gray(ImageRaster image) {
		Mat mat = new Mat(image.height(), image.width(), image.channels() == 3 ? CvType.CV_8UC3 : CvType.CV_8UC1);
		mat.put(0, 0, image.pixels());
		if (image.channels() == 1) {
			return mat;
		}
		Mat gray = new Mat();
		Imgproc.cvtColor(mat, gray, Imgproc.COLOR_RGB2GRAY);
		mat.release();
		return gray;
	}

	@Override
	public void close() {
		// CascadeClassifier frees its native memory when collected; nothing else is held
	}
}
