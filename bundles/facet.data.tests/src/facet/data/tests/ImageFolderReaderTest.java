package facet.data.tests;

import static facet.data.tests.Readers.ids;
import static facet.data.tests.Readers.open;
import static facet.data.tests.Readers.png;
import static facet.data.tests.Readers.skipped;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.core.ExpressionClass;
import facet.core.ImageRaster;
import facet.core.Sample;
import facet.core.data.BadDataException;
import facet.core.modules.ModuleException;
import facet.core.spi.Dataset;

class ImageFolderReaderTest {

	@TempDir
	Path root;

	@Test
	void synonymsAndACustomMappingNameTheClasses() throws Exception {
		png(root.resolve("train/happy/a.png"), 8, 6, 10);
		png(root.resolve("train/happy/b.PNG"), 8, 6, 11);
		png(root.resolve("train/Angry/a.jpg.png"), 8, 6, 12);
		png(root.resolve("train/ang/x.png"), 8, 6, 13);
		png(root.resolve("train/contempt/c.png"), 8, 6, 14);
		png(root.resolve("training/neutral/deep/n.png"), 8, 6, 15);
		png(root.resolve("test/sad/s.png"), 8, 6, 16);
		png(root.resolve("test/SU/s.png"), 8, 6, 17);
		Files.writeString(root.resolve("train/happy/notes.txt"), "not an image");
		Files.writeString(root.resolve("README.md"), "files beside the folders are not samples");
		Files.createDirectories(root.resolve(".cache/happy"));
		Dataset dataset = open("imagefolder", Map.of("root", root.toString(), "mapping", "ang=anger, contempt=-"));
		Map<String, List<Sample>> splits = dataset.splits();
		assertEquals(List.of("train", "test"), List.copyOf(splits.keySet()));
		assertEquals(List.of("train/Angry/a.jpg.png", "train/ang/x.png", "train/happy/a.png", "train/happy/b.PNG", "training/neutral/deep/n.png"),
				ids(splits.get("train")));
		assertEquals(List.of(ExpressionClass.ANGER, ExpressionClass.ANGER, ExpressionClass.HAPPINESS, ExpressionClass.HAPPINESS,
				ExpressionClass.NEUTRAL), splits.get("train").stream().map(Sample::label).toList());
		assertArrayEquals(new int[] { 0, 0, 0, 0, 0, 1, 1 }, dataset.classCounts().get("test"));
		assertEquals(List.of(root.resolve("train/contempt/c.png") + ": class folder \"contempt\" is mapped to - (left out)"), skipped(dataset));
		ImageRaster gray = open("imagefolder", Map.of("root", root.toString(), "mapping", "ang=anger,contempt=-", "gray", true))
				.load(splits.get("train").get(1));
		assertEquals(13, gray.get(0, 0, 0));
		assertEquals(1, gray.channels());
		// folders are read in path order, upper case first: test/SU before test/sad
		ImageRaster rgb = dataset.load(splits.get("test").get(0));
		assertEquals(3, rgb.channels());
		assertEquals(17, rgb.get(7, 5, 2));
	}

	@Test
	void classFoldersAtTheRootGiveOneSplitToDivide() throws Exception {
		for (int i = 0; i < 10; i++) {
			png(root.resolve("HA/" + i + ".png"), 4, 4, i);
			png(root.resolve("SA/" + i + ".png"), 4, 4, i);
		}
		Dataset all = open("imagefolder", Map.of("root", root.toString()));
		assertEquals(List.of("all"), List.copyOf(all.splits().keySet()));
		Dataset folds = open("imagefolder", Map.of("root", root.toString(), "resplit", "kfold", "folds", 10, "fold", 3));
		assertArrayEquals(new int[] { 0, 0, 0, 1, 0, 1, 0 }, folds.classCounts().get("test"));
		assertArrayEquals(new int[] { 0, 0, 0, 9, 0, 9, 0 }, folds.classCounts().get("train"));
	}

