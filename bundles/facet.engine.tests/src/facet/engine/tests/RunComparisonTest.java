package facet.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import facet.core.ExpressionClass;
import facet.core.eval.ClassificationMetrics;
import facet.core.eval.Prediction;
import facet.core.runs.Run;
import facet.core.runs.RunStatus;
import facet.core.stats.Bootstrap;
import facet.core.stats.Summary;
import facet.engine.compare.AblationRow;
import facet.engine.compare.OcclusionSubsets;
import facet.engine.compare.PairwiseTest;
import facet.engine.compare.RunComparison;
import facet.engine.compare.RunGroup;
import facet.engine.compare.RunRecord;
import facet.engine.eval.EvaluationFiles;
import facet.engine.report.ComparisonReport;
import facet.engine.report.SvgCharts;
import facet.engine.report.ChartSpec;
import facet.engine.report.ComparisonCharts;
import facet.engine.tests.fixtures.FakeRuns;

/** Comparison of fake run folders with known predictions against hand-computed numbers. */
class RunComparisonTest {

	private static final int N = 40;

	@TempDir
	Path dir;

	private FakeRuns runs() {
		return new FakeRuns(dir.resolve("runs"));
	}

	/** A right on the first 30, B right on samples 12..31: b = 12 (0..11), c = 2 (30, 31). */
	private static boolean[] modelB() {
		boolean[] right = new boolean[N];
		for (int i = 12; i < 32; i++) {
			right[i] = true;
		}
		return right;
	}

	@Test
	void tableHoldsAccuracyMacroF1RecallParametersThroughputAndTime() throws IOException {
		FakeRuns fake = runs();
		Run run = fake.run(FakeRuns.experiment("a", 1, true, true, false), FakeRuns.firstRight(N, 30), 0);
		RunComparison c = RunComparison.of(List.of(run.folder()), "test");
		RunRecord r = c.runs().get(0);
		ClassificationMetrics expected = ClassificationMetrics.of(FakeRuns.predictions(N, FakeRuns.firstRight(N, 30)));
		assertEquals(0.75, r.accuracy(), 1e-12);
		assertEquals(expected.macroF1(), r.macroF1(), 1e-12);
		// samples 30..39 are wrong: labels 2,3,4,5,6,0,1,2,3,4 -> fear has 6 samples (2,9,16,23,30,37), 4 right
		assertEquals(4 / 6.0, r.recall()[ExpressionClass.FEAR.ordinal()], 1e-12);
		assertEquals(1234, r.parameters());
		assertEquals(2.5e6, r.flops(), 1e-6);
		assertEquals(1.5, r.msPerImage(), 1e-12);
		assertEquals(200, r.imagesPerSecond(), 1e-9);
		assertEquals(60, r.trainingSeconds(), 1e-9);
		assertEquals(3, r.epochs().size());
		assertEquals(2.2 / 3, r.epochs().get(2).valLoss(), 1e-9);
		String table = c.runTable();
		assertTrue(table.contains(run.id()) && table.contains("75.0") && table.contains("200.0") && table.contains("60.0") && table.contains("1,234")
				&& table.contains("MFLOPs") && table.contains(" 2.5 "),
				table);
	}

	@Test
	void runsOfOneExperimentWithDifferentSeedsFormAGroupWithMeanSdAndInterval() throws IOException {
		FakeRuns fake = runs();
		Run a1 = fake.run(FakeRuns.experiment("a", 1, true, true, false), FakeRuns.firstRight(N, 20), 0);
		Run a2 = fake.run(FakeRuns.experiment("a", 2, true, true, false), FakeRuns.firstRight(N, 24), 0);
		Run a3 = fake.run(FakeRuns.experiment("a", 3, true, true, false), FakeRuns.firstRight(N, 28), 0);
		Run b = fake.run(FakeRuns.experiment("b", 1, false, true, false), FakeRuns.firstRight(N, 28), 0);
		// same name, another component: not the same experiment
		Run a4 = fake.run(FakeRuns.experiment("a", 4, false, false, false), FakeRuns.firstRight(N, 28), 0);
		RunComparison c = RunComparison.of(List.of(a1.folder(), b.folder(), a3.folder(), a2.folder(), a4.folder()), "test");
		assertEquals(List.of("a", "b", "a#2"), c.groups().stream().map(RunGroup::name).toList());
		RunGroup a = c.groups().get(0);
		assertEquals(List.of(1L, 2L, 3L), a.runs().stream().map(RunRecord::seed).toList());
		Summary accuracy = a.summary(RunRecord::accuracy);
		// 0.5, 0.6, 0.7: mean 0.6, sd 0.1, half-width t(2) · 0.1 / √3
		assertEquals(0.6, accuracy.mean(), 1e-12);
		assertEquals(0.1, accuracy.standardDeviation(), 1e-12);
		assertEquals(0.6 - 4.303 * 0.1 / Math.sqrt(3), accuracy.low(), 1e-9);
		assertTrue(c.groupTable().contains("60.0 ± 10.0 [35.2, 84.8]"), c.groupTable());
		assertEquals(3, c.pairwise().size());
		assertEquals(c.groups().get(0), c.group(a2.id()).orElseThrow());
	}

