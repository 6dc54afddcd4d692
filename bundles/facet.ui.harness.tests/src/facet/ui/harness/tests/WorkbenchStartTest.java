package facet.ui.harness.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tests run inside Facet's own workbench, not a plain shell or the IDE's. */
class WorkbenchStartTest {

	@AfterEach
	void tidy() throws Exception {
		UI.closeDialogs();
	}

	@Test
	void theFacetWorkbenchRunsOnTheFacetPerspective() throws Exception {
		assertTrue(PlatformUI.isWorkbenchRunning());
		String perspective = UI.sync(() -> UI.page().getPerspective().getId());
		assertEquals("facet.ui.perspective", perspective);
		assertEquals("Facet", UI.sync(() -> UI.window().getShell().getText()));
	}

	@Test
	void anExceptionInTheEventLoopIsLoggedAndTheWorkbenchGoesOn() throws Exception {
		try (ErrorLog log = new ErrorLog()) {
			UI.display().asyncExec(() -> {
				throw new IllegalStateException("thrown by a test");
			});
			// the advisor logs it as facet.ui's; its error dialog only logs in the harness (JFace's automated mode)
			UI.waitUntil("the error log entry", 30, () -> log.errors().stream().anyMatch(
					s -> s.getPlugin().equals("facet.ui") && s.getMessage().contains("Unexpected error") && s.getMessage().contains("thrown by a test")));
		}
		assertTrue(PlatformUI.isWorkbenchRunning());
		assertEquals("facet.ui.perspective", UI.sync(() -> UI.page().getPerspective().getId()));
	}
}