	@Test
	void badFoldersAndImagesAreRefusedNamingThePath() throws Exception {
		png(root.resolve("train/happy/a.png"), 4, 4, 1);
		Files.createDirectories(root.resolve("train/zzz"));
		png(root.resolve("train/zzz/a.png"), 4, 4, 1);
		assertEquals(root.resolve("train/zzz") + ": folder name \"zzz\" is no expression class; expected one of anger, disgust, fear, happiness, neutral, sadness, surprise, a synonym (angry, happy, sad, surprised, fearful, disgusted …) or an entry of the mapping parameter",
				assertThrows(BadDataException.class, () -> open("imagefolder", Map.of("root", root.toString())).splits()).getMessage());
		Files.delete(root.resolve("train/zzz/a.png"));
		Files.delete(root.resolve("train/zzz"));

		Files.createDirectories(root.resolve("train/sad"));
		Files.writeString(root.resolve("train/sad/list.txt"), "no images here");
		assertEquals(root.resolve("train/sad") + ": no images, expected .png, .jpg, .jpeg, .bmp, .gif, .tif or .tiff files",
				assertThrows(BadDataException.class, () -> open("imagefolder", Map.of("root", root.toString())).splits()).getMessage());
		Files.delete(root.resolve("train/sad/list.txt"));
		Files.delete(root.resolve("train/sad"));

		Path text = Files.writeString(root.resolve("train/happy/b.png"), "not an image at all");
		assertEquals(text + ": not an image (no JPEG, PNG, BMP or GIF header)",
				assertThrows(BadDataException.class, () -> open("imagefolder", Map.of("root", root.toString())).splits()).getMessage());
		Dataset unchecked = open("imagefolder", Map.of("root", root.toString(), "checkImages", false));
		Sample b = unchecked.splits().get("train").get(1);
		assertEquals(text + ": not an image (no JPEG, PNG, BMP or GIF header)", assertThrows(IOException.class, () -> unchecked.load(b)).getMessage());
		Files.delete(text);

		Path huge = hugePng(root.resolve("train/happy/huge.png"), 20_000, 20_000);
		assertEquals(huge + ": 20000x20000 pixels is more than Facet decodes (67108864 pixels); downscale it first",
				assertThrows(BadDataException.class, () -> open("imagefolder", Map.of("root", root.toString())).splits()).getMessage());
		Path empty = hugePng(huge, 0, 0);
		// the JDK's PNG reader refuses a 0x0 header itself, before Facet sees the size
		assertEquals(empty + ": cannot decode (I/O error reading PNG header!); the file may be truncated or corrupt",
				assertThrows(BadDataException.class, () -> open("imagefolder", Map.of("root", root.toString())).splits()).getMessage());
		Files.delete(empty);

		Files.createDirectories(root.resolve("other/happy"));
		png(root.resolve("other/happy/a.png"), 4, 4, 1);
		assertEquals(root.resolve("other") + ": folder beside train/ is not a split; expected only train/, val/ and test/ at the root (or only class folders)",
				assertThrows(BadDataException.class, () -> open("imagefolder", Map.of("root", root.toString())).splits()).getMessage());

		assertEquals(root.resolve("nowhere") + ": no such folder, expected the dataset root (train/, val/, test/ holding one folder per class, or the class folders)",
				assertThrows(IOException.class, () -> open("imagefolder", Map.of("root", root.resolve("nowhere").toString())).splits()).getMessage());
	}

