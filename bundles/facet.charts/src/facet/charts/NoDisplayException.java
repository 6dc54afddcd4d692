package facet.charts;

/** SWT cannot draw: no X11 or Wayland display is available to this process. */
public class NoDisplayException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	public static final String MESSAGE = "needs a display: run under xvfb-run -a or set DISPLAY";

	public NoDisplayException(String detail) {
		super(detail == null ? MESSAGE : MESSAGE + " (" + detail + ")");
	}
}
