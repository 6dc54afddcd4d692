package facet.ui.internal.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import facet.core.ExpressionClass;
import facet.engine.compare.PairwiseTest;
import facet.engine.compare.RunComparison;
import facet.engine.compare.RunGroup;
import facet.engine.compare.RunRecord;
import facet.engine.report.ChartRenderer;
import facet.engine.report.ChartSpec;
import facet.engine.report.ComparisonCharts;
import facet.engine.report.ComparisonReport;
import facet.engine.report.SvgCharts;

/**
 * The compare editor's content as cells and text, formatted as {@code facet compare} prints it
 * (numbers come from {@link RunComparison}; nothing is computed here), and its exports.
 */
public final class ComparisonTables {

	private ComparisonTables() {
	}

	/** Column titles of {@link #runRows}. */
	public static List<String> runHeader() {
		List<String> header = new ArrayList<>(List.of("Run", "Experiment", "Seed", "Accuracy %", "Macro-F1 %"));
		for (ExpressionClass c : ExpressionClass.values()) {
			header.add("Recall " + c.label());
		}
		header.addAll(List.of("Parameters", "Images/s", "Train s", "ms/image"));
		return header;
	}

	/** One row of cells per run. */
	public static List<List<String>> runRows(RunComparison comparison) {
		List<List<String>> rows = new ArrayList<>();
		for (RunRecord r : comparison.runs()) {
			List<String> row = new ArrayList<>(List.of(r.id(), r.experimentName(), Long.toString(r.seed()), RunComparison.percent(r.accuracy()),
					RunComparison.percent(r.macroF1())));
			for (double v : r.recall()) {
				row.add(RunComparison.percent(v));
			}
			row.addAll(List.of(r.parameters() < 0 ? "–" : String.format(Locale.ROOT, "%,d", r.parameters()),
					RunComparison.number(r.imagesPerSecond(), 1), RunComparison.number(r.trainingSeconds(), 1),
					RunComparison.number(r.msPerImage(), 2)));
			rows.add(row);
		}
		return rows;
	}

	/** What the comparison found, in words: the groups over seeds (when runs share an experiment) and each pairwise test. */
	public static String significance(RunComparison comparison) {
		StringBuilder s = new StringBuilder();
		if (comparison.groups().size() < comparison.runs().size()) {
			s.append("Experiments over seeds (mean ± sd [95 % CI]):\n").append(comparison.groupTable()).append('\n');
		}
		if (comparison.pairwise().isEmpty()) {
			s.append(comparison.groups().size() == 1 ? "All runs are of one experiment: there is no pair of experiments to test."
					: "No pairwise test.");
		} else {
			s.append("Pairwise tests on the ").append(comparison.split()).append(" split (first minus second):\n");
			for (PairwiseTest t : comparison.pairwise()) {
				s.append("• ").append(t.sentence()).append('\n');
			}
		}
		return s.toString().strip();
	}

	/** The charts the editor shows and exports as PNG, by file stem. */
	public static List<Named> charts(RunComparison comparison) {
		return List.of(new Named("loss", ComparisonCharts.loss(comparison)), new Named("accuracy", ComparisonCharts.accuracy(comparison)),
				new Named("recall", ComparisonCharts.recall(comparison)), new Named("confusion", ComparisonCharts.confusion(comparison)));
	}

	/** A chart and the file stem it is exported under. */
	public record Named(String name, ChartSpec chart) {
	}

	/** Pixel size of a chart in the editor and its PNG: the confusion panels need the width. */
	public static int[] size(Named chart, RunComparison comparison) {
		if (chart.name().equals("confusion")) {
			int panels = ((ChartSpec.MatrixChart) chart.chart()).panels().size();
			return new int[] { Math.max(420, 320 * panels), 420 };
		}
		return new int[] { 540, 330 };
	}

	/** Writes each chart as {@code NAME.png} into the folder; returns the files. */
	public static List<Path> writePngs(RunComparison comparison, Path folder, ChartRenderer renderer) throws IOException {
		return writeEach(comparison, folder, ".png", (chart, size, file) -> renderer.writePng(chart, size[0], size[1], file));
	}

	/** Writes each chart as {@code NAME.svg} into the folder, as {@code facet report} writes its SVGs; returns the files. Needs no display. */
	public static List<Path> writeSvgs(RunComparison comparison, Path folder) throws IOException {
		return writeEach(comparison, folder, ".svg",
				(chart, size, file) -> Files.writeString(file, SvgCharts.toSvg(chart, size[0], size[1]), StandardCharsets.UTF_8));
	}

	private interface ChartWriter {
		void write(ChartSpec chart, int[] size, Path file) throws IOException;
	}

	private static List<Path> writeEach(RunComparison comparison, Path folder, String suffix, ChartWriter writer) throws IOException {
		Files.createDirectories(folder);
		List<Path> files = new ArrayList<>();
		for (Named chart : charts(comparison)) {
			Path file = folder.resolve(chart.name() + suffix);
			writer.write(chart.chart(), size(chart, comparison), file);
			files.add(file);
		}
		return files;
	}

	/** Writes the HTML report of {@code facet report} into the folder; returns its index file. */
	public static Path writeReport(RunComparison comparison, Path folder, ChartRenderer renderer) throws IOException {
		ComparisonReport.write(comparison, Optional.<RunGroup>empty(), folder, renderer);
		return folder.resolve(ComparisonReport.INDEX);
	}
}
