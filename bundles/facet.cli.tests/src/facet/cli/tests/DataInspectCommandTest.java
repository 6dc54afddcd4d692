package facet.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.cli.ExitCodes;
import facet.cli.tests.harness.CommandLineFixture;
import facet.core.ImageFiles;
import facet.core.ImageRaster;

/**
 * {@code facet data inspect SPEC} opens every kind of SPEC through the installed dataset
 * readers: folders and CSV files (reader guessed), {@code ID:NAME=VALUE,...} and experiment
 * files, all written here.
 */
class DataInspectCommandTest extends CommandLineFixture {

	@TempDir
	Path dir;

	/** A uniformly gray PNG. */
	private Path png(Path file, int width, int height, int value) throws IOException {
		Files.createDirectories(file.getParent());
		byte[] pixels = new byte[width * height];
		Arrays.fill(pixels, (byte) value);
		ImageFiles.writePng(new ImageRaster(width, height, 1, pixels), file);
		return file;
	}

	private Path jpeg(Path file, int rgb) throws IOException {
		Files.createDirectories(file.getParent());
		BufferedImage image = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 10; y++) {
			for (int x = 0; x < 10; x++) {
				image.setRGB(x, y, rgb);
			}
		}
		ImageIO.write(image, "jpg", file.toFile());
		return file;
	}

	private static String pixels(int value, int count) {
		return IntStream.range(0, count).mapToObj(i -> Integer.toString(value)).collect(Collectors.joining(" "));
	}

	/** train: 2 happy, 1 sad; test: 1 angry, 1 neutral; 12x10 gray, values 10 … 50. */
	private Path imageFolder() throws IOException {
		Path root = dir.resolve("ck");
		png(root.resolve("train/happy/a.png"), 12, 10, 10);
		png(root.resolve("train/happy/b.png"), 12, 10, 20);
		png(root.resolve("train/sad/c.png"), 12, 10, 30);
		png(root.resolve("test/angry/d.png"), 12, 10, 40);
		png(root.resolve("test/neutral/e.png"), 12, 10, 50);
		return root;
	}

	@Test
	void aFolderIsReadByTheImageFolderReaderAsGrayWhenItsImagesAre() throws IOException {
		Path root = imageFolder();
		Path sheets = dir.resolve("sheets");
		assertEquals(ExitCodes.OK, run("data", "inspect", root.toString(), "--sheets", sheets.toString()), err);
		assertTrue(out.startsWith("imagefolder {root=" + root + ", "), out);
		assertTrue(out.contains("gray=true") && out.contains("(guessed from " + root + ")"), out);
		// canonical order: anger, disgust, fear, happiness, neutral, sadness, surprise
		assertTrue(out.matches("(?s).*\\ntest\\s+1\\s+0\\s+0\\s+0\\s+1\\s+0\\s+0\\s+2\\s+0\\n.*"), out);
		assertTrue(out.matches("(?s).*\\ntrain\\s+0\\s+0\\s+0\\s+2\\s+0\\s+1\\s+0\\s+3\\s+0\\n.*"), out);
		assertTrue(out.contains("{12x10x1=5}"), out);
		// values 10, 20, 30, 40, 50: mean 30, std sqrt(1100 - 900)
		assertTrue(out.contains("pixel mean 30.00, std 14.14 (0..255, over 5 images)"), out);
		ImageRaster happy = ImageFiles.read(sheets.resolve("happiness.png"), true);
		assertEquals(8 * 12, happy.width());
		assertTrue(Math.abs((happy.pixels()[0] & 0xff) - 10) <= 2, "the sheet starts with the first happy face (10): " + (happy.pixels()[0] & 0xff));
		assertTrue(Files.isRegularFile(sheets.resolve("neutral.png")));
		assertTrue(!Files.exists(sheets.resolve("surprise.png")), "no sheet for a class without faces");
	}

	@Test
	void idWithParametersKeepsCommasThatBelongToAValue() throws IOException {
		Path root = imageFolder();
		// mapping's own commas are not parameter separators: 'sad' is no parameter of imagefolder
		assertEquals(ExitCodes.OK, run("data", "inspect", "imagefolder:root=" + root + ",mapping=happy=surprise,sad=anger,gray=false", "--sheets",
				dir.resolve("s").toString()), err);
		assertTrue(out.startsWith("imagefolder {root=" + root + ", mapping=happy=surprise,sad=anger, gray=false"), out);
		assertTrue(out.matches("(?s).*\\ntrain\\s+1\\s+0\\s+0\\s+0\\s+0\\s+0\\s+2\\s+3\\s+0\\n.*"), out);
		assertTrue(out.contains("{12x10x3=5}"), out);
		// --param overrides what SPEC says
		assertEquals(ExitCodes.OK, run("data", "inspect", "imagefolder:root=" + root + ",gray=false", "--param", "gray=true", "--sheets",
				dir.resolve("s").toString()), err);
		assertTrue(out.contains("{12x10x1=5}"), out);
		// the old form
		assertEquals(ExitCodes.OK, run("data", "inspect", "--dataset", "imagefolder", "--param", "root=" + root, "--sheets", dir.resolve("s").toString()),
				err);
		assertTrue(out.contains("{12x10x3=5}"), out);
	}

	@Test
	void fer2013RafDbAndAffectNetFilesFindTheirReaders() throws IOException {
		Path fer = Files.createDirectories(dir.resolve("fer")).resolve("fer2013.csv");
		Files.writeString(fer, "emotion,pixels,Usage\n3," + pixels(100, 2304) + ",Training\n0," + pixels(50, 2304) + ",PublicTest\n6,"
				+ pixels(0, 2304) + ",PrivateTest\n");
		for (Path spec : new Path[] { fer.getParent(), fer }) {
			assertEquals(ExitCodes.OK, run("data", "inspect", spec.toString(), "--sheets", dir.resolve("s-fer").toString()), err);
			assertTrue(out.startsWith("fer2013 {file=" + fer + ", "), out);
			assertTrue(out.matches("(?s).*\\ntrain\\s+0\\s+0\\s+0\\s+1\\s+0\\s+0\\s+0\\s+1\\s+0\\n.*"), out);
			assertTrue(out.matches("(?s).*\\nval\\s+1\\s+0\\s+0\\s+0\\s+0\\s+0\\s+0\\s+1\\s+0\\n.*"), out);
			assertTrue(out.contains("{48x48x1=3}") && out.contains("pixel mean 50.00"), out);
		}

		Path raf = dir.resolve("raf");
		Files.createDirectories(raf.resolve("EmotionLabel"));
		Files.writeString(raf.resolve("EmotionLabel/list_patition_label.txt"), "train_00001.jpg 4\ntest_0001.jpg 1\n");
		jpeg(raf.resolve("Image/aligned/train_00001_aligned.jpg"), 0x808080);
		jpeg(raf.resolve("Image/aligned/test_0001_aligned.jpg"), 0x306090);
		assertEquals(ExitCodes.OK, run("data", "inspect", raf.toString(), "--sheets", dir.resolve("s-raf").toString()), err);
		assertTrue(out.startsWith("rafdb {root=" + raf + ", images=aligned"), out);
		assertTrue(out.matches("(?s).*\\ntrain\\s+0\\s+0\\s+0\\s+1\\s+0\\s+0\\s+0\\s+1\\s+0\\n.*"), out);
		assertTrue(out.matches("(?s).*\\ntest\\s+0\\s+0\\s+0\\s+0\\s+0\\s+0\\s+1\\s+1\\s+0\\n.*"), out);
		assertTrue(out.contains("{10x10x3=2}"), out);

		Path affectnet = dir.resolve("affectnet");
		png(affectnet.resolve("1/a.png"), 20, 16, 60);
		png(affectnet.resolve("1/b.png"), 20, 16, 80);
		png(affectnet.resolve("2/c.png"), 20, 16, 90);
		Files.writeString(affectnet.resolve("training.csv"), "subDirectory_filePath,face_x,face_y,face_width,face_height,expression\n"
				+ "1/a.png,0,0,20,16,1\n1/b.png,0,0,20,16,7\n2/c.png,0,0,20,16,6\n");
		assertEquals(ExitCodes.OK, run("data", "inspect", affectnet.toString(), "--sheets", dir.resolve("s-aff").toString()), err);
		assertTrue(out.startsWith("affectnet {file=" + affectnet.resolve("training.csv") + ", "), out);
		assertTrue(out.matches("(?s).*\\ntrain\\s+1\\s+0\\s+0\\s+1\\s+0\\s+0\\s+0\\s+2\\s+0\\n.*"), out);
		assertTrue(out.contains("skipped or excluded entries: 1, the first: " + affectnet.resolve("training.csv") + ":3: expression 7 (contempt)"), out);
		assertEquals(ExitCodes.OK, run("data", "inspect", affectnet.resolve("training.csv").toString(), "--sheets", dir.resolve("s-aff").toString()),
				err);
		assertTrue(out.startsWith("affectnet {"), out);
	}

	@Test
	void anExperimentFileGivesItsDatasetSection() throws IOException {
		Path experiment = Files.writeString(dir.resolve("tiny.facet.json"), """
				{"format": 1, "name": "tiny",
				 "dataset": {"id": "synthetic", "params": {"perClass": 10, "size": 24, "seed": 3}},
				 "preprocessors": [{"id": "normalize"}],
				 "backbone": {"id": "separable", "params": {"stages": 2, "width": 8}},
				 "head": {"id": "linear", "params": {"dropout": 0.1}},
				 "loss": {"terms": [{"id": "cross-entropy", "weight": 1.0}]},
				 "optimizer": {"name": "adam", "learningRate": 0.005, "weightDecay": 0},
				 "epochs": 1, "batchSize": 16, "seed": 9}
				""");
		Path sheets = dir.resolve("sheets");
		assertEquals(ExitCodes.OK, run("data", "inspect", experiment.toString(), "--sheets", sheets.toString()), err);
		assertTrue(out.startsWith("synthetic {size=24, perClass=10, ") && out.contains("(dataset of " + experiment + ")"), out);
		assertTrue(out.matches("(?s).*\\ntrain\\s+8\\s+8\\s+8\\s+8\\s+8\\s+8\\s+8\\s+56\\s+\\d+\\n.*"), out);
		assertTrue(out.contains("{24x24x1=70}"), out);
		assertEquals(8 * 24, ImageFiles.read(sheets.resolve("disgust.png"), true).width());
		assertEquals(ExitCodes.OK, run("data", "inspect", experiment.toString(), "--param", "size=32", "--sheets", sheets.toString()), err);
		assertTrue(out.contains("{32x32x1=70}"), out);
	}

	@Test
	void badSpecsNameWhatWasExpectedAndExitWith2() throws IOException {
		assertEquals(ExitCodes.BAD_INPUT, run("data", "inspect"));
		assertTrue(err.contains("give one dataset SPEC: an experiment file (*.facet.json), a dataset folder or CSV file, or ID[:NAME=VALUE,...]"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("data", "inspect", "nope:root=x"));
		assertTrue(err.contains("'nope:root=x' is no file or folder, and unknown dataset 'nope'; installed: ") && err.contains("imagefolder"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("data", "inspect", dir.resolve("missing").toString()));
		assertTrue(err.contains(dir.resolve("missing") + "' is no file or folder; SPEC is an experiment file"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("data", "inspect", "imagefolder:root"));
		assertTrue(err.contains("expected NAME=VALUE pairs separated by commas, got 'root'"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("data", "inspect", "imagefolder:root=x,colour=red"));
		assertTrue(err.contains("dataset 'imagefolder' has no parameter 'colour'"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("data", "inspect", "imagefolder"));
		assertTrue(err.contains("needs parameter 'root'"), err);

		Path notes = Files.writeString(dir.resolve("notes.txt"), "to do\n");
		assertEquals(ExitCodes.BAD_INPUT, run("data", "inspect", notes.toString()));
		assertTrue(err.contains(notes + ": expected an experiment file (*.facet.json), a dataset folder or CSV file") && err.contains("got 'to do'"),
				err);
		Path fer = Files.writeString(dir.resolve("fer2013.csv"), "emotion,pixels,Usage\n3," + pixels(1, 2304) + ",Training\n3,1 2 3,Training\n");
		assertEquals(ExitCodes.BAD_INPUT, run("data", "inspect", fer.toString()));
		assertTrue(err.contains(fer + ":3"), err);
		Path broken = Files.writeString(dir.resolve("broken.facet.json"), "{\"format\": 1,");
		assertEquals(ExitCodes.BAD_INPUT, run("data", "inspect", broken.toString()));
		assertTrue(err.contains(broken.toString()), err);
		Path empty = Files.createDirectories(dir.resolve("empty"));
		assertEquals(ExitCodes.BAD_INPUT, run("data", "inspect", empty.toString()));
		assertTrue(err.contains("facet data inspect: imagefolder {root=" + empty), err);
	}
}
