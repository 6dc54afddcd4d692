package facet.engine.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import facet.core.ExpressionClass;
import facet.core.runs.RunEnvironment;
import facet.core.runs.RunInfo;
import facet.engine.compare.AblationRow;
import facet.engine.compare.OcclusionSubsets;
import facet.engine.compare.PairwiseTest;
import facet.engine.compare.RunComparison;
import facet.engine.compare.RunGroup;
import facet.engine.compare.RunRecord;
import facet.engine.compare.RunRecord.EpochMetrics;

/**
 * Writes a self-contained HTML report of a comparison into a folder: {@code index.html}, every
 * chart as SVG (and as PNG when a {@link ChartRenderer} is given), the tables as CSV, and copies
 * of the runs' heat-map images.
 */
public final class ComparisonReport {

	public static final String INDEX = "index.html";
	/** The charts, by file base name. */
	public static final List<String> CHARTS = List.of("loss", "accuracy", "recall", "confusion");

	private ComparisonReport() {
	}

	/**
	 * Writes the report.
	 *
	 * @param ablationBase the group (name or run id) ablations are measured against; empty for no ablation table
	 * @param png draws the PNG charts; null writes SVG only
	 * @return the files written, relative to {@code out}
	 */
	public static List<String> write(RunComparison comparison, Optional<RunGroup> ablationBase, Path out, ChartRenderer png) throws IOException {
		return write(comparison, ablationBase, out, png, ReportExtras.NONE);
	}

	/**
	 * Writes the report with a detector comparison and the attention-on-face numbers (and their
	 * galleries of right and wrong predictions) when {@code extras} has them.
	 */
	public static List<String> write(RunComparison comparison, Optional<RunGroup> ablationBase, Path out, ChartRenderer png, ReportExtras extras)
			throws IOException {
		Files.createDirectories(out);
		List<String> files = new ArrayList<>();
		List<ChartSpec> charts = List.of(ComparisonCharts.loss(comparison), ComparisonCharts.accuracy(comparison),
				ComparisonCharts.recall(comparison), ComparisonCharts.confusion(comparison));
		for (int i = 0; i < charts.size(); i++) {
			ChartSpec chart = charts.get(i);
			int width = chart instanceof ChartSpec.MatrixChart m ? Math.max(640, 330 * m.panels().size()) : 900;
			int height = chart instanceof ChartSpec.MatrixChart ? 420 : 480;
			String name = CHARTS.get(i);
			write(out, name + ".svg", SvgCharts.toSvg(chart, width, height), files);
			if (png != null) {
				png.writePng(chart, width, height, out.resolve(name + ".png"));
				files.add(name + ".png");
			}
		}
		List<AblationRow> ablation = ablationBase.map(comparison::ablation).orElse(List.of());
		write(out, "runs.csv", runsCsv(comparison), files);
		write(out, "groups.csv", groupsCsv(comparison), files);
		write(out, "curves.csv", curvesCsv(comparison), files);
		write(out, "confusion.csv", confusionCsv(comparison), files);
		write(out, "per-class.csv", perClassCsv(comparison), files);
		write(out, "pairwise.csv", pairwiseCsv(comparison.pairwise()), files);
		if (ablationBase.isPresent()) {
			write(out, "ablation.csv", ablationCsv(ablation), files);
		}
		List<String> heatmaps = copyHeatmaps(comparison, out);
		files.addAll(heatmaps);
		StringBuilder extraHtml = new StringBuilder();
		ExtraSections.detectors(extras.detectors(), out, files, extraHtml);
		ExtraSections.faceAttention(extras, out, files, extraHtml);
		write(out, INDEX, html(comparison, ablationBase, ablation, png != null, heatmaps, extraHtml.toString()), files);
		return files;
	}

	private static void write(Path out, String name, String text, List<String> files) throws IOException {
		Files.writeString(out.resolve(name), text, StandardCharsets.UTF_8);
		files.add(name);
	}

