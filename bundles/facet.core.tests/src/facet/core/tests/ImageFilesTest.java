package facet.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.core.ImageFiles;
import facet.core.ImageRaster;

class ImageFilesTest {

	@TempDir
	Path dir;

	private static ImageRaster gradient(int w, int h, int channels) {
		byte[] pixels = new byte[w * h * channels];
		for (int i = 0; i < pixels.length; i++) {
			pixels[i] = (byte) (i * 7);
		}
		return new ImageRaster(w, h, channels, pixels);
	}

	@Test
	void pngRoundTripsExactlyInGrayAndRgb() throws Exception {
		for (int channels : new int[] { 1, 3 }) {
			ImageRaster image = gradient(13, 9, channels);
			Path file = dir.resolve("g" + channels + ".png");
			ImageFiles.writePng(image, file);
			ImageRaster back = ImageFiles.read(file, channels == 1);
			assertEquals(13, back.width());
			assertEquals(9, back.height());
			assertArrayEquals(image.pixels(), back.pixels());
		}
	}

	@Test
	void noiseRoundTripsExactlyThroughTheFastEncoder() throws Exception {
		// random bytes make every Sub-filter difference wrap around somewhere
		java.util.SplittableRandom random = new java.util.SplittableRandom(3);
		for (int channels : new int[] { 1, 3 }) {
			byte[] pixels = new byte[64 * 48 * channels];
			for (int i = 0; i < pixels.length; i++) {
				pixels[i] = (byte) random.nextInt(256);
			}
			ImageRaster image = new ImageRaster(64, 48, channels, pixels);
			Path file = dir.resolve("noise" + channels + ".png");
			ImageFiles.writePng(image, file);
			assertArrayEquals(pixels, ImageFiles.read(file, channels == 1).pixels(), channels + " channel(s)");
			java.awt.image.BufferedImage decoded = javax.imageio.ImageIO.read(file.toFile());
			assertEquals(channels == 1 ? java.awt.image.BufferedImage.TYPE_BYTE_GRAY : java.awt.image.BufferedImage.TYPE_3BYTE_BGR, decoded.getType(),
					"an 8-bit " + (channels == 1 ? "gray" : "RGB") + " PNG");
		}
	}

	@Test
	void theDemoPhotoDecodes() throws Exception {
		Path photo = Path.of(System.getProperty("facet.cache", System.getProperty("user.home") + "/.cache/facet"), "face-api/demo/sample1.jpg");
		assertTrue(Files.isRegularFile(photo), photo + " is missing: run releng/setup.sh");
		ImageRaster image = ImageFiles.read(photo, false);
		assertEquals(1920, image.width());
		assertEquals(3, image.channels());
	}

	@Test
	void badFilesAreRefusedNamingTheFile() throws Exception {
		Path text = Files.writeString(dir.resolve("notes.jpg"), "not an image at all");
		IOException notImage = assertThrows(IOException.class, () -> ImageFiles.read(text, true));
		assertTrue(notImage.getMessage().startsWith(text + ": not an image"), notImage.getMessage());

		Path png = dir.resolve("whole.png");
		ImageFiles.writePng(gradient(64, 64, 3), png);
		byte[] bytes = Files.readAllBytes(png);
		Path truncated = Files.write(dir.resolve("truncated.png"), Arrays.copyOf(bytes, bytes.length / 2));
		IOException cut = assertThrows(IOException.class, () -> ImageFiles.read(truncated, false));
		assertTrue(cut.getMessage().startsWith(truncated.toString()), cut.getMessage());

		assertThrows(java.nio.file.NoSuchFileException.class, () -> ImageFiles.read(dir.resolve("missing.png"), false));
	}

	@Test
	void aHugeImageIsRefusedFromItsHeaderWithoutDecoding() throws Exception {
		Path png = dir.resolve("small.png");
		ImageFiles.writePng(gradient(4, 4, 1), png);
		byte[] bytes = Files.readAllBytes(png);
		// rewrite the IHDR chunk to claim 20000 x 20000 pixels (and fix its CRC)
		ByteBuffer.wrap(bytes, 16, 8).putInt(20_000).putInt(20_000);
		CRC32 crc = new CRC32();
		crc.update(bytes, 12, 17);
		ByteBuffer.wrap(bytes, 29, 4).putInt((int) crc.getValue());
		Path huge = Files.write(dir.resolve("huge.png"), bytes);
		IOException e = assertThrows(IOException.class, () -> ImageFiles.read(huge, true));
		assertTrue(e.getMessage().contains("20000x20000 pixels is more than Facet decodes"), e.getMessage());
	}

