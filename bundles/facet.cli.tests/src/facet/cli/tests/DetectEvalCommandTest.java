package facet.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.cli.ExitCodes;
import facet.cli.tests.harness.CommandLineFixture;
import facet.core.ImageFiles;
import facet.core.ImageRaster;

/**
 * {@code facet detect-eval} and {@code detect-compare} in process: exact numbers with the test
 * detector on images the test writes, the real detectors on the hand-labelled demo photos, and
 * bad annotation files.
 */
class DetectEvalCommandTest extends CommandLineFixture {

	private static final Path DEMO = Path.of(System.getProperty("facet.cache", System.getProperty("user.home") + "/.cache/facet"))
			.resolve("face-api/demo");
	/** The 22 faces of the six demo photos, labelled by hand (tycho-surefire runs in the bundle's folder). */
	private static final Path DEMO_FACES = Path.of("resources", "demo-faces.tsv").toAbsolutePath();

	@TempDir
	Path dir;

	/** Two 200×100 images; the test detector reports [50, 25, 150, 75] on each. */
	private Path twoImages() throws IOException {
		Path images = Files.createDirectories(dir.resolve("images"));
		ImageRaster gray = new ImageRaster(200, 100, 1, new byte[200 * 100]);
		ImageFiles.writePng(gray, images.resolve("a.png"));
		ImageFiles.writePng(gray, images.resolve("b.png"));
		return images;
	}

	@Test
	void testDetectorGivesHandComputedNumbersAndWritesCurveFiles() throws IOException {
		Path images = twoImages();
		// a.png: the detector's box exactly (found); b.png: a face elsewhere (missed, and the box there is false)
		Path annotations = Files.writeString(dir.resolve("faces.tsv"), "image\tx1\ty1\tx2\ty2\na.png\t50\t25\t150\t75\nb.png\t0\t0\t40\t40\n");
		Path outDir = dir.resolve("eval");
		assertEquals(ExitCodes.OK, run("detect-eval", "--detector", "test-detector", "--annotations", annotations.toString(), "--images",
				images.toString(), "--out", outDir.toString()), err);
		assertTrue(out.contains("2 images, 2 faces (0 ignored"), out);
		assertTrue(out.contains("precision 0.500  recall 0.500  AP@0.50 0.250  recall@1FP/image 0.500"), out);
		assertTrue(out.contains("1 true, 1 false, 0 on ignored faces; 1 faces missed"), out);
		assertTrue(out.contains("ms per image"), out);
		assertEquals(List.of("threshold,truePositives,falsePositives,precision,recall", "1.000000,1,1,0.500000,0.500000"),
				Files.readAllLines(outDir.resolve("pr-curve.csv")));
		List<String> matches = Files.readAllLines(outDir.resolve("matches.tsv"));
		assertTrue(matches.contains("a.png\ttrue-positive\t50.0\t25.0\t150.0\t75.0\t1.0000\t1.000"), matches.toString());
		assertTrue(matches.contains("b.png\tmissed\t0.0\t0.0\t40.0\t40.0\t\t"), matches.toString());
		ImageRaster chart = ImageFiles.read(outDir.resolve("pr-curve.png"), false);
		assertEquals(800, chart.width());
		assertTrue(out.contains("(SWTChart)") || out.contains("(Java2D ("), "the renderer is named: " + out);

		// margin 0.3 gives [60, 30, 140, 70]: IoU 3200 / 5000 = 0.64 with a's face, below 0.7
		assertEquals(ExitCodes.OK, run("detect-eval", "--detector", "test-detector", "--param", "margin=0.3", "--iou", "0.7", "--annotations",
				annotations.toString(), "--images", images.toString(), "--out", outDir.toString()), err);
		assertTrue(out.contains("precision 0.000  recall 0.000  AP@0.70 0.000"), out);
	}

	@Test
	void badAnnotationFileIsBadInputNamingFileAndLine() throws IOException {
		Path images = twoImages();
		Path bad = Files.writeString(dir.resolve("bad.tsv"), "image\tx1\ty1\tx2\ty2\na.png\t50\t25\t150\t75\nb.png\t0\tzero\t40\t40\n");
		assertEquals(ExitCodes.BAD_INPUT, run("detect-eval", "--detector", "test-detector", "--annotations", bad.toString(), "--images",
				images.toString(), "--out", dir.resolve("x").toString()));
		assertTrue(err.contains(bad + ":3") && err.contains("'zero'"), err);

		Path wider = Files.writeString(dir.resolve("wider_face_val_bbx_gt.txt"), "a.png\n1\n50 25 100\n");
		assertEquals(ExitCodes.BAD_INPUT, run("detect-compare", "--annotations", wider.toString(), "--images", images.toString()));
		assertTrue(err.contains(wider + ":3") && err.contains("got 3 fields"), err);

		assertEquals(ExitCodes.BAD_INPUT, run("detect-eval", "--annotations", dir.resolve("none.tsv").toString()));
		assertTrue(err.contains("none.tsv: no such annotation file"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("detect-eval", "--detector", "test-detector"));
		assertTrue(err.contains("--annotations FILE is required"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("detect-eval", "--annotations", bad.toString(), "--iou", "1.5"));
		assertTrue(err.contains("--iou needs a number"), err);
	}

	@Test
	void missingImageFailsButTheOthersAreScored() throws IOException {
		Path images = twoImages();
		Path annotations = Files.writeString(dir.resolve("faces.csv"), "a.png,50,25,150,75\ngone.png,0,0,10,10\n");
		assertEquals(ExitCodes.FAILURE, run("detect-eval", "--detector", "test-detector", "--annotations", annotations.toString(), "--images",
				images.toString(), "--out", dir.resolve("eval").toString()));
		assertTrue(err.contains(images.resolve("gone.png").toString()), err);
		assertTrue(out.contains("recall 0.500"), "the face of the missing image counts as missed: " + out);
	}

	@Test
	void compareRunsEveryDetectorOnTheLabelledDemoPhotos() throws IOException {
		Path outDir = dir.resolve("compare");
		int status = run("detect-compare", "--annotations", DEMO_FACES.toString(), "--images", DEMO.toString(), "--out", outDir.toString());
		assertEquals(ExitCodes.OK, status, out + err);
		assertTrue(out.contains("6 images, 22 faces"), out);
		Map<String, String[]> rows = new HashMap<>();
		for (String line : Files.readAllLines(outDir.resolve("detect-compare.csv")).subList(1, 4)) {
			String[] cells = line.split(",");
			rows.put(cells[0], cells);
		}
		assertEquals(Map.of("haar", 1, "mtcnn", 1, "test-detector", 1).keySet(), rows.keySet(), out);
		// mtcnn at its default thresholds finds at least 20 of the 22 faces; the test detector none
		assertTrue(Double.parseDouble(rows.get("mtcnn")[2]) >= 20 / 22.0, out);
		assertTrue(Double.parseDouble(rows.get("mtcnn")[1]) > Double.parseDouble(rows.get("haar")[1]), "mtcnn's AP beats haar's: " + out);
		assertEquals(0, Double.parseDouble(rows.get("test-detector")[2]), out);
		for (String[] row : rows.values()) {
			assertTrue(Double.parseDouble(row[5]) > 0 && Double.parseDouble(row[6]) > 0, String.join(",", row));
		}
		assertTrue(Files.size(outDir.resolve("pr-curves.png")) > 0);
	}
}
