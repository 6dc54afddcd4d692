package facet.ui.tests;

import static org.junit.jupiter.api.Assertions.fail;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

import facet.ui.internal.editor.ExperimentDocument;
import facet.ui.internal.editor.PipelinePage;

/** The display the SWT tests of this bundle draw on (Xvfb in CI and in releng/test.sh), and the editor wiring several of them repeat. */
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

	/** Runs what the display has queued, e.g. a page rebuilding itself after a structural edit. */
	static void settle(Display display) {
		while (display.readAndDispatch()) {
			// drain the queue
		}
	}

	/**
	 * Wires a document to a pipeline page as the experiment editor does: accepted source text
	 * replaces the page's model.
	 */
	static void followText(ExperimentDocument document, PipelinePage page) {
		document.addListener((doc, fromText) -> {
			if (fromText && doc.parseProblems().isEmpty()) {
				page.setModel(doc.model());
			}
		});
	}

	/** A new top-level shell on the default display (see {@link #require()}). */
	static Shell newShell() {
		require();
		return new Shell(Display.getDefault());
	}
}
