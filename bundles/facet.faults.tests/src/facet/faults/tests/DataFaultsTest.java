package facet.faults.tests;

import static facet.faults.tests.FaultLedger.assertNoDataLost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.Sample;
import facet.core.data.BadDataException;
import facet.core.data.SkippedEntry;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.spi.Dataset;
import facet.core.spi.DatasetFactory;

/** Bad data through the real readers: every case is a clear error naming the place, or a counted skip. */
@ExtendWith(FaultLedger.class)
class DataFaultsTest {

	@TempDir
	Path dir;

	// ---- images ------------------------------------------------------------------------------

	@Test
	void aTruncatedJpegIsAnErrorNamingTheFile() throws Exception {
		Path file = jpeg(dir.resolve("face.jpg"));
		byte[] bytes = Files.readAllBytes(file);
		Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
		IOException e = assertThrows(IOException.class, () -> ImageFiles.read(file, false));
		assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
		assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
	}

	@Test
	void aCorruptPngIsAnErrorNamingTheFile() throws Exception {
		Path file = dir.resolve("face.png");
		ImageIO.write(noise(32, 32), "png", file.toFile());
		byte[] bytes = Files.readAllBytes(file);
		for (int i = 60; i < bytes.length - 20; i += 7) {
			bytes[i] ^= (byte) 0x5a;
		}
		Files.write(file, bytes);
		IOException e = assertThrows(IOException.class, () -> ImageFiles.read(file, true));
		assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
	}

	@Test
	void aTruncatedPngIsAnErrorNamingTheFile() throws Exception {
		Path file = dir.resolve("face.png");
		ImageIO.write(noise(64, 64), "png", file.toFile());
		byte[] bytes = Files.readAllBytes(file);
		Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
		IOException e = assertThrows(IOException.class, () -> ImageFiles.read(file, false));
		assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
	}

	@Test
	void aCorruptJpegIsAnErrorNamingTheFile() throws Exception {
		// JPEG has no checksum: damaged scan data decodes to wrong pixels, so the damage is in the
		// markers that say how to decode (quantization and Huffman tables, frame header)
		Path file = jpeg(dir.resolve("face.jpg"));
		byte[] bytes = Files.readAllBytes(file);
		for (int i = 2; i < 200; i += 3) {
			bytes[i] ^= (byte) 0x5a;
		}
		Files.write(file, bytes);
		IOException e = assertThrows(IOException.class, () -> ImageFiles.read(file, false));
		assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
	}

	@Test
	void aZeroByZeroImageIsRefusedFromItsHeader() throws Exception {
		Path file = Files.write(dir.resolve("empty.png"), pngHeaderOnly(0, 0));
		IOException e = assertThrows(IOException.class, () -> ImageFiles.size(file));
		assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
		assertThrows(IOException.class, () -> ImageFiles.read(file, false));
	}

	@Test
	void aHugeImageIsRefusedFromItsHeaderWithoutDecodingIt() throws Exception {
		// 20000 × 20000 RGB would need 1.2 GB decoded; the file is a few bytes
		Path file = Files.write(dir.resolve("huge.png"), pngHeaderOnly(20000, 20000));
		IOException e = assertThrows(IOException.class, () -> ImageFiles.read(file, false));
		assertTrue(e.getMessage().contains("20000x20000 pixels is more than Facet decodes"), e.getMessage());
		assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
	}

	// ---- fer2013 -----------------------------------------------------------------------------

	@Test
	void aFer2013RowWithTheWrongColumnCountNamesItsLine() throws Exception {
		Path csv = fer("0," + pixels(0) + ",Training", "3," + pixels(1));
		BadDataException e = assertThrows(BadDataException.class, () -> open("fer2013", Map.of("file", csv.toString())).splits());
		assertEquals(csv + ":3", e.location());
	}

	@Test
	void nonNumericPixelsNameTheirLine() throws Exception {
		Path csv = fer("0," + pixels(0).replaceFirst(" 7 ", " seven ") + ",Training");
		BadDataException e = assertThrows(BadDataException.class, () -> open("fer2013", Map.of("file", csv.toString())).splits());
		assertEquals(csv + ":2", e.location());
		assertTrue(e.problem().contains("seven"), e.problem());
	}

	@Test
	void anUnknownFer2013LabelNamesItsLine() throws Exception {
		Path csv = fer("0," + pixels(0) + ",Training", "9," + pixels(0) + ",Training");
		BadDataException e = assertThrows(BadDataException.class, () -> open("fer2013", Map.of("file", csv.toString())).splits());
		assertEquals(csv + ":3", e.location());
		assertTrue(e.problem().contains("9"), e.problem());
	}

