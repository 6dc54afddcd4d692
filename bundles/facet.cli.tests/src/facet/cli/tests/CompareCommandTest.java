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

	@Test
	void reportWritesIndexChartsAndTables() throws IOException {
		List<Run> runs = runs();
		Path report = dir.resolve("report");
		assertEquals(ExitCodes.OK, run("report", runs.get(0).folder().toString(), runs.get(2).folder().toString(), "--out", report.toString()), err);
		String index = Files.readString(report.resolve("index.html"));
		for (String file : List.of("loss.png", "loss.svg", "confusion.png", "recall.svg", "runs.csv", "pairwise.csv")) {
			assertTrue(Files.size(report.resolve(file)) > 0, file);
			assertTrue(index.contains("\"" + file + "\""), file);
		}
		assertTrue(out.startsWith("report: " + report.resolve("index.html")), out);
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
