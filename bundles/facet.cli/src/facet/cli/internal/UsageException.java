package facet.cli.internal;

/** Bad usage or input: the command line exits with status 2 and prints the message. */
public class UsageException extends Exception {

	private static final long serialVersionUID = 1L;

	public UsageException(String message) {
		super(message);
	}
}