	@Test
	void pairwiseTestIsMcNemarAndPairedBootstrapOnTheSameSamples() throws IOException {
		FakeRuns fake = runs();
		Run a = fake.run(FakeRuns.experiment("a", 1, true, true, false), FakeRuns.firstRight(N, 30), 0);
		Run b = fake.run(FakeRuns.experiment("b", 1, false, true, false), modelB(), 0);
		RunComparison c = RunComparison.of(List.of(a.folder(), b.folder()), "test");
		PairwiseTest t = c.pairwise().get(0);
		assertEquals(12, t.mcNemar().orElseThrow().onlyFirstCorrect());
		assertEquals(2, t.mcNemar().orElseThrow().onlySecondCorrect());
		// two-sided exact: 2 · (C(14,0) + C(14,1) + C(14,2)) / 2^14
		assertEquals(2.0 * (1 + 14 + 91) / 16384, t.mcNemar().orElseThrow().pValue(), 1e-12);
		assertTrue(t.significant());
		Bootstrap direct = Bootstrap.pairedDifference(EvaluationFiles.readPredictions(a.folder(), "test"),
				EvaluationFiles.readPredictions(b.folder(), "test"), ClassificationMetrics::accuracy, RunComparison.BOOTSTRAP_ITERATIONS, 0.95,
				RunComparison.BOOTSTRAP_SEED);
		assertEquals(direct, t.accuracy().orElseThrow());
		assertEquals(0.25, t.accuracy().orElseThrow().observed(), 1e-12);
		assertTrue(t.accuracy().orElseThrow().low() > 0, t.accuracy().toString());
		assertEquals(N, t.samples());
		String sentence = t.sentence();
		assertTrue(sentence.startsWith("a vs b (40 paired test samples): accuracy +25.0 points"), sentence);
		assertTrue(sentence.contains("p = 0.013") && sentence.contains("a is significantly more accurate"), sentence);
	}

	@Test
	void aSmallDifferenceIsNotSignificant() throws IOException {
		FakeRuns fake = runs();
		boolean[] second = FakeRuns.firstRight(N, 30);
		// b = 3 (27, 28, 29 wrong in the second), c = 2 (30, 31 right only in the second)
		second[27] = second[28] = second[29] = false;
		second[30] = second[31] = true;
		Run a = fake.run(FakeRuns.experiment("a", 1, true, true, false), FakeRuns.firstRight(N, 30), 0);
		Run b = fake.run(FakeRuns.experiment("b", 1, false, true, false), second, 0);
		PairwiseTest t = RunComparison.of(List.of(a.folder(), b.folder()), "test").pairwise().get(0);
		assertEquals(1.0, t.mcNemar().orElseThrow().pValue(), 1e-12);
		assertFalse(t.significant());
		assertTrue(t.sentence().contains("not significant"), t.sentence());
	}

	@Test
	void seedGroupsArePairedSeedBySeedAndPooled() throws IOException {
		FakeRuns fake = runs();
		Run a1 = fake.run(FakeRuns.experiment("a", 1, true, true, false), FakeRuns.firstRight(N, 30), 0);
		Run a2 = fake.run(FakeRuns.experiment("a", 2, true, true, false), FakeRuns.firstRight(N, 30), 0);
		Run b1 = fake.run(FakeRuns.experiment("b", 1, false, true, false), modelB(), 0);
		Run b2 = fake.run(FakeRuns.experiment("b", 2, false, true, false), FakeRuns.firstRight(N, 30), 0);
		PairwiseTest t = RunComparison.of(List.of(a1.folder(), a2.folder(), b1.folder(), b2.folder()), "test").pairwise().get(0);
		assertEquals(2, t.pairs());
		assertEquals(2 * N, t.samples());
		// the seed-2 pair agrees everywhere: the discordant counts are those of the seed-1 pair
		assertEquals(12, t.mcNemar().orElseThrow().onlyFirstCorrect());
		assertEquals(2, t.mcNemar().orElseThrow().onlySecondCorrect());
		assertEquals(0.125, t.accuracy().orElseThrow().observed(), 1e-12);
	}

