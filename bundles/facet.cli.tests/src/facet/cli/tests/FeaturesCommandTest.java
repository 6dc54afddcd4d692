package facet.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.cli.ExitCodes;
import facet.cli.tests.harness.CommandLineFixture;
import facet.core.ImageFiles;
import facet.core.ImageRaster;

/** {@code facet features show} draws any installed extractor through the registry. */
class FeaturesCommandTest extends CommandLineFixture {

	@TempDir
	Path dir;

	private Path face() throws Exception {
		int size = 64;
		byte[] p = new byte[size * size];
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				double dx = (x - 32) / 24.0;
				double dy = (y - 32) / 29.0;
				p[y * size + x] = (byte) (dx * dx + dy * dy < 1 ? 180 - (Math.abs(y - 24) < 3 && Math.abs(Math.abs(x - 32) - 11) < 4 ? 140 : 0) : 50);
			}
		}
		Path file = dir.resolve("face.png");
		ImageFiles.writePng(new ImageRaster(size, size, 1, p), file);
		return file;
	}

	@Test
	void hogLbpAndGaborPicturesAreWritten() throws Exception {
		Path image = face();
		Path outDir = dir.resolve("out");
		assertEquals(ExitCodes.OK, run("features", "show", "--feature", "hog", "--param", "cell=8", "--size", "64", "--out", outDir.toString(),
				image.toString()), err);
		assertTrue(out.contains("feature 'hog' on 64x64: 1764 values"), out);
		assertEquals(ExitCodes.OK, run("features", "show", "--feature", "lbp", "--out", outDir.toString(), image.toString()), err);
		assertEquals(ExitCodes.OK, run("features", "show", "--feature", "gabor", "--param", "scales=2", "--out", outDir.toString(), image.toString()),
				err);
		for (String name : List.of("face.input.png", "face.hog.glyphs.png", "face.lbp.codes.png", "face.lbp.histograms.png",
				"face.gabor.responses.png", "face.gabor.kernels.png")) {
			assertTrue(Files.size(outDir.resolve(name)) > 100, name);
		}
		assertEquals(96, ImageFiles.read(outDir.resolve("face.input.png"), true).width(), "the last run used the default size");
	}

	@Test
	void badRequestsAreUsageErrors() throws Exception {
		Path image = face();
		assertEquals(ExitCodes.BAD_INPUT, run("features", "show", "--feature", "sift", "--out", dir.toString(), image.toString()));
		assertTrue(err.contains("unknown feature 'sift'"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("features", "show", "--feature", "pca", "--out", dir.toString(), image.toString()));
		assertTrue(err.contains("post-processing stage"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("features", "show", "--feature", "hog", "--param", "bins=1", "--out", dir.toString(), image.toString()));
		assertTrue(err.contains("bins"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("features", "draw"));
	}
}
