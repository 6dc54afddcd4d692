package facet.data.transforms;

import java.util.Optional;
import java.util.random.RandomGenerator;

import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.spi.ImageOperation;
import facet.data.transforms.internal.Warp;

/**
 * Crops the face box grown by {@code margin} times its size on every side, made square about
 * its centre when asked. Parts outside the image are black. An image without a face is taken to
 * be a face crop already and passes through.
 */
public final class FaceCrop implements ImageOperation {

	private final double margin;
	private final boolean square;

	public FaceCrop(double margin, boolean square) {
		if (!(margin >= 0)) {
			throw new IllegalArgumentException("crop margin must be >= 0, got " + margin);
		}
		this.margin = margin;
		this.square = square;
	}

	@Override
	public Result apply(ImageRaster image, Optional<FaceBox> face, RandomGenerator random) {
		if (face.isEmpty()) {
			return new Result(image, face);
		}
		FaceBox box = face.get();
		double w = box.width() * (1 + 2 * margin);
		double h = box.height() * (1 + 2 * margin);
		if (square) {
			w = h = Math.max(w, h);
		}
		double cx = (box.x1() + box.x2()) / 2;
		double cy = (box.y1() + box.y2()) / 2;
		int x0 = (int) Math.round(cx - w / 2);
		int y0 = (int) Math.round(cy - h / 2);
		int cw = Math.max(1, (int) Math.round(w));
		int ch = Math.max(1, (int) Math.round(h));
		return new Result(crop(image, x0, y0, cw, ch), Warp.translate(face, -x0, -y0));
	}

	/** The {@code width × height} window at {@code (x0, y0)}; pixels outside the image are 0. */
	public static ImageRaster crop(ImageRaster image, int x0, int y0, int width, int height) {
		int c = image.channels();
		byte[] in = image.pixels();
		byte[] out = new byte[width * height * c];
		int fromX = Math.max(0, x0);
		int toX = Math.min(image.width(), x0 + width);
		if (toX > fromX) {
			for (int y = Math.max(0, y0); y < Math.min(image.height(), y0 + height); y++) {
				System.arraycopy(in, (y * image.width() + fromX) * c, out, ((y - y0) * width + (fromX - x0)) * c, (toX - fromX) * c);
			}
		}
		return new ImageRaster(width, height, c, out);
	}
}