	@Test
	void ablationTableNamesEachRemovalAndItsEffect() throws IOException {
		FakeRuns fake = runs();
		Run full = fake.run(FakeRuns.experiment("full", 1, true, true, true), FakeRuns.firstRight(N, 30), 0);
		Run noAttention = fake.run(FakeRuns.experiment("no-cam", 1, false, true, true), modelB(), 0);
		boolean[] almost = FakeRuns.firstRight(N, 29);
		Run noCutout = fake.run(FakeRuns.experiment("no-cutout", 1, true, false, true), almost, 0);
		RunComparison c = RunComparison.of(List.of(full.folder(), noAttention.folder(), noCutout.folder()), "test");
		RunGroup base = c.group("full").orElseThrow();
		List<AblationRow> rows = c.ablation(base);
		assertEquals(2, rows.size());
		assertEquals("without attention cam at stage3", rows.get(0).change());
		assertEquals(-0.25, rows.get(0).test().accuracy().orElseThrow().observed(), 1e-12);
		assertTrue(rows.get(0).significant());
		assertEquals("without augmentation cutout", rows.get(1).change());
		assertEquals(-0.025, rows.get(1).test().accuracy().orElseThrow().observed(), 1e-12);
		assertFalse(rows.get(1).significant());
		String table = RunComparison.ablationTable(base, rows);
		assertTrue(table.contains("without attention cam at stage3") && table.contains("-25.0 [") && table.contains("yes") && table.contains("no"),
				table);
	}

	@Test
	void runsWithoutPredictionsAreNotTestedAndSaySo() throws IOException {
		FakeRuns fake = runs();
		Run a = fake.run(FakeRuns.experiment("a", 1, true, true, false), FakeRuns.firstRight(N, 30), 0);
		Run b = fake.run(FakeRuns.experiment("b", 1, false, true, false), modelB(), 0);
		Files.delete(b.folder().resolve(EvaluationFiles.predictionsFile("test")));
		PairwiseTest t = RunComparison.of(List.of(a.folder(), b.folder()), "test").pairwise().get(0);
		assertTrue(t.mcNemar().isEmpty());
		assertTrue(t.sentence().contains("not tested: run " + b.id() + " has no per-sample predictions"), t.sentence());
		IOException e = assertThrows(IOException.class, () -> RunComparison.of(List.of(a.folder()), "val"));
		assertTrue(e.getMessage().contains("evaluation-val.json"), e.getMessage());
	}

	@Test
	void reportHasTablesChartsAndHeatmapsReferencedFromIndex() throws IOException {
		FakeRuns fake = runs();
		Run a = fake.run(FakeRuns.experiment("a", 1, true, true, false), FakeRuns.firstRight(N, 30), 0);
		Run b = fake.run(FakeRuns.experiment("b", 1, false, true, false), modelB(), 0.3);
		FakeRuns.addHeatmap(b);
		RunComparison c = RunComparison.of(List.of(a.folder(), b.folder()), "test");
		Path out = dir.resolve("report");
		List<String> files = ComparisonReport.write(c, c.group("a"), out, null);
		String index = Files.readString(out.resolve("index.html"));
		for (String name : List.of("loss.svg", "accuracy.svg", "recall.svg", "confusion.svg", "runs.csv", "groups.csv", "curves.csv",
				"confusion.csv", "per-class.csv", "pairwise.csv", "ablation.csv")) {
			assertTrue(Files.isRegularFile(out.resolve(name)), name);
			assertTrue(files.contains(name), name);
			assertTrue(index.contains("\"" + name + "\""), name + " is not referenced");
		}
		String heatmap = "heatmaps/" + b.id() + "/sample-0.png";
		assertTrue(Files.isRegularFile(out.resolve(heatmap)));
		assertTrue(index.contains(heatmap));
		assertTrue(index.contains("id=\"environment\"") && index.contains("Test CPU"));
		assertTrue(index.contains("&quot;name&quot;: &quot;a&quot;"), "the experiment is shown");
		List<String> curves = Files.readAllLines(out.resolve("curves.csv"));
		assertEquals(1 + 6, curves.size());
		assertEquals(b.id() + ",3,0.966667,0.600000,1.03333,0.540000,0.450000,300.000,30.0000", curves.get(6));
		List<String> confusion = Files.readAllLines(out.resolve("confusion.csv"));
		// run a, true anger: samples 0,7,14,21,28 right, 35 predicted disgust
		assertEquals(a.id() + ",anger,5,1,0,0,0,0,0", confusion.get(1));
		String svg = Files.readString(out.resolve("confusion.svg"));
		assertTrue(svg.startsWith("<svg") && svg.contains("b − a") && svg.contains(">83<"), "anger row of a: 5 of 6 = 83 %");
	}

