package facet.data.tests;

import static facet.data.tests.Readers.ids;
import static facet.data.tests.Readers.open;
import static facet.data.tests.Readers.png;
import static facet.data.tests.Readers.skipped;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.core.ExpressionClass;
import facet.core.FaceBox;
import facet.core.Sample;
import facet.core.data.BadDataException;
import facet.core.spi.Dataset;

class AffectNetReaderTest {

	static final String HEADER = "subDirectory_filePath,face_x,face_y,face_width,face_height,facial_landmarks,expression,valence,arousal\n";

	@TempDir
	Path dir;
	Path training;
	Path validation;

	@BeforeEach
	void write() throws Exception {
		for (String name : List.of("1/a.png", "1/b.png", "1/c.png", "2/d.png", "2/e.png", "3/f.png")) {
			png(dir.resolve("Manually_Annotated_Images/" + name), 20, 16, 5);
		}
		training = Files.writeString(dir.resolve("training.csv"), HEADER
				+ "1/a.png,2,3,10,12,\"4.5;6.5;7.0\",1,0.5,0.2\n"
				+ "1/b.png,0,0,20,16,\"1;2\",7,-0.1,0.3\n"
				+ "1/c.png,1,1,5,5,,6,0,0\n"
				+ "2/d.png,1,1,5,5,,9,0,0\n");
		validation = Files.writeString(dir.resolve("validation.csv"), HEADER + "2/e.png,0,0,8,8,,0,0,0\n" + "3/f.png,0,0,8,8,,10,0,0\n");
	}

	private Map<String, Object> params(Object... more) {
		Map<String, Object> params = new java.util.HashMap<>(Map.of("file", training.toString(), "valFile", validation.toString(),
				"images", dir.resolve("Manually_Annotated_Images").toString()));
		for (int i = 0; i < more.length; i += 2) {
			params.put((String) more[i], more[i + 1]);
		}
		return params;
	}

	@Test
	void contemptAndNonExpressionCodesAreExcludedByDefault() throws Exception {
		Dataset dataset = open("affectnet", params());
		Map<String, List<Sample>> splits = dataset.splits();
		assertEquals(List.of("train", "val"), List.copyOf(splits.keySet()));
		assertEquals(List.of("1/a.png", "1/c.png"), ids(splits.get("train")));
		Sample a = splits.get("train").get(0);
		assertEquals(ExpressionClass.HAPPINESS, a.label());
		assertEquals(Optional.of(FaceBox.of(2, 3, 12, 15, 1.0)), a.face());
		assertEquals(ExpressionClass.ANGER, splits.get("train").get(1).label());
		assertEquals(List.of("2/e.png"), ids(splits.get("val")));
		assertArrayEquals(new int[] { 0, 0, 0, 0, 1, 0, 0 }, dataset.classCounts().get("val"));
		assertEquals(List.of(training + ":3: expression 7 (contempt) is not one of Facet's 7 classes; the mapping parameter can give it one",
				training + ":5: expression 9 (uncertain) is not one of Facet's 7 classes; the mapping parameter can give it one",
				validation + ":3: expression 10 (no face) is not one of Facet's 7 classes; the mapping parameter can give it one"), skipped(dataset));
		assertEquals(20, dataset.load(a).width());
	}

	@Test
	void theMappingGivesContemptAClassOrExcludesAnother() throws Exception {
		Dataset dataset = open("affectnet", params("mapping", "7=disgust,1=-"));
		List<Sample> train = dataset.splits().get("train");
		assertEquals(List.of("1/b.png", "1/c.png"), ids(train));
		assertEquals(ExpressionClass.DISGUST, train.get(0).label());
		assertEquals(training + ":2: expression 1 (happiness) is mapped to - by the mapping parameter", skipped(dataset).get(0));
	}