	/** A PNG of the raster with an eXIf chunk (after IHDR) holding the given TIFF bytes. */
	private Path pngWithExif(ImageRaster image, String name, byte[] tiff) throws IOException {
		Path file = dir.resolve(name);
		ImageFiles.writePng(image, file);
		byte[] png = Files.readAllBytes(file);
		int afterHeader = 8 + 25;
		ByteBuffer chunk = ByteBuffer.allocate(12 + tiff.length).putInt(tiff.length).put("eXIf".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
				.put(tiff);
		CRC32 crc = new CRC32();
		crc.update(chunk.array(), 4, 4 + tiff.length);
		chunk.putInt((int) crc.getValue());
		byte[] out = new byte[png.length + chunk.capacity()];
		System.arraycopy(png, 0, out, 0, afterHeader);
		System.arraycopy(chunk.array(), 0, out, afterHeader, chunk.capacity());
		System.arraycopy(png, afterHeader, out, afterHeader + chunk.capacity(), png.length - afterHeader);
		return Files.write(file, out);
	}

	/** A TIFF structure whose first directory holds only an orientation tag. */
	private static byte[] orientationTiff(int orientation, java.nio.ByteOrder order) {
		ByteBuffer tiff = ByteBuffer.allocate(26).order(order);
		tiff.put(order == java.nio.ByteOrder.BIG_ENDIAN ? (byte) 'M' : (byte) 'I').put(order == java.nio.ByteOrder.BIG_ENDIAN ? (byte) 'M' : (byte) 'I');
		tiff.putShort((short) 42).putInt(8);
		// one entry: tag 0x0112, type SHORT, count 1, the value in the first two of four bytes; no next directory
		tiff.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0).putInt(0);
		return tiff.array();
	}

	@Test
	void everyExifOrientationIsTurnedUpright() throws Exception {
		// stored 3x2:  1 2 3 / 4 5 6; what a viewer shows for each orientation, written out by hand
		ImageRaster stored = new ImageRaster(3, 2, 1, new byte[] { 1, 2, 3, 4, 5, 6 });
		int[][] shown = { {}, { 1, 2, 3, 4, 5, 6 }, { 3, 2, 1, 6, 5, 4 }, { 6, 5, 4, 3, 2, 1 }, { 4, 5, 6, 1, 2, 3 }, { 1, 4, 2, 5, 3, 6 },
				{ 4, 1, 5, 2, 6, 3 }, { 6, 3, 5, 2, 4, 1 }, { 3, 6, 2, 5, 1, 4 } };
		for (int orientation = 1; orientation <= 8; orientation++) {
			java.nio.ByteOrder order = orientation % 2 == 0 ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN;
			Path file = pngWithExif(stored, "o" + orientation + ".png", orientationTiff(orientation, order));
			ImageRaster read = ImageFiles.read(file, true);
			byte[] expected = new byte[6];
			for (int i = 0; i < 6; i++) {
				expected[i] = (byte) shown[orientation][i];
			}
			boolean quarterTurn = orientation >= 5;
			assertEquals(quarterTurn ? 2 : 3, read.width(), "orientation " + orientation);
			assertEquals(quarterTurn ? 3 : 2, read.height(), "orientation " + orientation);
			assertArrayEquals(expected, read.pixels(), "orientation " + orientation);
			assertArrayEquals(new int[] { read.width(), read.height() }, ImageFiles.size(file), "orientation " + orientation);
		}
	}

	@Test
	void aPhonesPortraitJpegIsReadUpright() throws Exception {
		// a camera's layout: SOI, then the APP1 Exif segment (orientation 6), no JFIF segment
		java.awt.image.BufferedImage landscape = new java.awt.image.BufferedImage(64, 32, java.awt.image.BufferedImage.TYPE_INT_RGB);
		java.awt.Graphics2D g = landscape.createGraphics();
		g.setColor(java.awt.Color.RED);
		g.fillRect(0, 0, 32, 32);
		g.setColor(java.awt.Color.BLUE);
		g.fillRect(32, 0, 32, 32);
		g.dispose();
		java.io.ByteArrayOutputStream encoded = new java.io.ByteArrayOutputStream();
		javax.imageio.ImageIO.write(landscape, "jpg", encoded);
		byte[] jpeg = encoded.toByteArray();
		int app0Length = ((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff);
		assertEquals(0xE0, jpeg[3] & 0xff, "the JDK writes a JFIF segment first");
		byte[] tiff = orientationTiff(6, java.nio.ByteOrder.LITTLE_ENDIAN);
		ByteBuffer app1 = ByteBuffer.allocate(4 + 6 + tiff.length).put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + tiff.length))
				.put(new byte[] { 'E', 'x', 'i', 'f', 0, 0 }).put(tiff);
		java.io.ByteArrayOutputStream camera = new java.io.ByteArrayOutputStream();
		camera.write(jpeg, 0, 2);
		camera.writeBytes(app1.array());
		camera.write(jpeg, 4 + app0Length, jpeg.length - 4 - app0Length);
		Path file = Files.write(dir.resolve("portrait.jpg"), camera.toByteArray());

		ImageRaster read = ImageFiles.read(file, false);
		assertEquals(32, read.width());
		assertEquals(64, read.height());
		// turned a quarter clockwise: the stored left (red) half is on top
		int top = (10 * 32 + 16) * 3;
		int bottom = (54 * 32 + 16) * 3;
		assertTrue((read.pixels()[top] & 0xff) > 200 && (read.pixels()[top + 2] & 0xff) < 60, "red on top");
		assertTrue((read.pixels()[bottom + 2] & 0xff) > 200 && (read.pixels()[bottom] & 0xff) < 60, "blue below");
	}

	@Test
	void aMalformedExifBlockLeavesTheImageAsStored() throws Exception {
		ImageRaster stored = new ImageRaster(3, 2, 1, new byte[] { 1, 2, 3, 4, 5, 6 });
		// a directory offset far beyond the block
		byte[] broken = { 'M', 'M', 0, 42, 0x7f, 0, 0, 0, 0, 1 };
		ImageRaster read = ImageFiles.read(pngWithExif(stored, "broken.png", broken), true);
		assertEquals(3, read.width());
		assertArrayEquals(stored.pixels(), read.pixels());
	}
}
