package facet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.core.ExpressionClass;
import facet.core.ImageRaster;
import facet.core.Progress;
import facet.core.experiment.ModuleRef;
import facet.core.modules.ModuleRegistry;
import facet.engine.report.ChartSpec;
import facet.ui.internal.dataset.DatasetOverview;

/** The Dataset view's content: class counts per split and a contact sheet per class, through the dataset module. */
class DatasetOverviewTest {

	@TempDir
	Path dir;

	@Test
	void countsPerSplitAndClassAndASheetPerClass() throws Exception {
		DatasetOverview overview = DatasetOverview.of(new ModuleRef("test-dataset", Map.of("size", 10, "perClass", 3)), "test",
				ModuleRegistry.getDefault(), Progress.NONE);
		assertTrue(overview.counts().size() >= 2, "several splits: " + overview.counts().keySet());
		for (int[] split : overview.counts().values()) {
			assertEquals(ExpressionClass.COUNT, split.length);
			for (int c : split) {
				assertEquals(3, c);
			}
		}
		assertEquals(3 * overview.counts().size(), overview.total(ExpressionClass.SURPRISE));
		assertEquals(ExpressionClass.COUNT, overview.sheets().size());
		ImageRaster sheet = overview.sheets().get(ExpressionClass.ANGER);
		assertEquals(DatasetOverview.SHEET_SIDE * 10, sheet.width(), "cells the size of the first face");
		assertEquals(1, sheet.channels(), "gray faces give a gray sheet");
		ChartSpec.BarChart chart = overview.chart();
		assertEquals(overview.counts().size(), chart.series().size());
		assertEquals(ExpressionClass.COUNT, chart.categories().size());
		assertEquals(3.0, chart.series().get(0).values()[ExpressionClass.HAPPINESS.ordinal()]);
	}

	@Test
	void theDatasetOfAnExperimentWithItsSettings() throws Exception {
		Path file = dir.resolve("toy.facet.json");
		Files.writeString(file, Experiments.VALID);
		DatasetOverview overview = DatasetOverview.ofExperiment(file, ModuleRegistry.getDefault(), Progress.NONE);
		assertTrue(overview.source().contains("toy.facet.json"), overview.source());
		assertEquals(16, overview.sheets().get(ExpressionClass.NEUTRAL).width() / DatasetOverview.SHEET_SIDE, "size 16 from the experiment");
	}

	@Test
	void unknownDatasetsAndBadFilesAreClearErrors() throws Exception {
		Exception unknown = assertThrows(Exception.class,
				() -> DatasetOverview.of(ModuleRef.of("no-such-set"), "x", ModuleRegistry.getDefault(), Progress.NONE));
		assertTrue(unknown.getMessage().contains("no-such-set"), unknown.getMessage());
		Path bad = dir.resolve("bad.facet.json");
		Files.writeString(bad, "{\"format\": 1,");
		Exception e = assertThrows(Exception.class, () -> DatasetOverview.ofExperiment(bad, ModuleRegistry.getDefault(), Progress.NONE));
		assertTrue(e.getMessage().contains("bad.facet.json"), e.getMessage());
	}
}
