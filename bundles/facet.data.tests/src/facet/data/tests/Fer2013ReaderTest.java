package facet.data.tests;

import static facet.data.tests.Readers.ids;
import static facet.data.tests.Readers.open;
import static facet.data.tests.Readers.pixels;
import static facet.data.tests.Readers.skipped;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.core.ExpressionClass;
import facet.core.ImageRaster;
import facet.core.Sample;
import facet.core.data.BadDataException;
import facet.core.spi.Dataset;

class Fer2013ReaderTest {

	@TempDir
	Path dir;

	private Path csv(String name, String... rows) throws IOException {
		return Files.writeString(dir.resolve(name), "emotion,pixels,Usage\n" + String.join("\n", rows) + "\n");
	}

	@Test
	void readsTheThreeSplitsWithCanonicalLabelsAndStableIds() throws Exception {
		Path file = csv("fer2013.csv", "0," + pixels(0) + ",Training", "3," + pixels(1) + ",Training", "6," + pixels(2) + ",PublicTest",
				"5," + pixels(3) + ",PrivateTest", "3," + pixels(4) + ",Training");
		Dataset dataset = open("fer2013", Map.of("file", file.toString()));
		Map<String, List<Sample>> splits = dataset.splits();
		assertEquals(List.of("train", "val", "test"), List.copyOf(splits.keySet()));
		assertEquals(List.of("fer2013.csv:2", "fer2013.csv:3", "fer2013.csv:6"), ids(splits.get("train")));
		assertEquals(List.of(ExpressionClass.ANGER, ExpressionClass.HAPPINESS, ExpressionClass.HAPPINESS),
				splits.get("train").stream().map(Sample::label).toList());
		assertEquals(ExpressionClass.NEUTRAL, splits.get("val").get(0).label());
		assertEquals(ExpressionClass.SURPRISE, splits.get("test").get(0).label());
		assertArrayEquals(new int[] { 1, 0, 0, 2, 0, 0, 0 }, dataset.classCounts().get("train"));
		assertArrayEquals(new int[] { 0, 0, 0, 0, 1, 0, 0 }, dataset.classCounts().get("val"));
		assertArrayEquals(new int[] { 0, 0, 0, 0, 0, 0, 1 }, dataset.classCounts().get("test"));
		ImageRaster face = dataset.load(splits.get("val").get(0));
		assertEquals(48, face.width());
		assertEquals(1, face.channels());
		assertEquals(2, face.get(0, 0, 0));
		assertEquals(2 + 47, face.get(47, 0, 0));
		assertEquals((2 + 2303) % 256, face.get(47, 47, 0));
		assertTrue(dataset.skipped().isEmpty());
	}

	@Test
	void ferPlusVotesGiveTheLabelAndTiesUnknownNotAFaceAndContemptAreExcluded() throws Exception {
		Path file = csv("fer2013.csv", "0," + pixels(0) + ",Training", "0," + pixels(0) + ",Training", "0," + pixels(0) + ",Training",
				"0," + pixels(0) + ",PublicTest", "0," + pixels(0) + ",PublicTest", "0," + pixels(0) + ",PrivateTest",
				"0," + pixels(0) + ",PrivateTest");
		Path plus = Files.writeString(dir.resolve("fer2013new.csv"), """
				Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF
				Training,fer0000000.png,0,8,1,0,0,0,0,0,1,0
				Training,fer0000001.png,0,4,4,0,0,0,0,0,2,0
				Training,fer0000002.png,2,0,0,0,0,0,0,0,6,2
				PublicTest,,0,0,0,0,0,0,0,0,0,10
				PublicTest,fer0000004.png,1,0,0,0,0,0,0,7,2,0
				PrivateTest,fer0000005.png,0,0,0,3,5,1,1,0,0,0
				PrivateTest,fer0000006.png,0,0,0,0,0,0,0,0,0,0
				""");
		Dataset dataset = open("fer2013", Map.of("file", file.toString(), "ferPlus", plus.toString()));
		Map<String, List<Sample>> splits = dataset.splits();
		assertEquals(List.of("fer2013.csv:2"), ids(splits.get("train")));
		assertEquals(ExpressionClass.HAPPINESS, splits.get("train").get(0).label());
		assertEquals(List.of(), splits.getOrDefault("val", List.of()));
		assertEquals(List.of("fer2013.csv:7"), ids(splits.get("test")));
		assertEquals(ExpressionClass.ANGER, splits.get("test").get(0).label());
		assertEquals(List.of(file + ":3: FER+ votes tie between happiness and surprise (4 each) (" + plus + ":3)",
				file + ":4: FER+ majority is \"unknown\" (" + plus + ":4)",
				file + ":5: FER+ majority is \"NF\" (not a face) (" + plus + ":5)",
				file + ":6: FER+ majority is \"contempt\", which is not one of Facet's 7 classes (" + plus + ":6)",
				file + ":8: FER+ row has no votes (" + plus + ":8)"), skipped(dataset));
		assertTrue(dataset.skipped().stream().noneMatch(s -> s.bad()), "excluded rows are not bad rows");
	}

