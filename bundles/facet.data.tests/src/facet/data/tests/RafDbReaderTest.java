package facet.data.tests;

import static facet.data.tests.Readers.ids;
import static facet.data.tests.Readers.open;
import static facet.data.tests.Readers.skipped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.core.ExpressionClass;
import facet.core.ImageRaster;
import facet.core.Sample;
import facet.core.data.BadDataException;
import facet.core.spi.Dataset;

class RafDbReaderTest {

	@TempDir
	Path root;

	private void jpeg(String relative, int rgb) throws IOException {
		Path file = root.resolve(relative);
		Files.createDirectories(file.getParent());
		BufferedImage image = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 10; y++) {
			for (int x = 0; x < 10; x++) {
				image.setRGB(x, y, rgb);
			}
		}
		ImageIO.write(image, "jpg", file.toFile());
	}

	private Path list(String text) throws IOException {
		Path list = root.resolve("EmotionLabel/list_patition_label.txt");
		Files.createDirectories(list.getParent());
		return Files.writeString(list, text);
	}

	@Test
	void readsAlignedImagesWithRafLabelsAndPrefixSplits() throws Exception {
		list("train_00001.jpg 5\ntrain_00002.jpg 1\r\ntest_0001.jpg 7\n\n");
		jpeg("Image/aligned/train_00001_aligned.jpg", 0x808080);
		jpeg("Image/aligned/train_00002_aligned.jpg", 0x404040);
		jpeg("Image/aligned/test_0001_aligned.jpg", 0xc0c0c0);
		jpeg("Image/original/train_00001.jpg", 0x101010);
		Dataset dataset = open("rafdb", Map.of("root", root.toString()));
		Map<String, List<Sample>> splits = dataset.splits();
		assertEquals(List.of("train", "test"), List.copyOf(splits.keySet()));
		assertEquals(List.of("Image/aligned/train_00001_aligned.jpg", "Image/aligned/train_00002_aligned.jpg"), ids(splits.get("train")));
		assertEquals(List.of(ExpressionClass.SADNESS, ExpressionClass.SURPRISE), splits.get("train").stream().map(Sample::label).toList());
		assertEquals(ExpressionClass.NEUTRAL, splits.get("test").get(0).label());
		ImageRaster image = dataset.load(splits.get("train").get(1));
		assertEquals(3, image.channels());
		assertEquals(0x40, image.get(5, 5, 1), 3);

		list("train_00001.jpg 5\n");
		Dataset original = open("rafdb", Map.of("root", root.toString(), "images", "original", "gray", true));
		Sample sample = original.splits().get("train").get(0);
		assertEquals("Image/original/train_00001.jpg", sample.id());
		assertEquals(0x10, original.load(sample).get(0, 0, 0), 3);
	}

	@Test
	void badLinesAndMissingImagesAreRefusedOrSkippedAndCounted() throws Exception {
		jpeg("Image/aligned/train_00001_aligned.jpg", 0x808080);
		Path list = list("train_00001.jpg 5\ntrain_00002.jpg 8\nval_00003.jpg 2\ntrain_00004.jpg\ntrain_00005.jpg 3\n");
		Map<Integer, String> expected = Map.of(2, "label is \"8\", expected an integer in [1, 7]",
				3, "image \"val_00003.jpg\" starts with neither train_ nor test_, expected one of them to tell the split",
				4, "expected \"<image name> <label 1-7>\", got \"train_00004.jpg\"");
		BadDataException e = assertThrows(BadDataException.class, () -> open("rafdb", Map.of("root", root.toString())).splits());
		assertEquals(list + ":2: " + expected.get(2), e.getMessage());

		Dataset dataset = open("rafdb", Map.of("root", root.toString(), "skipBad", true));
		assertEquals(List.of("Image/aligned/train_00001_aligned.jpg"), ids(dataset.splits().get("train")));
		Path missing = root.resolve("Image/aligned/train_00005_aligned.jpg");
		assertEquals(List.of(list + ":2: " + expected.get(2), list + ":3: " + expected.get(3), list + ":4: " + expected.get(4),
				missing + ": no such image file (listed at " + list + ":5)"), skipped(dataset));
		assertEquals(4, dataset.skipped().stream().filter(s -> s.bad()).count());

		Files.delete(list);
		assertEquals(list + ": no such file (expected RAF-DB basic's label list, officially spelt list_patition_label.txt)",
				assertThrows(IOException.class, () -> open("rafdb", Map.of("root", root.toString())).splits()).getMessage());
	}
}
