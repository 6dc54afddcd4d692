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

import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.engine.heatmap.Colormap;
import facet.engine.heatmap.FaceAttentionStudy;
import facet.engine.heatmap.FaceAttentionSummary;
import facet.engine.heatmap.HeatmapRenderer;

/** The report's sections beside the runs' own files: detectors, attention on the face and its galleries. */
final class ExtraSections {

	/** Faces per gallery (right, wrong) and run. */
	static final int GALLERY = 8;
	private static final int PICTURE = 128;

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
		}
		h.append("</table>\n");
		for (ReportExtras.FaceAttention study : extras.faceAttention()) {
			FaceAttentionSummary summary = FaceAttentionStudy.summary(study.measured());
			h.append("<h3>").append(ComparisonReport.esc(study.run())).append(" (").append(ComparisonReport.esc(study.map())).append(")</h3>\n")
					.append("<table>\n<tr><th class=\"l\">class</th><th>faces</th><th>eyes</th><th>brows</th><th>mouth</th><th>face</th>")
					.append("<th>uniform</th><th>pointing</th><th>accuracy</th></tr>\n");
			for (Map.Entry<String, FaceAttentionSummary.Row> e : summary.byGroup().entrySet()) {
				h.append("<tr><td class=\"l\">").append(ComparisonReport.esc(e.getKey())).append("</td>");
				double accuracy = accuracy(study.measured(), e.getKey());
				cells(h, e.getValue(), accuracy);
				h.append("</tr>\n");
				csvRow(csv, study, e.getKey(), e.getValue(), accuracy);
			}
			h.append("<tr><td class=\"l\"><b>all</b></td>");
			double all = accuracy(study.measured(), null);
			cells(h, summary.overall(), all);
			h.append("</tr>\n</table>\n");
			csvRow(csv, study, "all", summary.overall(), all);
			gallery(study, out, files, h);
		}
		Files.writeString(out.resolve("face-attention.csv"), csv.toString(), StandardCharsets.UTF_8);
		files.add("face-attention.csv");
		h.append("<p>CSV: <a href=\"face-attention.csv\">face-attention.csv</a>.</p>\n");
	}

	/** Up to {@link #GALLERY} right and wrong predictions of a run, each crop with its map blended over it. */
	private static void gallery(ReportExtras.FaceAttention study, Path out, List<String> files, StringBuilder h) throws IOException {
		HeatmapRenderer renderer = new HeatmapRenderer(Colormap.TURBO, 0.5);
		for (boolean right : new boolean[] { true, false }) {
			List<FaceAttentionStudy.Measured> chosen = new ArrayList<>();
			for (FaceAttentionStudy.Measured m : study.measured()) {
				if (m.correct().isPresent() && m.correct().get() == right && chosen.size() < GALLERY) {
					chosen.add(m);
				}
			}
			String kind = right ? "correct" : "wrong";
			h.append("<p><b>").append(right ? "Right" : "Wrong").append(" predictions</b> (").append(chosen.size()).append(chosen.size() == GALLERY ? ", the first" : "")
					.append(")").append(chosen.isEmpty() ? ": none." : ":").append("</p>\n");
			if (chosen.isEmpty()) {
				continue;
			}
			h.append("<div class=\"gallery\">\n");
			for (int i = 0; i < chosen.size(); i++) {
				FaceAttentionStudy.Measured m = chosen.get(i);
				ImageRaster crop = m.crop();
				ImageRaster picture = crop.width() >= PICTURE ? crop : ImageFiles.resize(crop, PICTURE, Math.max(1, crop.height() * PICTURE / crop.width()));
				String name = "gallery/" + safe(study.run()) + "/" + kind + "-" + (i + 1) + ".png";
				Files.createDirectories(out.resolve(name).getParent());
				ImageFiles.writePng(renderer.overlay(picture, m.map()), out.resolve(name));
				files.add(name);
				String caption = String.format(Locale.ROOT, "true %s, predicted %s; face %.0f %%, peak %s", m.face().truth().get().label(),
						m.predicted().label(), 100 * m.attention().total(), m.attention().isHit() ? "on " + m.attention().hit().label() : "off");
				h.append("<figure><img src=\"").append(ComparisonReport.esc(name)).append("\" alt=\"").append(ComparisonReport.esc(caption))
						.append("\"><figcaption>").append(ComparisonReport.esc(caption)).append("</figcaption></figure>\n");
			}
			h.append("</div>\n");
		}
	}

	private static void cells(StringBuilder h, FaceAttentionSummary.Row r, double accuracy) {
		h.append("<td>").append(r.count()).append("</td>");
		for (double v : new double[] { r.eyes(), r.brows(), r.mouth(), r.total(), r.area(), r.hitRate(), accuracy }) {
			h.append("<td>").append(Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", 100 * v)).append("</td>");
		}
	}

	private static void csvRow(StringBuilder csv, ReportExtras.FaceAttention study, String group, FaceAttentionSummary.Row r, double accuracy) {
		csv.append(ComparisonReport.quote(study.run())).append(',').append(ComparisonReport.quote(study.map())).append(',').append(group).append(',')
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