	private static List<String> copyHeatmaps(RunComparison comparison, Path out) throws IOException {
		List<String> copied = new ArrayList<>();
		for (RunRecord run : comparison.runs()) {
			Path folder = run.folder().resolve("heatmaps");
			if (!Files.isDirectory(folder)) {
				continue;
			}
			List<Path> images = new ArrayList<>();
			try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.png")) {
				stream.forEach(images::add);
			}
			images.sort(null);
			for (Path image : images) {
				String name = "heatmaps/" + run.id() + "/" + image.getFileName();
				Files.createDirectories(out.resolve(name).getParent());
				Files.copy(image, out.resolve(name), StandardCopyOption.REPLACE_EXISTING);
				copied.add(name);
			}
		}
		return copied;
	}

	// ---- CSV ------------------------------------------------------------------------------

	static String runsCsv(RunComparison comparison) {
		StringBuilder s = new StringBuilder("run,experiment,group,seed,status,accuracy,macroF1");
		for (ExpressionClass c : ExpressionClass.values()) {
			s.append(",recall_").append(c.label());
		}
		s.append(",occludedSamples,occludedAccuracy,cleanAccuracy,parameters,flops,modelBytes,imagesPerSecond,trainingSeconds,msPerImage\n");
		for (RunRecord r : comparison.runs()) {
			csv(s, r.id(), r.experimentName(), groupOf(comparison, r).name(), Long.toString(r.seed()), r.info().status().name(), num(r.accuracy()),
					num(r.macroF1()));
			for (double v : r.recall()) {
				s.append(',').append(num(v));
			}
			s.append(',').append(r.occlusion().map(o -> o.occluded() + "," + num(o.occludedAccuracy()) + "," + num(o.cleanAccuracy())).orElse(",,"));
			s.append(',').append(r.parameters() < 0 ? "" : Long.toString(r.parameters())).append(',').append(num(r.flops())).append(',')
					.append(r.modelBytes() < 0 ? "" : Long.toString(r.modelBytes())).append(',').append(num(r.imagesPerSecond())).append(',')
					.append(num(r.trainingSeconds())).append(',').append(num(r.msPerImage())).append('\n');
		}
		return s.toString();
	}

	static String groupsCsv(RunComparison comparison) {
		StringBuilder s = new StringBuilder("group,runs,metric,mean,sd,ci95_low,ci95_high\n");
		for (RunGroup g : comparison.groups()) {
			summaryRow(s, g, "accuracy", g.summary(RunRecord::accuracy));
			summaryRow(s, g, "macroF1", g.summary(RunRecord::macroF1));
			for (ExpressionClass c : ExpressionClass.values()) {
				summaryRow(s, g, "recall_" + c.label(), g.recall(c.ordinal()));
			}
			summaryRow(s, g, "occludedAccuracy", g.summary(r -> r.occlusion().map(OcclusionSubsets::occludedAccuracy).orElse(Double.NaN)));
			summaryRow(s, g, "cleanAccuracy", g.summary(r -> r.occlusion().map(OcclusionSubsets::cleanAccuracy).orElse(Double.NaN)));
			summaryRow(s, g, "imagesPerSecond", g.summary(RunRecord::imagesPerSecond));
			summaryRow(s, g, "trainingSeconds", g.summary(RunRecord::trainingSeconds));
			summaryRow(s, g, "msPerImage", g.summary(RunRecord::msPerImage));
		}
		return s.toString();
	}

	private static void summaryRow(StringBuilder s, RunGroup g, String metric, facet.core.stats.Summary summary) {
		csv(s, g.name(), Integer.toString(g.size()), metric);
		s.append(',').append(num(summary.mean())).append(',').append(num(summary.standardDeviation())).append(',').append(num(summary.low()))
				.append(',').append(num(summary.high())).append('\n');
	}

	static String curvesCsv(RunComparison comparison) {
		StringBuilder s = new StringBuilder("run,epoch,trainLoss,trainAccuracy,valLoss,valAccuracy,valMacroF1,imagesPerSecond,seconds\n");
		for (RunRecord r : comparison.runs()) {
			for (EpochMetrics e : r.epochs()) {
				csv(s, r.id(), Integer.toString(e.epoch()));
				for (double v : new double[] { e.trainLoss(), e.trainAccuracy(), e.valLoss(), e.valAccuracy(), e.valMacroF1(), e.imagesPerSecond(),
						e.seconds() }) {
					s.append(',').append(num(v));
				}
				s.append('\n');
			}
		}
		return s.toString();
	}

	static String confusionCsv(RunComparison comparison) {
		StringBuilder s = new StringBuilder("run,true");
		for (ExpressionClass c : ExpressionClass.values()) {
			s.append(",predicted_").append(c.label());
		}
		s.append('\n');
		for (RunRecord r : comparison.runs()) {
			for (ExpressionClass t : ExpressionClass.values()) {
				csv(s, r.id(), t.label());
				for (int v : r.confusion()[t.ordinal()]) {
					s.append(',').append(v);
				}
				s.append('\n');
			}
		}
		return s.toString();
	}

	static String perClassCsv(RunComparison comparison) {
		StringBuilder s = new StringBuilder("run,class,precision,recall,f1\n");
		for (RunRecord r : comparison.runs()) {
			for (ExpressionClass c : ExpressionClass.values()) {
				csv(s, r.id(), c.label());
				s.append(',').append(num(r.precision()[c.ordinal()])).append(',').append(num(r.recall()[c.ordinal()])).append(',')
						.append(num(r.f1()[c.ordinal()])).append('\n');
			}
		}
		return s.toString();
	}

	static String pairwiseCsv(List<PairwiseTest> tests) {
		StringBuilder s = new StringBuilder(
				"first,second,pairs,samples,onlyFirstCorrect,onlySecondCorrect,mcnemarP,accuracyDiff,accuracyLow,accuracyHigh,macroF1Diff,macroF1Low,macroF1High,significant,occludedSamples,occludedOnlyFirstCorrect,occludedOnlySecondCorrect,occludedMcnemarP,sentence\n");
		for (PairwiseTest t : tests) {
			csv(s, t.first().name(), t.second().name(), Integer.toString(t.pairs()), Integer.toString(t.samples()));
			s.append(',').append(t.mcNemar().map(m -> m.onlyFirstCorrect() + "," + m.onlySecondCorrect() + "," + num(m.pValue())).orElse(",,"));
			s.append(',').append(t.accuracy().map(b -> num(b.observed()) + "," + num(b.low()) + "," + num(b.high())).orElse(",,"));
			s.append(',').append(t.macroF1().map(b -> num(b.observed()) + "," + num(b.low()) + "," + num(b.high())).orElse(",,"));
			s.append(',').append(t.problem().isPresent() ? "" : Boolean.toString(t.significant()));
			s.append(',').append(t.occluded().map(m -> t.occludedSamples() + "," + m.onlyFirstCorrect() + "," + m.onlySecondCorrect() + "," + num(m.pValue()))
					.orElse(",,,"));
			s.append(',').append(quote(t.sentence())).append('\n');
		}
		return s.toString();
	}

	static String ablationCsv(List<AblationRow> rows) {
		StringBuilder s = new StringBuilder("group,change,accuracyDiff,accuracyLow,accuracyHigh,macroF1Diff,macroF1Low,macroF1High,mcnemarP,significant\n");
		for (AblationRow row : rows) {
			PairwiseTest t = row.test();
			csv(s, row.group().name(), row.change());
			s.append(',').append(t.accuracy().map(b -> num(b.observed()) + "," + num(b.low()) + "," + num(b.high())).orElse(",,"));
			s.append(',').append(t.macroF1().map(b -> num(b.observed()) + "," + num(b.low()) + "," + num(b.high())).orElse(",,"));
			s.append(',').append(t.mcNemar().map(m -> num(m.pValue())).orElse("")).append(',')
					.append(t.problem().isPresent() ? "" : Boolean.toString(row.significant())).append('\n');
		}
		return s.toString();
	}

	private static void csv(StringBuilder s, String... cells) {
		for (int i = 0; i < cells.length; i++) {
			if (i > 0) {
				s.append(',');
			}
			s.append(quote(cells[i]));
		}
	}

	static String quote(String cell) {
		return cell.contains(",") || cell.contains("\"") || cell.contains("\n") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
	}

	static String num(double v) {
		return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
	}

	private static RunGroup groupOf(RunComparison comparison, RunRecord run) {
		return comparison.groups().stream().filter(g -> g.runs().contains(run)).findFirst().orElseThrow();
	}

	// ---- HTML -----------------------------------------------------------------------------

	private static String html(RunComparison comparison, Optional<RunGroup> base, List<AblationRow> ablation, boolean png, List<String> heatmaps,
			String extraSections) {
		StringBuilder h = new StringBuilder();
		h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Facet comparison</title>\n<style>\n")
				.append("body{font-family:sans-serif;margin:2em;max-width:1400px}table{border-collapse:collapse;margin:1em 0}")
				.append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f0f0f0}td.l,th.l{text-align:left}")
				.append("pre{background:#f7f7f7;padding:1em;overflow:auto;max-height:30em}img{max-width:100%;border:1px solid #ddd}")
				.append("p.sig{color:#006000}p.ns{color:#555}div.gallery{display:flex;flex-wrap:wrap}")
				.append("figure{margin:4px;width:140px;font-size:small}figure img{width:128px}\n</style>\n</head>\n<body>\n");
		h.append("<h1>Facet comparison</h1>\n<p>").append(comparison.runs().size()).append(" runs in ").append(comparison.groups().size())
				.append(" experiments, evaluated on the <b>").append(esc(comparison.split())).append("</b> split. Written ")
				.append(Instant.now().toString()).append(".</p>\n");
		h.append("<nav>").append(String.join(" · ", List.of("<a href=\"#runs\">runs</a>", "<a href=\"#statistics\">statistics</a>",
				"<a href=\"#curves\">curves</a>", "<a href=\"#confusion\">confusion matrices</a>", "<a href=\"#per-class\">per class</a>",
				"<a href=\"#face-attention\">attention on the face</a>", "<a href=\"#detectors\">detectors</a>",
				"<a href=\"#experiments\">experiments</a>", "<a href=\"#environment\">environment</a>", "<a href=\"#heatmaps\">heatmaps</a>")))
				.append("</nav>\n");

		h.append("<h2 id=\"runs\">Runs</h2>\n<table>\n<tr><th class=\"l\">run</th><th class=\"l\">experiment</th><th>seed</th><th>status</th><th>accuracy %</th><th>macro-F1 %</th>");
		for (ExpressionClass c : ExpressionClass.values()) {
			h.append("<th>recall ").append(c.label()).append(" %</th>");
		}
		h.append("<th>occluded accuracy % (n)</th><th>clean accuracy %</th><th>parameters</th><th>MFLOPs/image</th><th>model size</th><th>images/s</th><th>training s</th><th>ms per face</th></tr>\n");
		for (RunRecord r : comparison.runs()) {
			h.append("<tr><td class=\"l\">").append(esc(r.id())).append("</td><td class=\"l\">").append(esc(r.experimentName())).append("</td><td>")
					.append(r.seed()).append("</td><td>").append(r.info().status()).append("</td><td>").append(RunComparison.percent(r.accuracy()))
					.append("</td><td>").append(RunComparison.percent(r.macroF1())).append("</td>");
			for (double v : r.recall()) {
				h.append("<td>").append(RunComparison.percent(v)).append("</td>");
			}
			h.append("<td>").append(r.occlusion().map(o -> RunComparison.percent(o.occludedAccuracy()) + " (" + o.occluded() + ")").orElse("–"))
					.append("</td><td>").append(r.occlusion().map(o -> RunComparison.percent(o.cleanAccuracy())).orElse("–")).append("</td><td>")
					.append(r.parameters() < 0 ? "–" : String.format(Locale.ROOT, "%,d", r.parameters())).append("</td><td>")
					.append(RunComparison.number(r.flops() / 1e6, 1)).append("</td><td>").append(RunComparison.bytes(r.modelBytes())).append("</td><td>")
					.append(RunComparison.number(r.imagesPerSecond(), 1)).append("</td><td>").append(RunComparison.number(r.trainingSeconds(), 1))
					.append("</td><td>").append(RunComparison.number(r.msPerImage(), 2)).append("</td></tr>\n");
		}
		h.append("</table>\n<p>Occluded: test faces whose id ends in <code>-occ-&lt;kind&gt;</code> (the synthetic set's hand, scarf, sunglasses, block);"
				+ " clean: the others. Parameters: trainable weights of a network (a features → classifier run records none). Model size: "
				+ "<code>checkpoints/best/model.params</code> of a network, the files of <code>model/</code> of a features → classifier run. "
				+ "Training s: the sum of the epochs' seconds (for features → classifier: features, fitting and evaluation). "
				+ "Ms per face: a network's evaluation time per image (batched, all cores, with its data pipeline); "
				+ "features → classifier: features and classifier one face at a time on one thread.</p>\n")
				.append("<p>CSV: <a href=\"runs.csv\">runs.csv</a>, <a href=\"per-class.csv\">per-class.csv</a>.</p>\n");

		h.append("<h2 id=\"statistics\">Statistics</h2>\n<h3>Experiments over seeds</h3>\n")
				.append("<p>Runs of the same experiment that differ only in the seed form one row: mean ± standard deviation [95 % t-interval].</p>\n")
				.append("<table>\n<tr><th class=\"l\">experiment</th><th>runs</th><th>accuracy %</th><th>macro-F1 %</th><th>images/s</th><th>training s</th></tr>\n");
		for (RunGroup g : comparison.groups()) {
			h.append("<tr><td class=\"l\">").append(esc(g.name())).append("</td><td>").append(g.size()).append("</td><td>")
					.append(RunComparison.percent(g.summary(RunRecord::accuracy))).append("</td><td>")
					.append(RunComparison.percent(g.summary(RunRecord::macroF1))).append("</td><td>")
					.append(RunComparison.number(g.summary(RunRecord::imagesPerSecond).mean(), 1)).append("</td><td>")
					.append(RunComparison.number(g.summary(RunRecord::trainingSeconds).mean(), 1)).append("</td></tr>\n");
		}
		h.append("</table>\n<p>CSV: <a href=\"groups.csv\">groups.csv</a>.</p>\n<h3>Pairwise tests</h3>\n");
		if (comparison.pairwise().isEmpty()) {
			h.append("<p>Only one experiment: nothing to test.</p>\n");
		}
		for (PairwiseTest t : comparison.pairwise()) {
			h.append("<p class=\"").append(t.significant() ? "sig" : "ns").append("\">").append(esc(t.sentence())).append("</p>\n");
		}
		if (comparison.pairwise().stream().anyMatch(t -> t.occluded().isPresent())) {
			h.append("<h3 id=\"occlusion\">Occluded faces</h3>\n<table>\n<tr><th class=\"l\">first</th><th class=\"l\">second</th><th>occluded samples</th>")
					.append("<th>only first right</th><th>only second right</th><th>McNemar p</th><th>significant</th></tr>\n");
			for (PairwiseTest t : comparison.pairwise()) {
				if (t.occluded().isEmpty()) {
					continue;
				}
				var o = t.occluded().get();
				h.append("<tr><td class=\"l\">").append(esc(t.first().name())).append("</td><td class=\"l\">").append(esc(t.second().name()))
						.append("</td><td>").append(t.occludedSamples()).append("</td><td>").append(o.onlyFirstCorrect()).append("</td><td>")
						.append(o.onlySecondCorrect()).append("</td><td>").append(PairwiseTest.p(o.pValue())).append("</td><td>")
						.append(t.occludedSignificant() ? "yes" : "no").append("</td></tr>\n");
			}
			h.append("</table>\n");
		}
		h.append("<p>McNemar's exact test on the samples one model got right and the other wrong; paired bootstrap (")
				.append(RunComparison.BOOTSTRAP_ITERATIONS).append(" resamples) for the 95 % intervals of the differences. CSV: <a href=\"pairwise.csv\">pairwise.csv</a>.</p>\n");
		if (base.isPresent()) {
			h.append("<h3>Ablation against ").append(esc(base.get().name())).append("</h3>\n<table>\n<tr><th class=\"l\">experiment</th><th class=\"l\">change</th>")
					.append("<th>Δ accuracy [95 % CI] points</th><th>Δ macro-F1 [95 % CI] points</th><th>McNemar p</th><th>significant</th></tr>\n");
			for (AblationRow row : ablation) {
				PairwiseTest t = row.test();
				h.append("<tr><td class=\"l\">").append(esc(row.group().name())).append("</td><td class=\"l\">").append(esc(row.change())).append("</td><td>")
						.append(RunComparison.interval(t.accuracy())).append("</td><td>").append(RunComparison.interval(t.macroF1())).append("</td><td>")
						.append(t.mcNemar().map(m -> String.format(Locale.ROOT, "%.4f", m.pValue())).orElse("–")).append("</td><td>")
						.append(t.problem().isPresent() ? "not tested" : row.significant() ? "yes" : "no").append("</td></tr>\n");
			}
			h.append("</table>\n<p>CSV: <a href=\"ablation.csv\">ablation.csv</a>.</p>\n");
		}

		h.append("<h2 id=\"curves\">Training curves</h2>\n<p>Solid: training, dashed: validation. CSV: <a href=\"curves.csv\">curves.csv</a>.");
		List<String> flat = comparison.runs().stream().filter(r -> !ComparisonCharts.hasCurve(r)).map(r -> ComparisonCharts.legendName(comparison, r))
				.toList();
		if (!flat.isEmpty()) {
			h.append(" Not drawn, having a single epoch (a classifier fitted once): ").append(esc(String.join(", ", flat))).append('.');
		}
		h.append("</p>\n");
		chart(h, "loss", png);
		chart(h, "accuracy", png);
		h.append("<h2 id=\"confusion\">Confusion matrices</h2>\n<p>CSV (counts): <a href=\"confusion.csv\">confusion.csv</a>.</p>\n");
		chart(h, "confusion", png);
		h.append("<h2 id=\"per-class\">Per-class recall</h2>\n");
		chart(h, "recall", png);

		h.append(extraSections);

		h.append("<h2 id=\"experiments\">Experiments</h2>\n");
		for (RunGroup g : comparison.groups()) {
			h.append("<h3>").append(esc(g.name())).append("</h3>\n<p>Runs: ")
					.append(esc(String.join(", ", g.runs().stream().map(r -> r.id() + " (seed " + r.seed() + ")").toList()))).append("</p>\n<pre>")
					.append(esc(g.runs().get(0).experimentText().orElse("(no experiment.facet.json in the run folder)"))).append("</pre>\n");
		}

		h.append("<h2 id=\"environment\">Environment</h2>\n<table>\n<tr><th class=\"l\">run</th><th class=\"l\">engine</th><th>cores</th><th class=\"l\">CPU</th>")
				.append("<th class=\"l\">threads</th><th class=\"l\">Java</th><th class=\"l\">OS</th><th class=\"l\">started</th><th class=\"l\">ended</th></tr>\n");
		for (RunRecord r : comparison.runs()) {
			RunInfo info = r.info();
			RunEnvironment e = info.environment();
			h.append("<tr><td class=\"l\">").append(esc(r.id())).append("</td>");
			if (e == null) {
				h.append("<td class=\"l\" colspan=\"6\">not recorded</td>");
			} else {
				h.append("<td class=\"l\">").append(esc(e.engine() + " " + e.engineVersion())).append("</td><td>").append(e.cores())
						.append("</td><td class=\"l\">").append(esc(e.cpuModel())).append("</td><td class=\"l\">").append(esc(join(e.threads())))
						.append("</td><td class=\"l\">").append(esc(e.java())).append("</td><td class=\"l\">").append(esc(e.os())).append("</td>");
			}
			h.append("<td class=\"l\">").append(info.started()).append("</td><td class=\"l\">").append(info.ended().map(Instant::toString).orElse("–"))
					.append("</td></tr>\n");
		}
		h.append("</table>\n");
		for (RunRecord r : comparison.runs()) {
			RunEnvironment e = r.info().environment();
			if (e != null && !e.bundles().isEmpty()) {
				h.append("<details><summary>bundles of ").append(esc(r.id())).append("</summary><pre>")
						.append(esc(String.join("\n", e.bundles().entrySet().stream().sorted(Map.Entry.comparingByKey()).map(x -> x.getKey() + " " + x.getValue()).toList())))
						.append("</pre></details>\n");
			}
		}

		h.append("<h2 id=\"heatmaps\">Heatmaps</h2>\n");
		if (heatmaps.isEmpty()) {
			h.append("<p>No run has a <code>heatmaps/</code> folder yet.</p>\n");
		} else {
			h.append("<ul>\n");
			for (String file : heatmaps) {
				h.append("<li><a href=\"").append(esc(file)).append("\">").append(esc(file)).append("</a></li>\n");
			}
			h.append("</ul>\n");
		}
		h.append("</body>\n</html>\n");
		return h.toString();
	}

	private static void chart(StringBuilder h, String name, boolean png) {
		String image = png ? name + ".png" : name + ".svg";
		h.append("<p><img src=\"").append(image).append("\" alt=\"").append(name).append("\"><br>").append(png ? "<a href=\"" + name + ".png\">PNG</a> · " : "")
				.append("<a href=\"").append(name).append(".svg\">SVG</a></p>\n");
	}

	private static String join(Map<String, String> map) {
		return String.join(", ", map.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue()).toList());
	}

	static String esc(String text) {
		return SvgCharts.escape(text);
	}
}
