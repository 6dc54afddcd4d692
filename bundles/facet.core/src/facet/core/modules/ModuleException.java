package facet.core.modules;

/**
 * A module could not be created or used. The message names the module and its contributing
 * bundle, so that a broken plug-in is reported, not fatal.
 */
public class ModuleException extends Exception {

	private static final long serialVersionUID = 1L;

	public ModuleException(String message) {
		super(message);
	}

	public ModuleException(String message, Throwable cause) {
		super(message, cause);
	}
}
