package facet.engine.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import facet.core.ExpressionClass;
import facet.core.eval.ClassificationMetrics;
import facet.core.eval.Prediction;
import facet.core.runs.Run;

/**
 * The evaluation files of a run: {@code predictions-SPLIT.csv} (one row per sample, so that two
 * runs can be compared pairwise) and {@code evaluation-SPLIT.json} (the metrics and the confusion
 * matrix). Both are written atomically and read back by comparison and reports.
 */
public final class EvaluationFiles {

	private EvaluationFiles() {
	}

	public static String predictionsFile(String split) {
		return "predictions-" + split + ".csv";
	}

	public static String evaluationFile(String split) {
		return "evaluation-" + split + ".json";
	}

	/** Writes both files for one split; {@code extra} (parameters, latency …) joins the JSON. */
	public static void write(Run run, String split, List<Prediction> predictions, JsonObject extra) throws IOException {
		StringBuilder csv = new StringBuilder("sample,label,predicted");
		for (ExpressionClass c : ExpressionClass.values()) {
			csv.append(",p_").append(c.label());
		}
		csv.append('\n');
		for (Prediction p : predictions) {
			csv.append(quote(p.sampleId())).append(',').append(p.label().label()).append(',').append(p.predicted().label());
			for (float value : p.probabilities()) {
				csv.append(',').append(String.format(Locale.ROOT, "%.6f", value));
			}
			csv.append('\n');
		}
		run.writeFile(predictionsFile(split), csv.toString());
		ClassificationMetrics m = ClassificationMetrics.of(predictions);
		JsonObject o = toJson(m);
		o.addProperty("split", split);
		if (extra != null) {
			extra.entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
		}
		run.writeFile(evaluationFile(split), new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(o) + "\n");
	}

	public static JsonObject toJson(ClassificationMetrics m) {
		JsonObject o = new JsonObject();
		o.addProperty("count", m.count());
		o.addProperty("accuracy", m.accuracy());
		o.addProperty("macroF1", m.macroF1());
		o.addProperty("top2Accuracy", m.top2Accuracy());
		o.addProperty("calibrationError", m.calibrationError());
		JsonObject perClass = new JsonObject();
		for (ExpressionClass c : ExpressionClass.values()) {
			JsonObject pc = new JsonObject();
			pc.addProperty("precision", m.precision()[c.ordinal()]);
			pc.addProperty("recall", m.recall()[c.ordinal()]);
			pc.addProperty("f1", m.f1()[c.ordinal()]);
			perClass.add(c.label(), pc);
		}
		o.add("perClass", perClass);
		JsonArray confusion = new JsonArray();
		for (int[] row : m.confusion()) {
			JsonArray r = new JsonArray();
			for (int v : row) {
				r.add(v);
			}
			confusion.add(r);
		}
		o.add("confusion", confusion);
		return o;
	}

	/** Reads the per-sample predictions of a split back. */
	public static List<Prediction> readPredictions(Path runFolder, String split) throws IOException {
		Path file = runFolder.resolve(predictionsFile(split));
		if (!Files.isRegularFile(file)) {
			throw new IOException(runFolder + " has no predictions for split '" + split + "' (" + file.getFileName()
					+ "); evaluate it first (facet eval)");
		}
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		List<Prediction> predictions = new ArrayList<>();
		for (int i = 1; i < lines.size(); i++) {
			List<String> cells = split(lines.get(i));
			if (cells.size() != 3 + ExpressionClass.COUNT) {
				throw new IOException(file + ": line " + (i + 1) + " has " + cells.size() + " columns; expected " + (3 + ExpressionClass.COUNT));
			}
			float[] p = new float[ExpressionClass.COUNT];
			for (int c = 0; c < p.length; c++) {
				p[c] = Float.parseFloat(cells.get(3 + c));
			}
			ExpressionClass label = ExpressionClass.fromName(cells.get(1))
					.orElseThrow(() -> new IOException(file + ": unknown label " + cells.get(1)));
			predictions.add(new Prediction(cells.get(0), label, p));
		}
		return predictions;
	}

	/** Reads an evaluation JSON back. */
	public static JsonObject readEvaluation(Path runFolder, String split) throws IOException {
		return JsonParser.parseString(Files.readString(runFolder.resolve(evaluationFile(split)))).getAsJsonObject();
	}

	private static String quote(String text) {
		return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
	}

	private static List<String> split(String line) {
		List<String> cells = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					cell.append('"');
					i++;
				} else if (c == '"') {
					quoted = false;
				} else {
					cell.append(c);
				}
			} else if (c == '"') {
				quoted = true;
			} else if (c == ',') {
				cells.add(cell.toString());
				cell.setLength(0);
			} else {
				cell.append(c);
			}
		}
		cells.add(cell.toString());
		return cells;
	}
}
