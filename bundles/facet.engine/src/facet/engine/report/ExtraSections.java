package facet.engine.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.engine.heatmap.Colormap;
import facet.engine.heatmap.FaceAttention;
import facet.engine.heatmap.FaceAttentionStudy;
import facet.engine.heatmap.FaceAttentionSummary;
import facet.engine.heatmap.Heatmap;
import facet.engine.heatmap.HeatmapRenderer;
import facet.engine.heatmap.ModuleMaps;

/** The report's sections beside the runs' own files: detectors, attention on the face and its galleries. */
final class ExtraSections {

	/** Faces per gallery (right, wrong) and run. */
	static final int GALLERY = 8;
	private static final int PICTURE = 128;
	/** Channels in a channel-attention bar chart, as {@code facet heatmap} draws them. */
	private static final int TOP_CHANNELS = 24;

	private ExtraSections() {
	}

	static void detectors(Optional<DetectorComparison> comparison, Path out, List<String> files, StringBuilder h) throws IOException {
		h.append("<h2 id=\"detectors\">Face detectors</h2>\n");
		if (comparison.isEmpty()) {
			h.append("<p>No detector comparison given: write one with <code>facet detect-compare --annotations FILE --out DIR</code> and ")
					.append("pass <code>--detections DIR</code> to <code>facet report</code>.</p>\n");
			return;
		}
		DetectorComparison d = comparison.get();
		h.append("<p>Every installed detector with its default settings on the same annotated images (<code>")
				.append(ComparisonReport.esc(d.table().toString())).append("</code>).</p>\n<table>\n")
				.append("<tr><th class=\"l\">detector</th><th>AP</th><th>recall</th><th>precision</th><th>recall at 1 FP/image</th>")
				.append("<th>ms per 640×480 frame</th><th>ms per photo</th></tr>\n");
		for (DetectorComparison.Row r : d.rows()) {
			h.append("<tr><td class=\"l\">").append(ComparisonReport.esc(r.detector())).append("</td>");
			for (double v : new double[] { r.averagePrecision(), r.recall(), r.precision(), r.recallAt1FpPerImage() }) {
				h.append("<td>").append(Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v)).append("</td>");
			}
			for (double v : new double[] { r.msPerFrame(), r.msPerPhoto() }) {
				h.append("<td>").append(Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v)).append("</td>");
			}
			h.append("</tr>\n");
		}
		h.append("</table>\n");
		Files.copy(d.table(), out.resolve("detectors.csv"), StandardCopyOption.REPLACE_EXISTING);
		files.add("detectors.csv");
		h.append("<p>CSV: <a href=\"detectors.csv\">detectors.csv</a>.</p>\n");
		if (d.prCurves().isPresent()) {
			Files.copy(d.prCurves().get(), out.resolve("detectors-pr.png"), StandardCopyOption.REPLACE_EXISTING);
			files.add("detectors-pr.png");
			h.append("<p><img src=\"detectors-pr.png\" alt=\"precision-recall curves of the detectors\"></p>\n");
		}
	}

	static void faceAttention(ReportExtras extras, Path out, List<String> files, StringBuilder h) throws IOException {
		h.append("<h2 id=\"face-attention\">Attention on the face</h2>\n");
		if (extras.faceAttention().isEmpty() && !extras.faceSet().isEmpty()) {
			h.append("<p>No run could be mapped over the faces of <code>").append(ComparisonReport.esc(extras.faceSet()))
					.append("</code>: Grad-CAM needs a run with a network and a checkpoint.</p>\n");
			return;
		}
		if (extras.faceAttention().isEmpty()) {
			h.append("<p>No face set given: pass <code>--faces TABLE</code> (faces with landmarks, e.g. the <code>annotations.tsv</code> of ")
					.append("<code>facet data synth --scenes N</code>) to <code>facet report</code>.</p>\n");
			return;
		}
		h.append("<p>Does the model look at the expressive regions? Over ").append(extras.faceAttention().get(0).measured().size())
				.append(" faces with known landmarks (<code>").append(ComparisonReport.esc(extras.faceSet()))
				.append("</code>), the share of each Grad-CAM map's mass (predicted class) inside the eyes, the brows and the mouth ")
				.append("(regions derived from the landmarks, docs/heatmaps.md), their sum (<i>face</i>), what an even map would score ")
				.append("(<i>uniform</i>), and the pointing game: how often the map's maximum lies in one of the regions. ")
				.append("Per true class of the faces; shares in %.</p>\n");
		StringBuilder csv = new StringBuilder("run,map,class,faces,eyes,brows,mouth,face,uniform,pointingHitRate,accuracy\n");
		h.append("<table>\n<tr><th class=\"l\">run</th><th class=\"l\">map</th><th>faces</th><th>eyes</th><th>brows</th><th>mouth</th>")
				.append("<th>face</th><th>uniform</th><th>pointing</th><th>accuracy</th></tr>\n");
		for (ReportExtras.FaceAttention study : extras.faceAttention()) {
			FaceAttentionSummary summary = FaceAttentionStudy.summary(study.measured());
			h.append("<tr><td class=\"l\">").append(ComparisonReport.esc(study.run())).append("</td><td class=\"l\">")
					.append(ComparisonReport.esc(study.map())).append("</td>");
			cells(h, summary.overall(), accuracy(study.measured(), null));
			h.append("</tr>\n");
			for (ModuleMaps module : study.modules()) {
				if (module.isSpatial()) {
					h.append("<tr><td class=\"l\">").append(ComparisonReport.esc(study.run())).append("</td><td class=\"l\">")
							.append(ComparisonReport.esc(module.name())).append("</td>");
					cells(h, FaceAttentionStudy.summary(study.measured(), module.onFace()).overall(), accuracy(study.measured(), null));
					h.append("</tr>\n");
				}
			}
		}
		h.append("</table>\n");
		if (extras.faceAttention().stream().anyMatch(s -> !s.modules().isEmpty())) {
			h.append("<p>Rows named <code>attentionN-STAGE-MODULE</code> measure an attention module's own spatial map (its sigmoid ")
					.append("values as the module multiplies them in, not rescaled) the same way; channel attention (se, cam, ehorm) has no ")
					.append("spatial map and is shown below as bar charts of its largest channel weights.</p>\n");
		}
		for (ReportExtras.FaceAttention study : extras.faceAttention()) {
			h.append("<h3>").append(ComparisonReport.esc(study.run())).append(" (").append(ComparisonReport.esc(study.map())).append(")</h3>\n");
			classTable(study, study.map(), FaceAttentionStudy.summary(study.measured()), csv, h);
			List<Integer> right = chosen(study, true);
			List<Integer> wrong = chosen(study, false);
			String folder = "gallery/" + safe(study.run()) + "/";
			gallery(study, right, wrong, i -> study.measured().get(i).map(), i -> study.measured().get(i).attention(), i -> "", folder, out, files, h);
			for (ModuleMaps module : study.modules()) {
				h.append("<h4>").append(ComparisonReport.esc(study.run())).append(": ").append(ComparisonReport.esc(module.name())).append("</h4>\n");
				if (module.isSpatial()) {
					h.append("<p>The module's own spatial map of the same faces, in the same order as the Grad-CAM gallery above; each drawn ")
							.append("scaled to its maximum (the caption gives the values the module multiplied in).</p>\n");
					classTable(study, module.name(), FaceAttentionStudy.summary(study.measured(), module.onFace()), csv, h);
					gallery(study, right, wrong, i -> module.maps().get(i).spatialPicture().get(), i -> module.onFace().get(i),
							i -> String.format(Locale.ROOT, "; values %.3f–%.3f", module.maps().get(i).spatial().min(), module.maps().get(i).spatial().max()),
							folder + safe(module.name()) + "/", out, files, h);
				} else {
					channels(study, module, folder + safe(module.name()) + "/", out, files, h);
				}
			}
		}
		Files.writeString(out.resolve("face-attention.csv"), csv.toString(), StandardCharsets.UTF_8);
		files.add("face-attention.csv");
		h.append("<p>CSV: <a href=\"face-attention.csv\">face-attention.csv</a>.</p>\n");
	}

	/** The per-class table of one map of a run's faces, with its rows in the CSV. */
	private static void classTable(ReportExtras.FaceAttention study, String map, FaceAttentionSummary summary, StringBuilder csv, StringBuilder h) {
		h.append("<table>\n<tr><th class=\"l\">class</th><th>faces</th><th>eyes</th><th>brows</th><th>mouth</th><th>face</th>")
				.append("<th>uniform</th><th>pointing</th><th>accuracy</th></tr>\n");
		for (Map.Entry<String, FaceAttentionSummary.Row> e : summary.byGroup().entrySet()) {
			h.append("<tr><td class=\"l\">").append(ComparisonReport.esc(e.getKey())).append("</td>");
			double accuracy = accuracy(study.measured(), e.getKey());
			cells(h, e.getValue(), accuracy);
			h.append("</tr>\n");
			csvRow(csv, study.run(), map, e.getKey(), e.getValue(), accuracy);
		}
		h.append("<tr><td class=\"l\"><b>all</b></td>");
		double all = accuracy(study.measured(), null);
		cells(h, summary.overall(), all);
		h.append("</tr>\n</table>\n");
		csvRow(csv, study.run(), map, "all", summary.overall(), all);
	}

	/** Indices of up to {@link #GALLERY} right (or wrong) predictions, the first ones. */
	private static List<Integer> chosen(ReportExtras.FaceAttention study, boolean right) {
		List<Integer> chosen = new ArrayList<>();
		for (int i = 0; i < study.measured().size() && chosen.size() < GALLERY; i++) {
			Optional<Boolean> correct = study.measured().get(i).correct();
			if (correct.isPresent() && correct.get() == right) {
				chosen.add(i);
			}
		}
		return chosen;
	}

	/** The chosen right and wrong predictions of a run, each crop with a map of it blended over it, into {@code folder}. */
	private static void gallery(ReportExtras.FaceAttention study, List<Integer> right, List<Integer> wrong, IntFunction<Heatmap> map,
			IntFunction<FaceAttention> onFace, IntFunction<String> note, String folder, Path out, List<String> files, StringBuilder h) throws IOException {
		HeatmapRenderer renderer = new HeatmapRenderer(Colormap.TURBO, 0.5);
		Files.createDirectories(out.resolve(folder));
		for (boolean isRight : new boolean[] { true, false }) {
			List<Integer> chosen = isRight ? right : wrong;
			String kind = isRight ? "correct" : "wrong";
			h.append("<p><b>").append(isRight ? "Right" : "Wrong").append(" predictions</b> (").append(chosen.size())
					.append(chosen.size() == GALLERY ? ", the first" : "").append(")").append(chosen.isEmpty() ? ": none." : ":").append("</p>\n");
			if (chosen.isEmpty()) {
				continue;
			}
			h.append("<div class=\"gallery\">\n");
			for (int k = 0; k < chosen.size(); k++) {
				FaceAttentionStudy.Measured m = study.measured().get(chosen.get(k));
				Heatmap heatmap = map.apply(chosen.get(k));
				FaceAttention attention = onFace.apply(chosen.get(k));
				ImageRaster crop = m.crop();
				ImageRaster picture = crop.width() >= PICTURE ? crop : ImageFiles.resize(crop, PICTURE, Math.max(1, crop.height() * PICTURE / crop.width()));
				String name = folder + kind + "-" + (k + 1) + ".png";
				ImageFiles.writePng(renderer.overlay(picture, heatmap), out.resolve(name));
				files.add(name);
				String caption = String.format(Locale.ROOT, "true %s, predicted %s; face %.0f %%, peak %s", m.face().truth().get().label(),
						m.predicted().label(), 100 * attention.total(), attention.isHit() ? "on " + attention.hit().label() : "off") + note.apply(chosen.get(k));
				h.append("<figure><img src=\"").append(ComparisonReport.esc(name)).append("\" alt=\"").append(ComparisonReport.esc(caption))
						.append("\"><figcaption>").append(ComparisonReport.esc(caption)).append("</figcaption></figure>\n");
			}
			h.append("</div>\n");
		}
	}

	/** A channel attention module: its mean weights over the faces as a bar chart of the top channels, and all of them as CSV, into {@code folder}. */
	private static void channels(ReportExtras.FaceAttention study, ModuleMaps module, String folder, Path out, List<String> files, StringBuilder h)
			throws IOException {
		float[] mean = module.meanChannelWeights();
		String name = folder + "channels.png";
		Files.createDirectories(out.resolve(folder));
		ImageFiles.writePng(HeatmapRenderer.channelBars(mean, TOP_CHANNELS,
				module.name() + ": mean channel weight over " + module.maps().size() + " faces"), out.resolve(name));
		files.add(name);
		StringBuilder csv = new StringBuilder("channel,meanWeight\n");
		for (int c = 0; c < mean.length; c++) {
			csv.append(c).append(',').append(ComparisonReport.num(mean[c])).append('\n');
		}
		String table = folder + "channels.csv";
		Files.writeString(out.resolve(table), csv.toString(), StandardCharsets.UTF_8);
		files.add(table);
		float min = Float.POSITIVE_INFINITY;
		float max = Float.NEGATIVE_INFINITY;
		for (float v : mean) {
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		h.append("<p>Channel attention: no spatial map. The ").append(Math.min(TOP_CHANNELS, mean.length)).append(" largest of ").append(mean.length)
				.append(" channel weights, averaged over the ").append(module.maps().size()).append(" faces (weights from ")
				.append(String.format(Locale.ROOT, "%.3f to %.3f", min, max)).append("; all in <a href=\"").append(ComparisonReport.esc(table))
				.append("\">").append(ComparisonReport.esc(table)).append("</a>).</p>\n<p><img src=\"").append(ComparisonReport.esc(name))
				.append("\" alt=\"").append(ComparisonReport.esc(module.name() + " channel weights of " + study.run())).append("\"></p>\n");
	}

	private static void cells(StringBuilder h, FaceAttentionSummary.Row r, double accuracy) {
		h.append("<td>").append(r.count()).append("</td>");
		for (double v : new double[] { r.eyes(), r.brows(), r.mouth(), r.total(), r.area(), r.hitRate(), accuracy }) {
			h.append("<td>").append(Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", 100 * v)).append("</td>");
		}
	}

	private static void csvRow(StringBuilder csv, String run, String map, String group, FaceAttentionSummary.Row r, double accuracy) {
		csv.append(ComparisonReport.quote(run)).append(',').append(ComparisonReport.quote(map)).append(',').append(group).append(',')
				.append(r.count());
		for (double v : new double[] { r.eyes(), r.brows(), r.mouth(), r.total(), r.area(), r.hitRate(), accuracy }) {
			csv.append(',').append(ComparisonReport.num(v));
		}
		csv.append('\n');
	}

	/** Accuracy over the faces of a group (all when null) whose class is known; NaN when none is. */
	private static double accuracy(List<FaceAttentionStudy.Measured> measured, String group) {
		int known = 0;
		int right = 0;
		for (FaceAttentionStudy.Measured m : measured) {
			if ((group == null || m.group().equals(group)) && m.correct().isPresent()) {
				known++;
				right += m.correct().get() ? 1 : 0;
			}
		}
		return known == 0 ? Double.NaN : (double) right / known;
	}

	private static String safe(String name) {
		return name.replaceAll("[^A-Za-z0-9._-]", "_");
	}
}
