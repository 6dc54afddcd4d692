package facet.engine.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import facet.core.ExpressionClass;
import facet.core.eval.ClassificationMetrics;
import facet.core.eval.Prediction;
import facet.core.experiment.ExperimentException;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.runs.Run;
import facet.core.runs.RunInfo;
import facet.engine.eval.EvaluationFiles;

/**
 * What a comparison reads from one run folder: identity, experiment, per-epoch metrics and the
 * evaluation of one split. Numbers a run does not have are {@code NaN} (parameters: -1).
 *
 * @param folder the run folder
 * @param info {@code run.json}
 * @param experiment the experiment, empty when {@code experiment.facet.json} is missing or unreadable
 * @param experimentText the experiment file's text as written, empty when missing
 * @param epochs one entry per line of {@code metrics.jsonl}
 * @param split the evaluated split
 * @param accuracy share of correct predictions on the split
 * @param macroF1 macro-averaged F1 on the split
 * @param precision per class, canonical order
 * @param recall per class, canonical order
 * @param f1 per class, canonical order
 * @param confusion rows true, columns predicted, canonical order
 * @param parameters number of trainable parameters, -1 when unknown
 * @param flops floating-point operations per image ({@link facet.engine.eval.Flops}), NaN when unknown
 * @param msPerImage inference latency, NaN when unknown
 * @param predictions per-sample predictions, empty when the run has no predictions file for the split
 * @param modelBytes bytes of the saved model: {@code checkpoints/best/model.params} of a network run,
 *        the files of {@code model/} of a features → classifier run; -1 when there is none
 */
