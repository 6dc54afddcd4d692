package facet.data.transforms.internal;

import facet.core.ImageRaster;

/**
 * Applies a tone mapping of the luma to gray and RGB images alike. For RGB the mapping acts on
 * Y of full-range BT.601 YCbCr (the JPEG convention) and keeps Cb and Cr, so that equalization
 * changes brightness and contrast without shifting hues.
 */
public final class Luma {

	private Luma() {
	}

	/** The luma plane: the image itself when gray, Y of YCbCr when RGB. */
	public static byte[] plane(ImageRaster image) {
		if (image.channels() == 1) {
			return image.pixels();
		}
		byte[] p = image.pixels();
		byte[] y = new byte[image.width() * image.height()];
		for (int i = 0; i < y.length; i++) {
			int r = p[3 * i] & 0xff;
			int g = p[3 * i + 1] & 0xff;
			int b = p[3 * i + 2] & 0xff;
			y[i] = (byte) Warp.clamp(Math.round(0.299 * r + 0.587 * g + 0.114 * b));
		}
		return y;
	}

	/** The image with its luma replaced by {@code mapped} (a plane of the same size). */
	public static ImageRaster replace(ImageRaster image, byte[] luma, byte[] mapped) {
		if (image.channels() == 1) {
			return new ImageRaster(image.width(), image.height(), 1, mapped);
		}
		byte[] p = image.pixels();
		byte[] out = new byte[p.length];
		for (int i = 0; i < mapped.length; i++) {
			int r = p[3 * i] & 0xff;
			int g = p[3 * i + 1] & 0xff;
			int b = p[3 * i + 2] & 0xff;
			double cb = -0.168736 * r - 0.331264 * g + 0.5 * b;
			double cr = 0.5 * r - 0.418688 * g - 0.081312 * b;
			double y = mapped[i] & 0xff;
			out[3 * i] = (byte) Warp.clamp(Math.round(y + 1.402 * cr));
			out[3 * i + 1] = (byte) Warp.clamp(Math.round(y - 0.344136 * cb - 0.714136 * cr));
			out[3 * i + 2] = (byte) Warp.clamp(Math.round(y + 1.772 * cb));
		}
		return new ImageRaster(image.width(), image.height(), 3, out);
	}
}
