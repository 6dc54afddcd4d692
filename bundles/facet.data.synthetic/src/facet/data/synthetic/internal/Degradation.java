package facet.data.synthetic.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import facet.core.ImageFiles;
import facet.core.ImageRaster;

/**
 * What a camera and the web do to a clean drawing: uneven light, contrast, defocus, sensor
 * noise and JPEG compression, each drawn from the ranges of a {@link Difficulty}.
 */
public final class Degradation {

	private Degradation() {
	}

	/**
	 * @param image the drawing (TYPE_INT_RGB), not modified
	 * @param channels 1 for gray output, 3 for RGB
	 * @param pixelScale image size relative to a 48-pixel face, so that blur looks alike at every size
	 */
	public static ImageRaster apply(BufferedImage image, int channels, Difficulty d, double pixelScale, SplittableRandom r) {
		int w = image.getWidth();
		int h = image.getHeight();
		int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
		float[][] planes = new float[3][w * h];
		for (int i = 0; i < argb.length; i++) {
			planes[0][i] = (argb[i] >> 16) & 0xff;
			planes[1][i] = (argb[i] >> 8) & 0xff;
			planes[2][i] = argb[i] & 0xff;
		}
		double angle = r.nextDouble() * 2 * Math.PI;
		double strength = r.nextDouble() * d.lighting();
		double gain = 1 + Identity.range(r, -0.6, 0.6) * d.lighting();
		double offset = Identity.range(r, -40, 40) * d.lighting();
		double dx = Math.cos(angle) / (w / 2.0);
		double dy = Math.sin(angle) / (h / 2.0);
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				double light = gain * Math.max(0.25, 1 + strength * ((x - w / 2.0) * dx + (y - h / 2.0) * dy));
				int i = y * w + x;
				for (float[] plane : planes) {
					plane[i] = (float) (plane[i] * light + offset);
				}
			}
		}
		double sigma = r.nextDouble() * d.blurSigma() * pixelScale;
		if (sigma > 0.2) {
			for (float[] plane : planes) {
				blur(plane, w, h, sigma);
			}
		}
		double noise = r.nextDouble() * d.noiseSigma();
		byte[] pixels = new byte[w * h * channels];
		for (int i = 0; i < w * h; i++) {
			if (channels == 1) {
				// ITU-R BT.601 luma, as ImageFiles and OpenCV convert
				double luma = 0.299 * planes[0][i] + 0.587 * planes[1][i] + 0.114 * planes[2][i];
				pixels[i] = toByte(luma + noise * r.nextGaussian());
			} else {
				for (int c = 0; c < 3; c++) {
					pixels[3 * i + c] = toByte(planes[c][i] + noise * r.nextGaussian());
				}
			}
		}
		ImageRaster raster = new ImageRaster(w, h, channels, pixels);
		if (r.nextDouble() < d.jpegProbability()) {
			raster = jpeg(raster, (float) Identity.range(r, d.jpegMinQuality(), 0.95));
		}
		return raster;
	}

	private static byte toByte(double v) {
		return (byte) Math.max(0, Math.min(255, Math.round(v)));
	}

	/** A round trip through the JDK's JPEG codec, which is deterministic for a given quality. */
	static ImageRaster jpeg(ImageRaster raster, float quality) {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		try {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
				writer.setOutput(out);
				ImageWriteParam param = writer.getDefaultWriteParam();
				param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
				param.setCompressionQuality(quality);
				writer.write(null, new IIOImage(ImageFiles.toBufferedImage(raster), null, null), param);
			}
			BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
			return ImageFiles.toRaster(decoded, raster.channels() == 1);
		} catch (IOException e) {
			throw new UncheckedIOException("JPEG round trip in memory failed", e);
		} finally {
			writer.dispose();
		}
	}

	static void blur(float[] plane, int w, int h, double sigma) {
		int radius = (int) Math.ceil(2.5 * sigma);
		float[] kernel = new float[2 * radius + 1];
		float sum = 0;
		for (int i = -radius; i <= radius; i++) {
			kernel[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
			sum += kernel[i + radius];
		}
		for (int i = 0; i < kernel.length; i++) {
			kernel[i] /= sum;
		}
		float[] tmp = new float[plane.length];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				float acc = 0;
				for (int k = -radius; k <= radius; k++) {
					int xx = Math.max(0, Math.min(w - 1, x + k));
					acc += kernel[k + radius] * plane[y * w + xx];
				}
				tmp[y * w + x] = acc;
			}
		}
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				float acc = 0;
				for (int k = -radius; k <= radius; k++) {
					int yy = Math.max(0, Math.min(h - 1, y + k));
					acc += kernel[k + radius] * tmp[yy * w + x];
				}
				plane[y * w + x] = acc;
			}
		}
	}
}