public record RunRecord(Path folder, RunInfo info, Optional<ExperimentSpec> experiment, Optional<String> experimentText,
		List<EpochMetrics> epochs, String split, double accuracy, double macroF1, double[] precision, double[] recall,
		double[] f1, int[][] confusion, long parameters, double flops, double msPerImage, Optional<List<Prediction>> predictions, long modelBytes) {

	/** One line of {@code metrics.jsonl}; missing values are NaN. */
	public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
			double valMacroF1, double imagesPerSecond, double seconds) {
	}

	public String id() {
		return info.id();
	}

	public long seed() {
		return info.seed();
	}

	/** The experiment's name as the run recorded it. */
	public String experimentName() {
		return info.experiment();
	}

	/** Mean training throughput over the epochs of {@code metrics.jsonl}. */
	public double imagesPerSecond() {
		return epochs.stream().mapToDouble(EpochMetrics::imagesPerSecond).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
	}

	/** Accuracy on the occluded and the clean samples; empty without predictions or without occluded samples. */
	public Optional<OcclusionSubsets> occlusion() {
		return predictions.flatMap(OcclusionSubsets::of);
	}

	/** Training time: the sum of the epochs' seconds. */
	public double trainingSeconds() {
		return epochs.isEmpty() ? Double.NaN
				: epochs.stream().mapToDouble(EpochMetrics::seconds).filter(v -> !Double.isNaN(v)).sum();
	}

	/**
	 * Reads a run folder. The evaluation comes from {@code evaluation-SPLIT.json}, or is computed
	 * from {@code predictions-SPLIT.csv} when only that exists.
	 *
	 * @throws IOException when the folder is not a run or has no evaluation of the split
	 */
	public static RunRecord read(Path folder, String split) throws IOException {
		Run run = Run.open(folder);
		Optional<String> experimentText = Optional.empty();
		Optional<ExperimentSpec> experiment = Optional.empty();
		Path experimentFile = folder.resolve(Run.EXPERIMENT_FILE);
		if (Files.isRegularFile(experimentFile)) {
			experimentText = Optional.of(Files.readString(experimentFile, StandardCharsets.UTF_8));
			try {
				experiment = Optional.of(ExperimentFormat.parse(experimentText.get(), experimentFile.toString()));
			} catch (ExperimentException e) {
				// grouping falls back to the experiment name; the report still shows the text
			}
		}
		List<EpochMetrics> epochs = new ArrayList<>();
		for (JsonObject o : run.readMetrics()) {
			epochs.add(new EpochMetrics((int) number(o, "epoch", epochs.size() + 1), number(o, "trainLoss", Double.NaN),
					number(o, "trainAccuracy", Double.NaN), number(o, "valLoss", Double.NaN), number(o, "valAccuracy", Double.NaN),
					number(o, "valMacroF1", Double.NaN), number(o, "imagesPerSecond", Double.NaN), number(o, "seconds", Double.NaN)));
		}
		Optional<List<Prediction>> predictions = Files.isRegularFile(folder.resolve(EvaluationFiles.predictionsFile(split)))
				? Optional.of(List.copyOf(EvaluationFiles.readPredictions(folder, split)))
				: Optional.empty();
		Path evaluationFile = folder.resolve(EvaluationFiles.evaluationFile(split));
		int k = ExpressionClass.COUNT;
		double[] precision = new double[k];
		double[] recall = new double[k];
		double[] f1 = new double[k];
		int[][] confusion = new int[k][k];
		double accuracy;
		double macroF1;
		long parameters = -1;
		double msPerImage = Double.NaN;
		double flops = Double.NaN;
		if (Files.isRegularFile(evaluationFile)) {
			JsonObject e;
			try {
				e = JsonParser.parseString(Files.readString(evaluationFile, StandardCharsets.UTF_8)).getAsJsonObject();
			} catch (JsonParseException | IllegalStateException ex) {
				throw new IOException(evaluationFile + " is not a JSON object: " + ex.getMessage(), ex);
			}
			accuracy = required(e, "accuracy", evaluationFile);
			macroF1 = required(e, "macroF1", evaluationFile);
			JsonObject perClass = e.has("perClass") && e.get("perClass").isJsonObject() ? e.getAsJsonObject("perClass") : new JsonObject();
			for (ExpressionClass c : ExpressionClass.values()) {
				JsonObject pc = perClass.has(c.label()) ? perClass.getAsJsonObject(c.label()) : new JsonObject();
				precision[c.ordinal()] = number(pc, "precision", Double.NaN);
				recall[c.ordinal()] = number(pc, "recall", Double.NaN);
				f1[c.ordinal()] = number(pc, "f1", Double.NaN);
			}
			if (e.has("confusion")) {
				var rows = e.getAsJsonArray("confusion");
				if (rows.size() != k) {
					throw new IOException(evaluationFile + ": confusion has " + rows.size() + " rows; expected " + k);
				}
				for (int r = 0; r < k; r++) {
					var row = rows.get(r).getAsJsonArray();
					if (row.size() != k) {
						throw new IOException(evaluationFile + ": confusion row " + (r + 1) + " has " + row.size() + " cells; expected " + k);
					}
					for (int c = 0; c < k; c++) {
						confusion[r][c] = row.get(c).getAsInt();
					}
				}
			}
			parameters = (long) number(e, "parameters", -1);
			msPerImage = number(e, "msPerImage", Double.NaN);
			flops = number(e, "flops", Double.NaN);
		} else if (predictions.isPresent()) {
			ClassificationMetrics m = ClassificationMetrics.of(predictions.get());
			accuracy = m.accuracy();
			macroF1 = m.macroF1();
			precision = m.precision();
			recall = m.recall();
			f1 = m.f1();
			confusion = m.confusion();
		} else {
			throw new IOException(folder + " has no evaluation of split '" + split + "' (" + evaluationFile.getFileName()
					+ " or " + EvaluationFiles.predictionsFile(split) + "); evaluate it first (facet eval)");
		}
		if (parameters < 0) {
			parameters = modelParameters(folder);
		}
		return new RunRecord(folder, run.info(), experiment, experimentText, List.copyOf(epochs), split, accuracy, macroF1, precision,
				recall, f1, confusion, parameters, flops, msPerImage, predictions, modelBytes(folder));
	}

	/** Bytes of the saved model, -1 when the run has none. */
	static long modelBytes(Path folder) throws IOException {
		Path traditional = folder.resolve("model");
		if (Files.isDirectory(traditional)) {
			long total = 0;
			try (var files = Files.list(traditional)) {
				for (Path f : (Iterable<Path>) files::iterator) {
					if (Files.isRegularFile(f)) {
						total += Files.size(f);
					}
				}
			}
			return total;
		}
		Path params = folder.resolve("checkpoints").resolve("best").resolve("model.params");
		return Files.isRegularFile(params) ? Files.size(params) : -1;
	}

	private static long modelParameters(Path folder) throws IOException {
		Path model = folder.resolve("model.json");
		if (!Files.isRegularFile(model)) {
			return -1;
		}
		try {
			return (long) number(JsonParser.parseString(Files.readString(model, StandardCharsets.UTF_8)).getAsJsonObject(), "parameters", -1);
		} catch (JsonParseException | IllegalStateException e) {
			throw new IOException(model + " is not a JSON object: " + e.getMessage(), e);
		}
	}

	private static double required(JsonObject o, String field, Path file) throws IOException {
		double value = number(o, field, Double.NaN);
		if (Double.isNaN(value)) {
			throw new IOException(file + ": field '" + field + "' is missing or not a number");
		}
		return value;
	}

	static double number(JsonObject o, String field, double fallback) {
		JsonElement e = o.get(field);
		if (e == null || !e.isJsonPrimitive()) {
			return fallback;
		}
		try {
			return e.getAsDouble();
		} catch (NumberFormatException | UnsupportedOperationException ex) {
			return fallback;
		}
	}
}
