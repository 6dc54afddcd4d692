package facet.detect.mtcnn.internal;

import java.util.ArrayList;
import java.util.List;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import facet.core.ImageRaster;
import nu.pattern.OpenCV;

/**
 * An RGB image as three float planes laid out [channel][x][y] (transposed, as MTCNN's networks
 * read it), normalized to (v − 127.5) / 128.
 * <p>
 * The pyramid is shrunk by OpenCV's INTER_AREA on the normalized image, as the reference does
 * with cv2.resize: the same area averaging as {@link ImageResampler}, in native code, which took
 * most of the Java time of a frame. Holds native memory until {@link #close()}.
 */
public final class PlanarImage implements AutoCloseable {

	static {
		OpenCV.loadLocally();
	}

	/** What a black pixel becomes; crops are padded with it, as the reference pads with zeros. */
	static final float BLACK = -127.5f / 128f;

	private final int width;
	private final int height;
	private final float[] planes;
	/** The normalized image, rows × columns × RGB, float. */
	private final Mat interleaved;

	private PlanarImage(int width, int height, float[] planes, Mat interleaved) {
		this.width = width;
		this.height = height;
		this.planes = planes;
		this.interleaved = interleaved;
	}

	/** Gray images are repeated into three channels. */
	public static PlanarImage normalized(ImageRaster image) {
		int w = image.width();
		int h = image.height();
		Mat bytes = new Mat(h, w, image.channels() == 3 ? CvType.CV_8UC3 : CvType.CV_8UC1);
		bytes.put(0, 0, image.pixels());
		if (image.channels() != 3) {
			Imgproc.cvtColor(bytes, bytes, Imgproc.COLOR_GRAY2RGB);
		}
		Mat interleaved = new Mat();
		bytes.convertTo(interleaved, CvType.CV_32FC3, 1 / 128.0, -127.5 / 128.0);
		bytes.release();
		float[] planes = new float[3 * w * h];
		toPlanes(interleaved, planes);
		return new PlanarImage(w, h, planes, interleaved);
	}

	/** A float RGB Mat (rows y, columns x) into planes [c][x][y]. */
	private static void toPlanes(Mat rgb, float[] target) {
		Mat transposed = new Mat();
		Core.transpose(rgb, transposed);
		List<Mat> channels = new ArrayList<>(3);
		Core.split(transposed, channels);
		int plane = rgb.rows() * rgb.cols();
		float[] buffer = new float[plane];
		for (int c = 0; c < 3; c++) {
			Mat channel = channels.get(c);
			channel.get(0, 0, buffer);
			System.arraycopy(buffer, 0, target, c * plane, plane);
			channel.release();
		}
		transposed.release();
	}

	@Override
	public void close() {
		interleaved.release();
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** The whole image resized to {@code w × h}, layout [c][x][y]. */
	public float[] resized(int w, int h) {
		float[] out = new float[3 * w * h];
		if (w > width || h > height) {
			// OpenCV's INTER_AREA enlarges differently from the bilinear of ImageResampler
			ImageResampler.resize(planes, 3, width, height, w, h, out, 0);
			return out;
		}
		Mat small = new Mat();
		Imgproc.resize(interleaved, small, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
		toPlanes(small, out);
		small.release();
		return out;
	}

	/**
	 * Crops the box with 1-based inclusive corners (the reference's convention), padding outside
	 * the image with black, and resizes it to {@code size × size} into {@code target}.
	 */
	public void crop(int x1, int y1, int x2, int y2, int size, float[] target, int offset) {
		int cw = x2 - x1 + 1;
		int ch = y2 - y1 + 1;
		if (cw <= 0 || ch <= 0) {
			java.util.Arrays.fill(target, offset, offset + 3 * size * size, BLACK);
			return;
		}
		float[] crop = new float[3 * cw * ch];
		java.util.Arrays.fill(crop, BLACK);
		int fromX = Math.max(0, x1 - 1);
		int toX = Math.min(width, x2);
		int fromY = Math.max(0, y1 - 1);
		int toY = Math.min(height, y2);
		for (int c = 0; c < 3; c++) {
			for (int x = fromX; x < toX; x++) {
				if (toY > fromY) {
					System.arraycopy(planes, (c * width + x) * height + fromY, crop, (c * cw + (x - (x1 - 1))) * ch + (fromY - (y1 - 1)), toY - fromY);
				}
			}
		}
		ImageResampler.resize(crop, 3, cw, ch, size, size, target, offset);
	}
}
