package facet.core.experiment;

import java.util.List;

import facet.core.modules.ValidationProblem;

/** An experiment file was refused; every problem names its JSON path. */
public class ExperimentException extends Exception {

	private static final long serialVersionUID = 1L;

	private final String source;
	private final transient List<ValidationProblem> problems;

	public ExperimentException(String source, List<ValidationProblem> problems) {
		super(source + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "\n  "
				+ String.join("\n  ", problems.stream().map(ValidationProblem::toString).toList()));
		this.source = source;
		this.problems = List.copyOf(problems);
	}

	/** The file (or other source) that was read. */
	public String source() {
		return source;
	}

	public List<ValidationProblem> problems() {
		return problems;
	}
}