	@Test
	void skipBadCountsEveryMalformedFer2013RowAndKeepsTheGoodOnes() throws Exception {
		Path csv = fer("0," + pixels(0) + ",Training", "3," + pixels(1), "4," + pixels(2).replaceFirst(" 7 ", " x ") + ",Training",
				"12," + pixels(3) + ",Training", "6," + pixels(4) + ",PublicTest", "5,1 2 3,PrivateTest");
		Dataset dataset = open("fer2013", Map.of("file", csv.toString(), "skipBad", true));
		Map<String, List<Sample>> splits = dataset.splits();
		int samples = splits.values().stream().mapToInt(List::size).sum();
		List<SkippedEntry> skipped = dataset.skipped();
		assertEquals(List.of(csv + ":3", csv + ":4", csv + ":5", csv + ":7"), skipped.stream().map(SkippedEntry::location).toList());
		assertTrue(skipped.stream().allMatch(SkippedEntry::bad), skipped.toString());
		assertNoDataLost(samples + skipped.size() == 6, "6 rows but " + samples + " samples and " + skipped.size() + " skipped");
		assertEquals(48, dataset.load(splits.get("train").get(0)).width());
	}

	// ---- image folders -----------------------------------------------------------------------

	@Test
	void anUnknownClassFolderIsNamed() throws Exception {
		png(dir.resolve("train/happy/a.png"));
		png(dir.resolve("train/bored/b.png"));
		IOException e = assertThrows(IOException.class, () -> open("imagefolder", Map.of("root", dir.toString())).splits());
		assertTrue(e.getMessage().contains("bored"), e.getMessage());
	}

	@Test
	void anEmptyClassFolderIsNamed() throws Exception {
		png(dir.resolve("train/happy/a.png"));
		Files.createDirectories(dir.resolve("train/sad"));
		IOException e = assertThrows(IOException.class, () -> open("imagefolder", Map.of("root", dir.toString())).splits());
		assertTrue(e.getMessage().contains("sad"), e.getMessage());
	}

	@Test
	void anImageFolderWithBadImagesNamesTheFirstOne() throws Exception {
		png(dir.resolve("train/happy/a.png"));
		Path huge = Files.write(dir.resolve("train/happy/huge.png"), pngHeaderOnly(20000, 20000));
		IOException e = assertThrows(IOException.class, () -> open("imagefolder", Map.of("root", dir.toString())).splits());
		assertTrue(e.getMessage().contains(huge.getFileName().toString()), e.getMessage());
	}

	@Test
	void skipBadCountsEveryBadImageFolderEntry() throws Exception {
		png(dir.resolve("train/happy/a.png"));
		png(dir.resolve("train/happy/b.png"));
		png(dir.resolve("train/sad/c.png"));
		Files.write(dir.resolve("train/happy/empty.png"), pngHeaderOnly(0, 0));
		Files.write(dir.resolve("train/happy/huge.png"), pngHeaderOnly(20000, 20000));
		Files.writeString(dir.resolve("train/sad/notes.jpg"), "not an image");
		png(dir.resolve("train/bored/d.png"));
		Files.createDirectories(dir.resolve("train/angry"));
		Dataset dataset = open("imagefolder", Map.of("root", dir.toString(), "skipBad", true));
		Map<String, List<Sample>> splits = dataset.splits();
		List<String> ids = splits.get("train").stream().map(Sample::id).sorted().toList();
		assertEquals(List.of("train/happy/a.png", "train/happy/b.png", "train/sad/c.png"), ids);
		List<String> skipped = dataset.skipped().stream().map(SkippedEntry::location).toList();
		assertTrue(skipped.stream().anyMatch(s -> s.endsWith("empty.png")), skipped.toString());
		assertTrue(skipped.stream().anyMatch(s -> s.endsWith("huge.png")), skipped.toString());
		assertTrue(skipped.stream().anyMatch(s -> s.endsWith("notes.jpg")), skipped.toString());
		assertTrue(skipped.stream().anyMatch(s -> s.contains("bored")), skipped.toString());
		assertTrue(skipped.stream().anyMatch(s -> s.contains("angry")), skipped.toString());
		assertNoDataLost(skipped.size() == 5, "5 bad entries, " + skipped.size() + " listed: " + skipped);
	}

