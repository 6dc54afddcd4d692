package facet.core;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import facet.core.internal.ExifOrientation;
import facet.core.internal.PngEncoder;

/**
 * Reads and writes image files as {@link ImageRaster}s with the JDK's decoders, so that every
 * bundle decodes the same way without depending on OpenCV. Bad files give an {@link IOException}
 * naming the file and what was wrong; a huge image is refused from its header, before any pixel
 * is decoded. A JPEG's or PNG's EXIF orientation is applied, as image viewers and OpenCV's imread
 * do, so that a phone's portrait photo is read upright.
 */
public final class ImageFiles {

	/** Largest number of pixels decoded (about 8K × 8K): more would risk running out of memory. */
	public static final long MAX_PIXELS = 64L * 1024 * 1024;

	private ImageFiles() {
	}

	/**
	 * Decodes an image file (JPEG, PNG, BMP, GIF) into RGB, or gray when {@code gray} is set,
	 * turned upright by its EXIF orientation.
	 *
	 * @throws IOException naming the file: missing, not an image, truncated, empty, or too large
	 */
	public static ImageRaster read(Path file, boolean gray) throws IOException {
		return withCheckedReader(file, reader -> {
			// the JDK's JPEG decoder returns a truncated file's missing part as gray, with only a warning
			List<String> warnings = new ArrayList<>();
			reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
			BufferedImage image = reader.read(0);
			if (!warnings.isEmpty()) {
				throw new IOException(file + ": cannot decode (" + String.join("; ", warnings) + "); the file may be truncated or corrupt");
			}
			return ExifOrientation.upright(toRaster(image, gray), ExifOrientation.of(file));
		});
	}

	/**
	 * Reads only the header of an image file, so that a dataset can be checked without decoding
	 * every image.
	 *
	 * @return width and height, upright as {@link #read(Path, boolean)} gives them
	 * @throws IOException naming the file, as {@link #read(Path, boolean)} would for the same file
	 */
	public static int[] size(Path file) throws IOException {
		return withCheckedReader(file, reader -> ExifOrientation.swapsSides(ExifOrientation.of(file))
				? new int[] { reader.getHeight(0), reader.getWidth(0) }
				: new int[] { reader.getWidth(0), reader.getHeight(0) });
	}

	private interface ReaderAction<T> {
		T apply(ImageReader reader) throws IOException;
	}

