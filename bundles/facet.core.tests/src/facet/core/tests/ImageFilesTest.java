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
}