	@Test
	void ferPlusRowsMustBeAlignedWithFer2013() throws Exception {
		Path file = csv("fer2013.csv", "0," + pixels(0) + ",Training", "0," + pixels(0) + ",Training");
		Path plus = Files.writeString(dir.resolve("fer2013new.csv"), """
				Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF
				Training,fer0000000.png,0,8,1,0,0,0,0,0,1,0
				""");
		IOException e = assertThrows(IOException.class, () -> open("fer2013", Map.of("file", file.toString(), "ferPlus", plus.toString())).splits());
		assertEquals(plus + ": has 1 label rows but " + file + ":3 is data row 2; FER+ labels must be aligned row by row with FER2013", e.getMessage());

		Path shifted = Files.writeString(dir.resolve("shifted.csv"), """
				Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF
				Training,fer0000000.png,0,8,1,0,0,0,0,0,1,0
				PublicTest,fer0000001.png,0,8,1,0,0,0,0,0,1,0
				""");
		e = assertThrows(IOException.class, () -> open("fer2013", Map.of("file", file.toString(), "ferPlus", shifted.toString())).splits());
		assertEquals(shifted + ":3: Usage is \"PublicTest\" but " + file + ":3 says \"Training\"; FER+ labels must be aligned row by row with FER2013",
				e.getMessage());
	}

	@Test
	void everyMalformedRowIsRefusedNamingFileLineAndExpectation() throws Exception {
		String good = "0," + pixels(0) + ",Training";
		Map<String, String> cases = Map.of(
				"0," + pixels(0), "expected 3 columns (emotion,pixels,Usage), got 2",
				"0," + pixels(0).substring(2) + ",Training", "expected 2304 pixel values (48x48), got 2303",
				"0," + pixels(0) + " 7,Training", "expected 2304 pixel values (48x48), got 2305",
				"0," + pixels(0).replace(" 17 ", " 1x7 ") + ",Training", "pixel value 18 is \"1x7\", expected an integer in [0, 255]",
				"0," + pixels(0).replace(" 17 ", " 256 ") + ",Training", "pixel value 18 is \"256\", expected an integer in [0, 255]",
				"7," + pixels(0) + ",Training", "emotion is \"7\", expected an integer in [0, 6]",
				"happy," + pixels(0) + ",Training", "emotion is \"happy\", expected an integer in [0, 6]",
				"0," + pixels(0) + ",Validation", "Usage is \"Validation\", expected Training, PublicTest or PrivateTest");
		int n = 0;
		for (Map.Entry<String, String> c : cases.entrySet()) {
			Path file = csv("bad" + n++ + ".csv", good, c.getKey());
			BadDataException e = assertThrows(BadDataException.class, () -> open("fer2013", Map.of("file", file.toString())).splits());
			assertEquals(file + ":3: " + c.getValue(), e.getMessage());
			assertEquals(file + ":3", e.location());
		}
		Path header = Files.writeString(dir.resolve("header.csv"), "label,pixels\n" + good + "\n");
		assertEquals(header + ":1: expected the header emotion,pixels,Usage, got \"label,pixels\"",
				assertThrows(BadDataException.class, () -> open("fer2013", Map.of("file", header.toString())).splits()).getMessage());
		Path empty = Files.writeString(dir.resolve("empty.csv"), "");
		assertEquals(empty + ": empty file, expected the header emotion,pixels,Usage",
				assertThrows(BadDataException.class, () -> open("fer2013", Map.of("file", empty.toString())).splits()).getMessage());
		Path missing = dir.resolve("missing.csv");
		assertEquals(missing + ": no such file (expected a FER2013 CSV with header emotion,pixels,Usage)",
				assertThrows(IOException.class, () -> open("fer2013", Map.of("file", missing.toString())).splits()).getMessage());
	}

