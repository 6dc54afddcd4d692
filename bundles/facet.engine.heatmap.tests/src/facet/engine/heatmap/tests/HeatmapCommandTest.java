package facet.engine.heatmap.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.cli.ExitCodes;
import facet.cli.tests.harness.CommandLineFixture;
import facet.core.ImageFiles;
import facet.core.ImageRaster;

/** {@code facet heatmap --model pretrained} in process on a crop of a demo photo around one face. */
class HeatmapCommandTest extends CommandLineFixture {

	private static final Path DEMO = Path.of(System.getProperty("facet.cache", System.getProperty("user.home") + "/.cache/facet"))
			.resolve("face-api/demo");

	@TempDir
	Path dir;

	private Path photo;

	/** A 460-pixel square of sample1.jpg around the face that face-api's detector boxes at [818, 421, 227]. */
	@BeforeEach
	void cropAFace() throws IOException {
		ImageRaster sample = ImageFiles.read(DEMO.resolve("sample1.jpg"), false);
		photo = dir.resolve("face.png");
		ImageFiles.writePng(ImageFiles.crop(sample, 701, 304, 460, 460), photo);
	}

	@Test
	void gradCamOfThePretrainedModelOnADetectedFaceWritesPicturesAndTheFaceNumbers() throws IOException {
		Path outDir = dir.resolve("maps");
		assertEquals(ExitCodes.OK, run("heatmap", "--model", "pretrained", "--out", outDir.toString(), photo.toString()), err);
		ImageRaster onCrop = ImageFiles.read(outDir.resolve("face.face1.gradcam-stage4.png"), false);
		assertTrue(onCrop.width() >= 224 && onCrop.width() == onCrop.height(), onCrop.width() + "x" + onCrop.height());
		ImageRaster onPhoto = ImageFiles.read(outDir.resolve("face.gradcam-stage4.png"), false);
		assertEquals(460, onPhoto.width());
		assertTrue(out.contains("face 1: gradcam-stage4"), out);
		assertTrue(out.contains("attention on the face, gradcam-stage4 (pretrained model)"), out);
		assertTrue(out.contains("eyes") && out.contains("pointing"), out);
		assertTrue(out.contains("wrote 2 picture(s) to " + outDir.toAbsolutePath().normalize()), out);
	}

	@Test
	void gradCamPlusPlusForAChosenClassOnAWholeCropWithoutDetection() throws IOException {
		Path outDir = dir.resolve("pp");
		assertEquals(ExitCodes.OK, run("heatmap", "--model", "pretrained", "--method", "gradcam++", "--class", "happy", "--stage", "stage3",
				"--opacity", "0.7", "--colormap", "jet", "--no-detect", "--out", outDir.toString(), photo.toString()), err);
		assertTrue(Files.isRegularFile(outDir.resolve("face.face1.gradcampp-stage3.png")), out);
		assertTrue(out.contains("gradcampp-stage3 happiness"), out);
		assertTrue(!out.contains("attention on the face"), "no landmarks without a detector: " + out);
	}

	@Test
	void badRequestsAreExplained() {
		assertEquals(ExitCodes.BAD_INPUT, run("heatmap", "--model", "pretrained", "--opacity", "2", photo.toString()));
		assertTrue(err.contains("--opacity expects a number in [0, 1]"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("heatmap", "--model", "pretrained", "--stage", "stage9", "--out", dir.toString(), photo.toString()));
		assertTrue(err.contains("stem, stage1, stage2, stage3, stage4, head-input"), err);
		assertEquals(ExitCodes.FAILURE, run("heatmap", "--model", "pretrained", "--method", "attention", "--out", dir.toString(), photo.toString()));
		assertTrue(err.contains("no attention module"), err);
	}
}
