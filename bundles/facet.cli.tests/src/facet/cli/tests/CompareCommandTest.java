package facet.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.cli.ExitCodes;
import facet.cli.tests.harness.CommandLineFixture;
import facet.core.runs.Run;
import facet.engine.tests.fixtures.FakeRuns;

/** {@code facet compare} and {@code facet report} in process on fake run folders (report needs a display). */
class CompareCommandTest extends CommandLineFixture {

	private static final int N = 40;

	@TempDir
	Path dir;

	private List<Run> runs() throws IOException {
		FakeRuns fake = new FakeRuns(dir.resolve("runs"));
		boolean[] b = new boolean[N];
		for (int i = 12; i < 32; i++) {
			b[i] = true;
		}
		return List.of(fake.run(FakeRuns.experiment("full", 1, true, true, false), FakeRuns.firstRight(N, 30), 0),
				fake.run(FakeRuns.experiment("full", 2, true, true, false), FakeRuns.firstRight(N, 32), 0),
				fake.run(FakeRuns.experiment("no-cam", 1, false, true, false), b, 0.2));
	}

	@Test
	void comparePrintsTheTableGroupsAndTestsInWords() throws IOException {
		List<Run> runs = runs();
		assertEquals(ExitCodes.OK, run("compare", runs.get(0).folder().toString(), runs.get(1).folder().toString(), runs.get(2).folder().toString(),
				"--ablation", "full"), err);
		assertTrue(out.contains(runs.get(0).id()) && out.contains("75.0") && out.contains("80.0"), out);
		assertTrue(out.contains("Experiments over seeds") && out.contains("77.5 ± 3.5"), out);
		// full has two seeds, no-cam one: the seed-1 runs are paired
		assertTrue(out.contains("- full vs no-cam (40 paired test samples): accuracy +25.0 points"), out);
		assertTrue(out.contains("McNemar's exact test") && out.contains("full is significantly more accurate"), out);
		assertTrue(out.contains("Ablation against full") && out.contains("without attention cam at stage3"), out);
	}

	/**
	 * One report per test JVM: SWTChart keeps fonts of the first Display it drew on, so a second
	 * report in the same process fails in GC.setFont (the product runs one command per process).
	 */
	@Test
	void reportWritesIndexChartsTablesTheDetectorTableAndSaysWhichRunsHaveNoMapsForTheFaces() throws IOException {
		List<Run> runs = runs();
		Path detections = Files.createDirectories(dir.resolve("detections"));
		Files.writeString(detections.resolve("detect-compare.csv"), "detector,ap,recall,precision,recallAt1FpPerImage,msPer640x480,msPerPhoto\n"
				+ "mtcnn,0.912,0.950,0.880,0.930,41.20,120.50\n");
		Path faces = faceTable();
		Path report = dir.resolve("report");
		assertEquals(ExitCodes.OK, run("report", runs.get(0).folder().toString(), runs.get(2).folder().toString(), "--out", report.toString(),
				"--detections", detections.toString(), "--faces", faces.toString()), err);
		String index = Files.readString(report.resolve("index.html"));
		for (String file : List.of("loss.png", "loss.svg", "confusion.png", "recall.svg", "runs.csv", "pairwise.csv", "detectors.csv")) {
			assertTrue(Files.size(report.resolve(file)) > 0, file);
			assertTrue(index.contains("\"" + file + "\""), file);
		}
		assertTrue(out.contains("report: " + report.resolve("index.html")), out);
		assertTrue(index.contains("<td class=\"l\">mtcnn</td><td>0.912</td>"), index);
		// fake runs have no checkpoint, so no network to map: said, and the report is still written
		assertTrue(err.contains("no attention-on-face numbers for " + runs.get(0).id()), err);
		assertTrue(index.contains("No run could be mapped over the faces of"), index);
	}

	@Test
	void badDetectionAndFaceOptionsAreBadInput() throws IOException {
		List<Run> runs = runs();
		Path report = dir.resolve("report");
		assertEquals(ExitCodes.BAD_INPUT, run("report", runs.get(0).folder().toString(), "--out", report.toString(), "--detections",
				dir.resolve("nowhere").toString()));
		assertTrue(err.contains("nowhere") && err.contains("facet detect-compare"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("report", runs.get(0).folder().toString(), "--out", report.toString(), "--faces", faceTable().toString(),
				"--faces-limit", "0"));
		assertTrue(err.contains("--faces-limit expects a positive whole number"), err);
		Path broken = Files.writeString(dir.resolve("broken.tsv"), "images/scene.png\t20\t20\n");
		assertEquals(ExitCodes.BAD_INPUT, run("report", runs.get(0).folder().toString(), "--out", report.toString(), "--faces", broken.toString()));
		assertTrue(err.contains(broken + ":1") && err.contains("at least 15 columns"), err);
	}

	/** One face with landmarks in a 100×100 photo. */
	private Path faceTable() throws IOException {
		Files.createDirectories(dir.resolve("images"));
		facet.core.ImageFiles.writePng(new facet.core.ImageRaster(100, 100, 1, new byte[100 * 100]), dir.resolve("images/scene.png"));
		return Files.writeString(dir.resolve("annotations.tsv"),
				"images/scene.png\t20\t20\t80\t80\t35\t40\t65\t40\t50\t55\t40\t68\t60\t68\thappiness\n");
	}

	@Test
	void unknownRunsAndMissingOptionsAreBadInput() throws IOException {
		assertEquals(ExitCodes.BAD_INPUT, run("compare", dir.resolve("nowhere").toString()));
		assertTrue(err.contains("no run"), err);
		List<Run> runs = runs();
		assertEquals(ExitCodes.BAD_INPUT, run("report", runs.get(0).folder().toString()));
		assertTrue(err.contains("--out DIR is required"), err);
		assertEquals(ExitCodes.BAD_INPUT, run("compare", runs.get(0).folder().toString(), "--ablation", "nothing"));
		assertTrue(err.contains("names no experiment or run") && err.contains("full"), err);
	}
}
