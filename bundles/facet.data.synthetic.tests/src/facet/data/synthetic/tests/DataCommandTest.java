package facet.data.synthetic.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.cli.ExitCodes;
import facet.cli.tests.harness.CommandLineFixture;
import facet.core.ExpressionClass;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.LabelOrder;
import facet.core.Sample;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.spi.Dataset;
import facet.core.spi.DatasetFactory;

/** {@code facet data synth} and {@code facet data inspect}, run in process, and the files read back by hand. */
class DataCommandTest extends CommandLineFixture {

	@TempDir
	Path dir;

	@Test
	void fer2013CsvHasTheReadersFormatAndScenesHaveAnnotations() throws Exception {
		Path target = dir.resolve("fer");
		assertEquals(ExitCodes.OK, run("data", "synth", "--out", target.toString(), "--per-class", "10", "--format", "fer2013", "--seed", "3",
				"--scenes", "3", "--param", "occlusion=0.5"), err);
		assertTrue(out.contains("wrote 70 faces (fer2013)"), out);
		List<String> lines = Files.readAllLines(target.resolve("fer2013.csv"));
		assertEquals("emotion,pixels,Usage", lines.get(0));
		assertEquals(71, lines.size());
		Map<String, Integer> usage = new HashMap<>();
		int[] perEmotion = new int[7];
		for (String line : lines.subList(1, lines.size())) {
			String[] fields = line.split(",");
			assertEquals(3, fields.length, line);
			perEmotion[Integer.parseInt(fields[0])]++;
			String[] pixels = fields[1].split(" ");
			assertEquals(48 * 48, pixels.length);
			for (String p : pixels) {
				int v = Integer.parseInt(p);
				assertTrue(v >= 0 && v <= 255);
			}
			usage.merge(fields[2], 1, Integer::sum);
		}
		assertEquals(Map.of("Training", 56, "PublicTest", 7, "PrivateTest", 7), usage);
		assertArrayEquals(new int[] { 10, 10, 10, 10, 10, 10, 10 }, perEmotion);
		// FER2013 numbering: the first training rows are anger (0), then disgust (1) … neutral (6) in canonical order
		assertEquals(LabelOrder.FER2013.indexOf(ExpressionClass.NEUTRAL), Integer.parseInt(lines.get(1 + 8 * 4).split(",")[0]));
		List<String> table = Files.readAllLines(target.resolve("fer2013-samples.tsv"));
		assertEquals(71, table.size());
		assertTrue(table.get(1).startsWith("1\ttrain/anger/s000000-id"), table.get(1));

		List<String> annotations = Files.readAllLines(target.resolve("scenes/annotations.tsv"));
		assertTrue(annotations.get(0).startsWith("image\tx1\ty1\tx2\ty2\tleft_eye_x"), annotations.get(0));
		assertTrue(annotations.size() >= 4, annotations.toString());
		for (String row : annotations.subList(1, annotations.size())) {
			String[] f = row.split("\t");
			assertEquals(17, f.length, row);
			ImageRaster scene = ImageFiles.read(target.resolve("scenes").resolve(f[0]), false);
			double x1 = Double.parseDouble(f[1]), y1 = Double.parseDouble(f[2]), x2 = Double.parseDouble(f[3]), y2 = Double.parseDouble(f[4]);
			assertTrue(x1 >= 0 && y1 >= 0 && x2 <= scene.width() && y2 <= scene.height() && x1 < x2 && y1 < y2, row);
			for (int i = 5; i < 15; i += 2) {
				double x = Double.parseDouble(f[i]), y = Double.parseDouble(f[i + 1]);
				assertTrue(x > x1 && x < x2 && y > y1 && y < y2, "landmark outside its box: " + row);
			}
			assertTrue(ExpressionClass.fromName(f[15]).isPresent(), row);
		}
	}

	@Test
	void imageFolderMatchesTheDatasetModuleAndInspectReadsItBack() throws Exception {
		Path target = dir.resolve("folder");
		assertEquals(ExitCodes.OK, run("data", "synth", "--out", target.toString(), "--per-class", "10", "--seed", "4", "--size", "40",
				"--difficulty", "easy", "--channels", "rgb"), err);
		for (String split : List.of("train", "val", "test")) {
			for (ExpressionClass c : ExpressionClass.values()) {
				try (Stream<Path> files = Files.list(target.resolve(split).resolve(c.label()))) {
					assertEquals(split.equals("train") ? 8 : 1, files.count(), split + "/" + c.label());
				}
			}
		}
		var module = ModuleRegistry.getDefault().get(ModuleKind.DATASET, "synthetic");
		Dataset dataset = module.factory(DatasetFactory.class).create(module.settings(
				Map.of("perClass", 10, "seed", 4, "size", 40, "difficulty", "easy", "channels", "rgb")));
		Sample sample = dataset.splits().get("val").get(3);
		ImageRaster written = ImageFiles.read(target.resolve(sample.id() + ".png"), false);
		assertArrayEquals(dataset.load(sample).pixels(), written.pixels(), sample.id());

		assertEquals(ExitCodes.OK, run("data", "inspect", target.toString(), "--sheets", dir.resolve("sheets").toString()), err);
		assertTrue(out.contains("train"), out);
		assertTrue(out.matches("(?s).*train\\s+8\\s+8\\s+8\\s+8\\s+8\\s+8\\s+8\\s+56.*"), out);
		assertTrue(out.contains("{40x40x3=70}"), out);
		assertTrue(out.contains("pixel mean"), out);
		ImageRaster sheet = ImageFiles.read(dir.resolve("sheets/happiness.png"), false);
		assertEquals(8 * 40, sheet.width());

		assertEquals(ExitCodes.OK, run("data", "inspect", "--dataset", "synthetic", "--param", "perClass=10", "--param", "occlusion=1",
				"--sheets", dir.resolve("sheets2").toString()), err);
		assertTrue(out.matches("(?s).*test\\s+1\\s+1\\s+1\\s+1\\s+1\\s+1\\s+1\\s+7\\s+7.*"), out);
		assertTrue(Files.isRegularFile(dir.resolve("sheets2/anger.png")));
	}

	@Test
	void badOptionsAreUsageErrors() {
		assertEquals(ExitCodes.BAD_INPUT, run("data", "synth", "--per-class", "5"));
		assertTrue(err.contains("--out DIR is required"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("data", "synth", "--out", dir.toString(), "--size", "4"));
		assertTrue(err.contains("'size'"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("data", "synth", "--out", dir.toString(), "--difficulty", "brutal"));
		assertTrue(err.contains("'difficulty'"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("data", "synth", "--out", dir.toString(), "--per-class", "many"));
		assertEquals(ExitCodes.BAD_INPUT, run("data", "synth", "--out", dir.toString(), "--format", "coco"));
		assertTrue(err.contains("unknown --format 'coco'"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("data", "synth", "--out", dir.toString(), "--format", "fer2013", "--size", "64"));
		assertTrue(err.contains("48x48"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("data", "synth", "--out", dir.toString(), "--param", "colour"));
		assertEquals(ExitCodes.BAD_INPUT, run("data", "shuffle"));
		assertTrue(err.contains("unknown subcommand 'shuffle'"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("data", "inspect", "--dataset", "nope"));
		assertTrue(err.contains("unknown dataset 'nope'"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("data", "inspect", dir.resolve("missing").toString()));
		assertTrue(err.contains("is no file or folder"), err);
	}
}
