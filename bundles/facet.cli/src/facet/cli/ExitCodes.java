package facet.cli;

/**
 * Exit statuses of the {@code facet} command, documented for scripts and cluster jobs.
 */
public final class ExitCodes {

	/** The command did what was asked. */
	public static final int OK = 0;
	/** The command was valid but its work failed (a run failed, an engine could not start, some images failed). */
	public static final int FAILURE = 1;
	/** Bad input or usage: unknown command or option, unreadable or invalid file. Nothing was changed. */
	public static final int BAD_INPUT = 2;

	private ExitCodes() {
	}
}