	@Test
	void svgLineChartDrawsEveryRunTrainSolidValidationDashed() throws IOException {
		FakeRuns fake = runs();
		Run a = fake.run(FakeRuns.experiment("a", 1, true, true, false), FakeRuns.firstRight(N, 30), 0);
		Run b = fake.run(FakeRuns.experiment("b", 1, false, true, false), modelB(), 0.3);
		String svg = SvgCharts.toSvg(ComparisonCharts.loss(RunComparison.of(List.of(a.folder(), b.folder()), "test")), 900, 480);
		assertEquals(4, svg.split("<polyline").length - 1);
		assertEquals(2, svg.split("<polyline[^>]*stroke-dasharray").length - 1);
		assertTrue(svg.contains(">a train<") && svg.contains(">b val<"));
		assertTrue(Optional.of(svg).get().endsWith("</svg>\n"));
	}

	@Test
	void aRunOfOneEpochGetsNoCurveNorALegendEntryButKeepsItsColourSlot() throws IOException {
		FakeRuns fake = runs();
		Run fitted = fake.run(FakeRuns.experiment("svm", 1, false, false, false), FakeRuns.firstRight(N, 20), 0);
		Run b = fake.run(FakeRuns.experiment("b", 1, false, true, false), modelB(), 0.3);
		Path metrics = fitted.folder().resolve("metrics.jsonl");
		Files.writeString(metrics, Files.readAllLines(metrics).get(0) + "\n");
		RunComparison c = RunComparison.of(List.of(fitted.folder(), b.folder()), "test");
		ChartSpec.LineChart loss = ComparisonCharts.loss(c);
		assertEquals(List.of("b train", "b val"), loss.lines().stream().map(ChartSpec.Line::name).toList());
		assertEquals(1, loss.lines().get(0).colour(), "b keeps the colour of the second run");
		String svg = SvgCharts.toSvg(ComparisonCharts.accuracy(c), 900, 480);
		assertFalse(svg.contains(">svm train<"), "no legend entry without a line");
		Path out = dir.resolve("one-epoch");
		ComparisonReport.write(c, Optional.empty(), out, null);
		assertTrue(Files.readString(out.resolve("index.html")).contains("Not drawn, having a single epoch (a classifier fitted once): svm."));
		assertTrue(Files.readString(out.resolve("curves.csv")).contains(fitted.id() + ",1,"), "the epoch stays in the CSV");
	}