	/** Opens a decoder on a file whose header gives a size Facet accepts, and runs an action with it. */
	private static <T> T withCheckedReader(Path file, ReaderAction<T> action) throws IOException {
		if (!Files.exists(file)) {
			throw new NoSuchFileException(file.toString(), null, "no such image file");
		}
		try (InputStream in = Files.newInputStream(file); ImageInputStream stream = ImageIO.createImageInputStream(in)) {
			Iterator<ImageReader> readers = stream == null ? null : ImageIO.getImageReaders(stream);
			if (readers == null || !readers.hasNext()) {
				throw new IOException(file + ": not an image (no JPEG, PNG, BMP or GIF header)");
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(stream, true, true);
				long width = reader.getWidth(0);
				long height = reader.getHeight(0);
				if (width <= 0 || height <= 0) {
					throw new IOException(file + ": the image is empty (" + width + "x" + height + ")");
				}
				if (width * height > MAX_PIXELS) {
					throw new IOException(file + ": " + width + "x" + height + " pixels is more than Facet decodes (" + MAX_PIXELS
							+ " pixels); downscale it first");
				}
				return action.apply(reader);
			} catch (IOException e) {
				if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
					throw e;
				}
				throw new IOException(file + ": cannot decode (" + e.getMessage() + "); the file may be truncated or corrupt", e);
			} catch (RuntimeException e) {
				// ImageIO's decoders throw unchecked exceptions on some corrupt inputs
				throw new IOException(file + ": cannot decode (" + e + "); the file may be truncated or corrupt", e);
			} finally {
				reader.dispose();
			}
		}
	}

	/** Converts a decoded image to 8-bit RGB or gray. */
	public static ImageRaster toRaster(BufferedImage image, boolean gray) {
		int w = image.getWidth();
		int h = image.getHeight();
		if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
			// getRGB would pass gray through a linear-to-sRGB conversion and change every value
			byte[] values = new byte[w * h];
			image.getRaster().getDataElements(0, 0, w, h, values);
			if (gray) {
				return new ImageRaster(w, h, 1, values);
			}
			byte[] rgb = new byte[w * h * 3];
			for (int i = 0; i < values.length; i++) {
				rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = values[i];
			}
			return new ImageRaster(w, h, 3, rgb);
		}
		int type = image.getType();
		if (type == BufferedImage.TYPE_3BYTE_BGR && !gray) {
			// what the JPEG and PNG readers give: the raster's data elements come in band order, R, G, B
			// (getRGB would pass each pixel through the color model)
			return new ImageRaster(w, h, 3, (byte[]) image.getRaster().getDataElements(0, 0, w, h, null));
		}
		int[] argb = type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB
				? (int[]) image.getRaster().getDataElements(0, 0, w, h, null)
				: image.getRGB(0, 0, w, h, null, 0, w);
		byte[] pixels = new byte[w * h * (gray ? 1 : 3)];
		for (int i = 0; i < argb.length; i++) {
			int r = (argb[i] >> 16) & 0xff;
			int g = (argb[i] >> 8) & 0xff;
			int b = argb[i] & 0xff;
			if (gray) {
				// ITU-R BT.601 luma, the weights OpenCV's cvtColor uses
				pixels[i] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
			} else {
				pixels[3 * i] = (byte) r;
				pixels[3 * i + 1] = (byte) g;
				pixels[3 * i + 2] = (byte) b;
			}
		}
		return new ImageRaster(w, h, gray ? 1 : 3, pixels);
	}

	/** The raster as a {@link BufferedImage} (TYPE_BYTE_GRAY or TYPE_INT_RGB). */
	public static BufferedImage toBufferedImage(ImageRaster raster) {
		int w = raster.width();
		int h = raster.height();
		if (raster.channels() == 1) {
			BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
			image.getRaster().setDataElements(0, 0, w, h, raster.pixels());
			return image;
		}
		BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		int[] rgb = new int[w * h];
		byte[] p = raster.pixels();
		for (int i = 0; i < rgb.length; i++) {
			rgb[i] = ((p[3 * i] & 0xff) << 16) | ((p[3 * i + 1] & 0xff) << 8) | (p[3 * i + 2] & 0xff);
		}
		// the raster's own ints: setRGB would pass each pixel through the color model
		image.getRaster().setDataElements(0, 0, w, h, rgb);
		return image;
	}

	/**
	 * Scales a raster to a size with bilinear interpolation (area-averaging when shrinking by
	 * more than half, so that small faces from large photos are not aliased), keeping channels.
	 */
	public static ImageRaster resize(ImageRaster raster, int width, int height) {
		if (raster.width() == width && raster.height() == height) {
			return raster;
		}
		BufferedImage source = toBufferedImage(raster);
		java.awt.Image scaled = width * 2 < raster.width() || height * 2 < raster.height()
				? source.getScaledInstance(width, height, java.awt.Image.SCALE_AREA_AVERAGING)
				: null;
		BufferedImage target = new BufferedImage(width, height, source.getType());
		java.awt.Graphics2D g = target.createGraphics();
		try {
			g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			g.drawImage(scaled != null ? scaled : source, 0, 0, width, height, null);
		} finally {
			g.dispose();
		}
		return toRaster(target, raster.channels() == 1);
	}

	/** A rectangle of a raster, clipped to the image; pixels outside are not invented. */
	public static ImageRaster crop(ImageRaster raster, int x, int y, int width, int height) {
		int x0 = Math.max(0, x);
		int y0 = Math.max(0, y);
		int x1 = Math.min(raster.width(), x + width);
		int y1 = Math.min(raster.height(), y + height);
		if (x1 <= x0 || y1 <= y0) {
			throw new IllegalArgumentException("the crop [" + x + ", " + y + ", " + width + "x" + height + "] lies outside the "
					+ raster.width() + "x" + raster.height() + " image");
		}
		int c = raster.channels();
		int w = x1 - x0;
		byte[] pixels = new byte[w * (y1 - y0) * c];
		for (int row = y0; row < y1; row++) {
			System.arraycopy(raster.pixels(), (row * raster.width() + x0) * c, pixels, (row - y0) * w * c, w * c);
		}
		return new ImageRaster(w, y1 - y0, c, pixels);
	}

	/** Writes a raster as PNG (lossless), atomically through a temporary file. */
	public static void writePng(ImageRaster raster, Path file) throws IOException {
		writePng(toBufferedImage(raster), file);
	}

	/**
	 * Writes an image as PNG (lossless), atomically through a temporary file. RGB and gray images
	 * go through Facet's fast encoder ({@link PngEncoder}), others through the JDK's writer.
	 */
	public static void writePng(BufferedImage image, Path file) throws IOException {
		int w = image.getWidth();
		int h = image.getHeight();
		byte[] png = switch (image.getType()) {
			case BufferedImage.TYPE_INT_RGB -> PngEncoder.rgb(w, h, (int[]) image.getRaster().getDataElements(0, 0, w, h, null));
			case BufferedImage.TYPE_BYTE_GRAY -> PngEncoder.gray(w, h, (byte[]) image.getRaster().getDataElements(0, 0, w, h, null));
			default -> {
				ByteArrayOutputStream bytes = new ByteArrayOutputStream();
				if (!ImageIO.write(image, "png", bytes)) {
					throw new IOException("no PNG writer available");
				}
				yield bytes.toByteArray();
			}
		};
		facet.core.runs.AtomicFiles.write(file, png);
	}
}
