package facet.core.modules;

import java.util.List;

/** Parameter values were refused; each problem names the parameter, the value and what was expected. */
public class SettingsException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final transient List<ValidationProblem> problems;

	public SettingsException(List<ValidationProblem> problems) {
		super(String.join("\n", problems.stream().map(ValidationProblem::toString).toList()));
		this.problems = List.copyOf(problems);
	}

	public List<ValidationProblem> problems() {
		return problems;
	}
}