	@Test
	void skipBadSkipsAndListsMalformedRows() throws Exception {
		Path file = csv("fer2013.csv", "0," + pixels(0) + ",Training", "9," + pixels(0) + ",Training", "1,1 2 3,PublicTest",
				"2," + pixels(0) + ",Whatever", "4,\"" + pixels(0) + ",Training", "3," + pixels(5) + ",PrivateTest");
		Dataset dataset = open("fer2013", Map.of("file", file.toString(), "skipBad", true));
		assertEquals(List.of("fer2013.csv:2", "fer2013.csv:7"), ids(Splits.flat(dataset.splits())));
		assertEquals(List.of(file + ":3: emotion is \"9\", expected an integer in [0, 6]",
				file + ":4: expected 2304 pixel values (48x48), got 3",
				file + ":5: Usage is \"Whatever\", expected Training, PublicTest or PrivateTest",
				file + ":6: a quoted field is not closed on its line (expected a closing \")"), skipped(dataset));
		assertTrue(dataset.skipped().stream().allMatch(s -> s.bad()));
		assertFalse(dataset.classCounts().containsKey("val"));
	}

	@Test
	void resplitPoolsAndDividesByClassWithTheSeed() throws Exception {
		StringBuilder rows = new StringBuilder("emotion,pixels,Usage\n");
		for (int i = 0; i < 70; i++) {
			rows.append(i % 7).append(',').append(pixels(i)).append(',').append(i < 50 ? "Training" : "PrivateTest").append('\n');
		}
		Path file = Files.writeString(dir.resolve("fer2013.csv"), rows);
		Dataset dataset = open("fer2013", Map.of("file", file.toString(), "resplit", "stratified", "fractions", "train=0.6,val=0.2,test=0.2", "seed", 5));
		Map<String, int[]> counts = dataset.classCounts();
		for (int c = 0; c < 7; c++) {
			assertEquals(6, counts.get("train")[c]);
			assertEquals(2, counts.get("val")[c]);
			assertEquals(2, counts.get("test")[c]);
		}
		Dataset again = open("fer2013", Map.of("file", file.toString(), "resplit", "stratified", "fractions", "train=0.6,val=0.2,test=0.2", "seed", 5));
		assertEquals(ids(dataset.splits().get("val")), ids(again.splits().get("val")));
		Dataset fold = open("fer2013", Map.of("file", file.toString(), "resplit", "kfold", "folds", 5, "fold", 4));
		assertEquals(14, fold.splits().get("test").size());
		assertEquals(56, fold.splits().get("train").size());
		assertTrue(assertThrows(facet.core.modules.ModuleException.class,
				() -> open("fer2013", Map.of("file", file.toString(), "resplit", "kfold", "folds", 5, "fold", 5))).getMessage()
				.endsWith("parameter 'fold': expected an integer in [0, 4] for folds = 5, got 5"));
	}
}
