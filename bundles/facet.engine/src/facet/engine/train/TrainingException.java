package facet.engine.train;

/** Training stopped for a reason the user must act on; the message says what happened and what is kept. */
public class TrainingException extends Exception {

	private static final long serialVersionUID = 1L;

	public TrainingException(String message) {
		super(message);
	}

	public TrainingException(String message, Throwable cause) {
		super(message, cause);
	}
}
