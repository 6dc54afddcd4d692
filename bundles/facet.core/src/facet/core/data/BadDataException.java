package facet.core.data;

import java.io.IOException;

/**
 * A dataset entry or file is malformed. The message names the file with its line (or the path)
 * and says what was expected; {@link #location()} gives the place alone.
 */
public class BadDataException extends IOException {

	private static final long serialVersionUID = 1L;

	private final String location;

	/** @param location {@code file:line} or a path */
	public BadDataException(String location, String problem) {
		super(location + ": " + problem);
		this.location = location;
	}

	public BadDataException(String location, String problem, Throwable cause) {
		super(location + ": " + problem, cause);
		this.location = location;
	}

	/** The file and line, or the path, that is malformed. */
	public String location() {
		return location;
	}

	/** The message without the location. */
	public String problem() {
		return getMessage().substring(location.length() + 2);
	}
}