	@Test
	void aTruncatedJpegInAFolderFailsItsLoadNamingTheFile() throws Exception {
		png(dir.resolve("train/happy/a.png"));
		Path file = jpeg(dir.resolve("train/happy/b.jpg"));
		byte[] bytes = Files.readAllBytes(file);
		Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
		Dataset dataset = open("imagefolder", Map.of("root", dir.toString(), "skipBad", true));
		List<Sample> train = dataset.splits().get("train");
		int failed = 0;
		int loaded = 0;
		for (Sample sample : train) {
			try {
				dataset.load(sample);
				loaded++;
			} catch (IOException e) {
				assertTrue(e.getMessage().contains("b.jpg"), e.getMessage());
				failed++;
			}
		}
		assertNoDataLost(loaded + failed + dataset.skipped().size() == 2, "2 files: " + loaded + " loaded, " + failed + " failed, "
				+ dataset.skipped());
		assertEquals(1, loaded);
	}

	@Test
	void fileNamesThatAreNotUtf8AreReadOrNamedNeverLost() throws Exception {
		png(dir.resolve("train/happy/a.png"));
		Path bytes = png(dir.resolve("good.png"));
		// a Latin-1 name (0xE9 = é) is not valid UTF-8; the JDK cannot spell it, the shell can
		Process p = new ProcessBuilder("sh", "-c", "cp good.png \"train/happy/caf$(printf '\\351').png\"").directory(dir.toFile())
				.inheritIO().start();
		assertEquals(0, p.waitFor());
		Files.delete(bytes);
		try (var list = Files.list(dir.resolve("train/happy"))) {
			assertEquals(2, list.count(), "the shell made the second file");
		}
		Dataset dataset = open("imagefolder", Map.of("root", dir.toString(), "skipBad", true));
		List<Sample> train = dataset.splits().get("train");
		int loaded = 0;
		for (Sample sample : train) {
			ImageRaster raster = dataset.load(sample);
			assertEquals(8, raster.width());
			loaded++;
		}
		assertNoDataLost(loaded + dataset.skipped().size() == 2, loaded + " loaded, skipped " + dataset.skipped());
		// without skipBad it is read or it is an error naming its folder, never silently dropped
		try {
			Dataset strict = open("imagefolder", Map.of("root", dir.toString()));
			int n = 0;
			for (Sample sample : strict.splits().get("train")) {
				strict.load(sample);
				n++;
			}
			assertNoDataLost(n == 2, "strict reading gave " + n + " of 2 images");
		} catch (IOException e) {
			assertTrue(e.getMessage().contains("happy"), e.getMessage());
		}
	}

	// ---- helpers -----------------------------------------------------------------------------

	static Dataset open(String id, Map<String, ?> params) throws Exception {
		ModuleDescriptor module = ModuleRegistry.getDefault().get(ModuleKind.DATASET, id);
		var settings = module.settings(params);
		DatasetFactory factory = module.factory(DatasetFactory.class);
		factory.validate(settings);
		return factory.create(settings);
	}

	private Path fer(String... rows) throws IOException {
		return Files.writeString(dir.resolve("fer2013.csv"), "emotion,pixels,Usage\n" + String.join("\n", rows) + "\n");
	}

	private static String pixels(int value) {
		return IntStream.range(0, 2304).mapToObj(i -> Integer.toString((value + i) % 256)).collect(Collectors.joining(" "));
	}

	private static Path png(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		byte[] pixels = new byte[8 * 8];
		Arrays.fill(pixels, (byte) 100);
		ImageFiles.writePng(new ImageRaster(8, 8, 1, pixels), file);
		return file;
	}

	private static Path jpeg(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		ImageIO.write(noise(64, 64), "jpg", file.toFile());
		return file;
	}

	private static BufferedImage noise(int w, int h) {
		BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(1);
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				image.setRGB(x, y, random.nextInt(1 << 24));
			}
		}
		return image;
	}

	/** A PNG signature and an IHDR chunk claiming a size, with no pixel data: what a header check sees. */
	static byte[] pngHeaderOnly(int width, int height) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a });
		ByteBuffer ihdr = ByteBuffer.allocate(17);
		ihdr.put("IHDR".getBytes()).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
		out.writeBytes(ByteBuffer.allocate(4).putInt(13).array());
		out.writeBytes(ihdr.array());
		CRC32 crc = new CRC32();
		crc.update(ihdr.array());
		out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
		ByteBuffer iend = ByteBuffer.allocate(12).putInt(0).put("IEND".getBytes());
		CRC32 endCrc = new CRC32();
		endCrc.update("IEND".getBytes());
		iend.putInt((int) endCrc.getValue());
		out.writeBytes(iend.array());
		return out.toByteArray();
	}
}
