package facet.core.modules;

/**
 * One reason a document or a set of values was refused.
 *
 * @param path where: a JSON path such as {@code $.loss.terms[1].weight}, or a parameter name
 * @param message what was expected and what was found, e.g. {@code expected a number ≥ 0, got "x"}
 */
public record ValidationProblem(String path, String message) {

	@Override
	public String toString() {
		return path + ": " + message;
	}
}
