package facet.core.internal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import facet.core.ImageRaster;

/**
 * The EXIF orientation of a JPEG (APP1 "Exif" segment) or PNG (eXIf chunk), and the turn that
 * shows the stored pixels upright. Phones store a portrait photo as a landscape sensor image
 * with orientation 6; every viewer, and OpenCV's imread, turns it, while the JDK's decoders do
 * not. Unturned, the faces lie on their side and the detectors miss them.
 * <p>
 * Orientation is optional metadata: a file without it, or with a malformed EXIF block, counts as
 * upright (1), as in image viewers; decoding the pixels is what reports a broken file.
 */
public final class ExifOrientation {

	/** Stored pixels are upright. */
	public static final int UPRIGHT = 1;

	// the EXIF blocks of cameras sit within the first few hundred KB; a file with more ahead of its
	// pixels gets no turn rather than a long read
	private static final int SEARCH_LIMIT = 1 << 20;
	private static final int ORIENTATION_TAG = 0x0112;
	private static final int SHORT = 3;

	private ExifOrientation() {
	}

	/** The orientation (1–8) a JPEG or PNG file records, 1 when it records none. */
	public static int of(Path file) throws IOException {
		try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
			int first = in.readUnsignedByte();
			int second = in.readUnsignedByte();
			if (first == 0xFF && second == 0xD8) {
				return fromJpeg(in);
			}
			if (first == 0x89 && second == 'P') {
				in.skipNBytes(6);
				return fromPng(in);
			}
			return UPRIGHT;
		} catch (EOFException e) {
			return UPRIGHT;
		}
	}

	private static int fromJpeg(DataInputStream in) throws IOException {
		long read = 2;
		while (read < SEARCH_LIMIT) {
			if (in.readUnsignedByte() != 0xFF) {
				return UPRIGHT;
			}
			int marker = in.readUnsignedByte();
			while (marker == 0xFF) {
				marker = in.readUnsignedByte();
			}
			// start of scan or end of image: the metadata segments are behind
			if (marker == 0xDA || marker == 0xD9) {
				return UPRIGHT;
			}
			int length = in.readUnsignedShort() - 2;
			if (length < 0) {
				return UPRIGHT;
			}
			if (marker == 0xE1 && length > 6) {
				byte[] segment = in.readNBytes(length);
				if (segment.length == length && segment[0] == 'E' && segment[1] == 'x' && segment[2] == 'i' && segment[3] == 'f'
						&& segment[4] == 0 && segment[5] == 0) {
					return fromTiff(ByteBuffer.wrap(segment, 6, segment.length - 6).slice());
				}
			} else {
				in.skipNBytes(length);
			}
			read += 4 + length;
		}
		return UPRIGHT;
	}

	private static int fromPng(DataInputStream in) throws IOException {
		long read = 8;
		while (read < SEARCH_LIMIT) {
			int length = in.readInt();
			byte[] type = in.readNBytes(4);
			String name = new String(type, StandardCharsets.US_ASCII);
			if (length < 0 || name.equals("IDAT") || name.equals("IEND")) {
				return UPRIGHT;
			}
			if (name.equals("eXIf")) {
				byte[] data = in.readNBytes(length);
				return data.length == length ? fromTiff(ByteBuffer.wrap(data)) : UPRIGHT;
			}
			// the data and its CRC
			in.skipNBytes(length + 4L);
			read += 12L + length;
		}
		return UPRIGHT;
	}

	/** The orientation tag of the first image directory of a TIFF structure. */
	static int fromTiff(ByteBuffer tiff) {
		try {
			if (tiff.get(0) == 'I' && tiff.get(1) == 'I') {
				tiff.order(ByteOrder.LITTLE_ENDIAN);
			} else if (tiff.get(0) == 'M' && tiff.get(1) == 'M') {
				tiff.order(ByteOrder.BIG_ENDIAN);
			} else {
				return UPRIGHT;
			}
			int directory = tiff.getInt(4);
			int entries = Short.toUnsignedInt(tiff.getShort(directory));
			for (int i = 0; i < entries; i++) {
				int entry = directory + 2 + 12 * i;
				if (Short.toUnsignedInt(tiff.getShort(entry)) == ORIENTATION_TAG && tiff.getShort(entry + 2) == SHORT) {
					int value = Short.toUnsignedInt(tiff.getShort(entry + 8));
					return value >= 1 && value <= 8 ? value : UPRIGHT;
				}
			}
			return UPRIGHT;
		} catch (IndexOutOfBoundsException e) {
			return UPRIGHT;
		}
	}

	/** Whether the orientation swaps width and height (5–8: a quarter turn, with or without a mirror). */
	public static boolean swapsSides(int orientation) {
		return orientation >= 5 && orientation <= 8;
	}

	/** The raster turned (and mirrored) so that it shows upright; the same raster for 1. */
	public static ImageRaster upright(ImageRaster stored, int orientation) {
		if (orientation <= UPRIGHT || orientation > 8) {
			return stored;
		}
		int w = stored.width();
		int h = stored.height();
		int c = stored.channels();
		int outW = swapsSides(orientation) ? h : w;
		int outH = swapsSides(orientation) ? w : h;
		byte[] in = stored.pixels();
		byte[] out = new byte[in.length];
		int k = 0;
		for (int y = 0; y < outH; y++) {
			for (int x = 0; x < outW; x++) {
				// where the pixel shown at (x, y) is stored
				int sx;
				int sy;
				switch (orientation) {
				case 2 -> {
					sx = w - 1 - x;
					sy = y;
				}
				case 3 -> {
					sx = w - 1 - x;
					sy = h - 1 - y;
				}
				case 4 -> {
					sx = x;
					sy = h - 1 - y;
				}
				case 5 -> {
					sx = y;
					sy = x;
				}
				case 6 -> {
					sx = y;
					sy = h - 1 - x;
				}
				case 7 -> {
					sx = w - 1 - y;
					sy = h - 1 - x;
				}
				default -> {
					sx = w - 1 - y;
					sy = x;
				}
				}
				int from = (sy * w + sx) * c;
				for (int i = 0; i < c; i++) {
					out[k++] = in[from + i];
				}
			}
		}
		return new ImageRaster(outW, outH, c, out);
	}
}