	/** 20 test faces, the first 8 occluded: A is right on every clean face and on 1 occluded one, B on every occluded face and 6 clean ones. */
	private static List<Prediction> occlusionPredictions(boolean first) {
		List<Prediction> list = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			ExpressionClass label = FakeRuns.label(i);
			boolean occluded = i < 8;
			String id = "test/" + label.label() + "/s" + String.format("%06d", i) + "-id0001" + (occluded ? "-occ-" + (i % 2 == 0 ? "hand" : "scarf") : "");
			boolean right = first ? !occluded || i == 0 : occluded || i < 14;
			float[] p = new float[ExpressionClass.COUNT];
			Arrays.fill(p, 0.05f);
			p[right ? label.ordinal() : (label.ordinal() + 1) % ExpressionClass.COUNT] = 0.7f;
			list.add(new Prediction(id, label, p));
		}
		return list;
	}

	private Run handMadeRun(FakeRuns fake, String name, List<Prediction> predictions) throws IOException {
		Run run = fake.store().create(FakeRuns.experiment(name, 1, name.equals("a"), true, false), FakeRuns.ENVIRONMENT);
		run.appendMetrics(Map.of("epoch", 1, "seconds", 4.0, "imagesPerSecond", 10.0));
		EvaluationFiles.write(run, "test", predictions, new JsonObject());
		Files.createDirectories(run.folder().resolve("model"));
		Files.write(run.folder().resolve("model").resolve("classifier.xml"), new byte[1500]);
		Files.write(run.folder().resolve("model").resolve("classifier.xml.labels"), new byte[34]);
		run.finish(RunStatus.COMPLETED, null);
		return run;
	}

	@Test
	void occludedAndCleanSubsetsAreComparedApartWithMcNemarOnTheOccluded() throws IOException {
		FakeRuns fake = runs();
		Run a = handMadeRun(fake, "a", occlusionPredictions(true));
		Run b = handMadeRun(fake, "b", occlusionPredictions(false));
		RunComparison c = RunComparison.of(List.of(a.folder(), b.folder()), "test");
		OcclusionSubsets oa = c.runs().get(0).occlusion().orElseThrow();
		assertEquals(new OcclusionSubsets(8, 1, 12, 12), oa);
		assertEquals(1 / 8.0, oa.occludedAccuracy(), 1e-12);
		assertEquals(1.0, oa.cleanAccuracy(), 1e-12);
		OcclusionSubsets ob = c.runs().get(1).occlusion().orElseThrow();
		assertEquals(new OcclusionSubsets(8, 8, 12, 6), ob);
		assertEquals(1534, c.runs().get(0).modelBytes());

		PairwiseTest t = c.pairwise().get(0);
		assertEquals(8, t.occludedSamples());
		// occluded: A never right alone, B right alone on 7 -> p = 2 / 2^7
		assertEquals(0, t.occluded().orElseThrow().onlyFirstCorrect());
		assertEquals(7, t.occluded().orElseThrow().onlySecondCorrect());
		assertEquals(2.0 / 128, t.occluded().orElseThrow().pValue(), 1e-12);
		assertTrue(t.occludedSignificant());
		// overall: 6 clean only A right, 7 occluded only B right -> not significant
		assertFalse(t.significant());
		assertTrue(t.sentence().contains("On the 8 occluded samples: 0 only a got right, 7 only b, p = 0.016: b is significantly more accurate on occluded faces."),
				t.sentence());
		String table = c.runTable();
		assertTrue(table.contains("12.5 (8)") && table.contains("100.0") && table.contains("1.5 kB"), table);

		Path out = dir.resolve("report");
		ComparisonReport.write(c, Optional.empty(), out, null);
		String index = Files.readString(out.resolve("index.html"));
		assertTrue(index.contains("id=\"occlusion\"") && index.contains("<td>12.5 (8)</td><td>100.0</td>"), index);
		List<String> runsCsv = Files.readAllLines(out.resolve("runs.csv"));
		assertTrue(runsCsv.get(0).contains(",occludedSamples,occludedAccuracy,cleanAccuracy,parameters,flops,modelBytes,"), runsCsv.get(0));
		assertTrue(runsCsv.get(1).contains(",8,0.125000,1.00000,,,1534,"), runsCsv.get(1));
		List<String> pairwise = Files.readAllLines(out.resolve("pairwise.csv"));
		assertTrue(pairwise.get(1).contains(",false,8,0,7,0.0156250,"), pairwise.get(1));
	}

	@Test
	void aSampleIsOccludedWhenItsNameEndsInOccAndAKind() {
		assertTrue(OcclusionSubsets.isOccluded("test/anger/s000123-id0042-occ-sunglasses"));
		assertTrue(OcclusionSubsets.isOccluded("0/test/anger/s000123-id0042-occ-hand"));
		assertTrue(OcclusionSubsets.isOccluded("faces/s1-occ-block.png"));
		assertFalse(OcclusionSubsets.isOccluded("test/anger/s000123-id0042"));
		assertFalse(OcclusionSubsets.isOccluded("img-occ-hand/s1.png"));
		assertFalse(OcclusionSubsets.isOccluded("s1-occ-"));
		assertTrue(OcclusionSubsets.of(FakeRuns.predictions(N, FakeRuns.firstRight(N, 30))).isEmpty(), "no occluded sample, no subsets");
	}
}