	@Test
	void skipBadSkipsAndCountsBadFoldersAndImages() throws Exception {
		png(root.resolve("train/happy/a.png"), 4, 4, 1);
		png(root.resolve("train/mystery/a.png"), 4, 4, 1);
		Files.createDirectories(root.resolve("train/sad"));
		Path text = Files.writeString(root.resolve("train/happy/b.jpg"), "not an image");
		Dataset dataset = open("imagefolder", Map.of("root", root.toString(), "skipBad", true));
		assertEquals(List.of("train/happy/a.png"), ids(dataset.splits().get("train")));
		assertEquals(3, dataset.skipped().size(), dataset.skipped().toString());
		assertEquals(List.of(text + ": not an image (no JPEG, PNG, BMP or GIF header)",
				root.resolve("train/mystery") + ": folder name \"mystery\" is no expression class; expected one of anger, disgust, fear, happiness, neutral, sadness, surprise, a synonym (angry, happy, sad, surprised, fearful, disgusted …) or an entry of the mapping parameter",
				root.resolve("train/sad") + ": no images, expected .png, .jpg, .jpeg, .bmp, .gif, .tif or .tiff files"), skipped(dataset));
	}

	@Test
	void aBadMappingIsRefusedWhenTheModuleIsCreated() {
		ModuleException e = assertThrows(ModuleException.class, () -> open("imagefolder", Map.of("root", root.toString(), "mapping", "happy=joyful")));
		assertTrue(e.getMessage().endsWith("parameter 'mapping': \"joyful\" is no expression class; expected anger, disgust, fear, happiness, neutral, sadness, surprise (or a synonym) or - to leave the folder out"),
				e.getMessage());
		e = assertThrows(ModuleException.class, () -> open("imagefolder", Map.of("root", root.toString(), "mapping", "happy")));
		assertTrue(e.getMessage().endsWith("parameter 'mapping': \"happy\" is not folder=class; expected e.g. \"happy=happiness,ang=anger,contempt=-\""),
				e.getMessage());
	}

	@Test
	void fileNamesThatAreNotUtf8DoNotBreakTheReader() throws Exception {
		Path sh = Path.of("/bin/sh");
		assumeTrue(Files.isExecutable(sh), "needs /bin/sh to create names Java cannot spell");
		png(root.resolve("train/happy/a.png"), 4, 4, 7);
		png(root.resolve("train/sad/b.png"), 4, 4, 9);
		// Latin-1 bytes for "ä" and a lone 0xff: invalid UTF-8 in a file and in a folder name
		Process p = new ProcessBuilder(sh.toString(), "-c",
				"mv train/happy/a.png \"train/happy/$(printf 'caf\\344')-$(printf '\\377').png\" && mv train/sad \"train/sad$(printf '\\377')\" "
						+ "&& mkdir -p \"train/sad\" && mv \"train/sad$(printf '\\377')/b.png\" \"train/sad/\\$odd name (1).png\"")
				.directory(root.toFile()).redirectErrorStream(true).start();
		String output = new String(p.getInputStream().readAllBytes());
		assertEquals(0, p.waitFor(), output);
		Dataset dataset = open("imagefolder", Map.of("root", root.toString(), "skipBad", true));
		List<Sample> train = dataset.splits().get("train");
		assertEquals(2, train.size(), train + " skipped " + dataset.skipped());
		for (Sample sample : train) {
			ImageRaster image = dataset.load(sample);
			assertEquals(sample.label() == ExpressionClass.HAPPINESS ? 7 : 9, image.get(0, 0, 0), sample.id());
		}
		// the folder "sad\xff" is no class name: reported, not a crash
		assertEquals(1, dataset.skipped().size(), dataset.skipped().toString());
		assertTrue(dataset.skipped().get(0).reason().startsWith("no images") || dataset.skipped().get(0).reason().startsWith("folder name"),
				dataset.skipped().toString());
	}

	/** A PNG whose header claims a size (the pixels stay 4x4): huge without using memory. */
	static Path hugePng(Path file, int width, int height) throws IOException {
		png(file, 4, 4, 1);
		byte[] bytes = Files.readAllBytes(file);
		ByteBuffer.wrap(bytes, 16, 8).putInt(width).putInt(height);
		CRC32 crc = new CRC32();
		crc.update(bytes, 12, 17);
		ByteBuffer.wrap(bytes, 29, 4).putInt((int) crc.getValue());
		return Files.write(file, bytes);
	}
}
