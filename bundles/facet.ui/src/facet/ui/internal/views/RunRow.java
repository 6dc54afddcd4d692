package facet.ui.internal.views;

import java.nio.file.Files;
import java.util.Locale;
import java.util.OptionalDouble;

import facet.core.runs.Run;
import facet.core.runs.RunInfo;
import facet.engine.eval.EvaluationFiles;

/** One line of the Runs view: a run and its test accuracy, read once when listed. */
public record RunRow(Run run, RunInfo info, OptionalDouble testAccuracy) {

	public static RunRow of(Run run) {
		OptionalDouble accuracy = OptionalDouble.empty();
		if (Files.isRegularFile(run.folder().resolve(EvaluationFiles.evaluationFile("test")))) {
			try {
				accuracy = OptionalDouble.of(EvaluationFiles.readEvaluation(run.folder(), "test").get("accuracy").getAsDouble());
			} catch (Exception e) {
				// a damaged evaluation shows as no accuracy; the dashboard says why
			}
		}
		return new RunRow(run, run.info(), accuracy);
	}

	public String accuracyText() {
		return testAccuracy.isPresent() ? String.format(Locale.ROOT, "%.3f", testAccuracy.getAsDouble()) : "";
	}

	/** Whether the row matches a filter text (experiment, id or status, case-insensitive). */
	public boolean matches(String filter) {
		if (filter == null || filter.isBlank()) {
			return true;
		}
		String f = filter.trim().toLowerCase(Locale.ROOT);
		return info.experiment().toLowerCase(Locale.ROOT).contains(f) || info.id().toLowerCase(Locale.ROOT).contains(f)
				|| info.status().name().toLowerCase(Locale.ROOT).contains(f);
	}
}