	@Test
	void aSplitColumnOrTheSplitParameterDecides() throws Exception {
		Path csv = Files.writeString(dir.resolve("all.csv"), "image,label,split\n1/a.png,1,test\n1/b.png,2,Training\n");
		Dataset dataset = open("affectnet", Map.of("file", csv.toString(), "images", dir.resolve("Manually_Annotated_Images").toString()));
		assertEquals(List.of("1/b.png"), ids(dataset.splits().get("train")));
		assertEquals(List.of("1/a.png"), ids(dataset.splits().get("test")));
		assertEquals(Optional.empty(), dataset.splits().get("test").get(0).face());

		Path plain = Files.writeString(dir.resolve("Manually_Annotated_Images/labels.csv"), "image,label\n1/a.png,1\n");
		assertEquals(plain + ": cannot tell the split from the file name; expected a name containing train, val or test, a split column, or the split parameter",
				assertThrows(BadDataException.class, () -> open("affectnet", Map.of("file", plain.toString())).splits()).getMessage());
		assertEquals(List.of("test"), List.copyOf(open("affectnet", Map.of("file", plain.toString(), "split", "test")).splits().keySet()));
	}

	@Test
	void malformedRowsNameFileLineAndExpectation() throws Exception {
		Map<String, String> cases = Map.of(
				"1/a.png,2,3,10,12,,x,0,0", "expression is \"x\", expected an integer in [0, 10]",
				"1/a.png,2,3,10,12,,11,0,0", "expression is \"11\", expected an integer in [0, 10]",
				"1/a.png,2,3,10,12,,1,0", "expected 9 columns as in the header, got 8",
				"1/a.png,-2,3,10,12,,1,0,0", "face box (x, y, width, height) is (-2, 3, 10, 12), expected numbers with x, y ≥ 0 and width, height > 0",
				"1/a.png,2,3,ten,12,,1,0,0", "face box (x, y, width, height) is (2, 3, ten, 12), expected numbers with x, y ≥ 0 and width, height > 0",
				"1/a.png,12,3,10,12,,1,0,0", "face box (x, y, width, height) = (12, 3, 10, 12) reaches outside the 20x16 image "
						+ dir.resolve("Manually_Annotated_Images/1/a.png"),
				",2,3,10,12,,1,0,0", "the image path is empty, expected a path relative to " + dir.resolve("Manually_Annotated_Images"));
		int n = 0;
		for (Map.Entry<String, String> c : cases.entrySet()) {
			Path csv = Files.writeString(dir.resolve("train" + n++ + ".csv"), HEADER + "1/b.png,0,0,20,16,,1,0,0\n" + c.getKey() + "\n");
			BadDataException e = assertThrows(BadDataException.class,
					() -> open("affectnet", Map.of("file", csv.toString(), "images", dir.resolve("Manually_Annotated_Images").toString())).splits());
			assertEquals(csv + ":3: " + c.getValue(), e.getMessage());
		}
		Path missing = Files.writeString(dir.resolve("train-missing.csv"), HEADER + "9/z.png,0,0,20,16,,1,0,0\n");
		assertEquals(dir.resolve("Manually_Annotated_Images/9/z.png") + ": no such image file (listed at " + missing + ":2)",
				assertThrows(BadDataException.class, () -> open("affectnet",
						Map.of("file", missing.toString(), "images", dir.resolve("Manually_Annotated_Images").toString())).splits()).getMessage());
		Path noLabel = Files.writeString(dir.resolve("train-nolabel.csv"), "image,valence\n1/a.png,0\n");
		assertEquals(noLabel + ":1: no column for the expression id (expected one named expression or label or emotion); header is \"image,valence\"",
				assertThrows(BadDataException.class, () -> open("affectnet", Map.of("file", noLabel.toString())).splits()).getMessage());

		Path mixed = Files.writeString(dir.resolve("train-mixed.csv"), HEADER + "1/b.png,0,0,20,16,,1,0,0\n1/a.png,2,3,10,12,,x,0,0\n9/z.png,0,0,20,16,,1,0,0\n");
		Dataset skipping = open("affectnet", Map.of("file", mixed.toString(), "images", dir.resolve("Manually_Annotated_Images").toString(), "skipBad", true));
		assertEquals(List.of("1/b.png"), ids(skipping.splits().get("train")));
		assertEquals(2, skipping.skipped().stream().filter(s -> s.bad()).count(), skipping.skipped().toString());
	}
}
