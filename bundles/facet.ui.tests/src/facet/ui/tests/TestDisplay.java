package facet.ui.tests;

import static org.junit.jupiter.api.Assertions.fail;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** The display the SWT tests of this bundle draw on: Xvfb in CI and in releng/test.sh. */
final class TestDisplay {

	private TestDisplay() {
	}

	/** Fails the test, saying how to fix it, when no display server is set. */
	static void require() {
		String x11 = System.getenv("DISPLAY");
		if ((x11 == null || x11.isBlank()) && System.getenv("WAYLAND_DISPLAY") == null) {
			fail("no DISPLAY is set: run under Xvfb (xvfb-run -a)");
		}
	}

	/** A new top-level shell on the default display (see {@link #require()}). */
	static Shell newShell() {
		require();
		return new Shell(Display.getDefault());
	}
}
