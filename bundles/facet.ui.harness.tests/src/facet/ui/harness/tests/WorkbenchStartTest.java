package facet.ui.harness.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;

/** The tests run inside Facet's own workbench, not a plain shell or the IDE's. */
class WorkbenchStartTest {

	@Test
	void theFacetWorkbenchRunsOnTheFacetPerspective() throws Exception {
		assertTrue(PlatformUI.isWorkbenchRunning());
		String perspective = UI.sync(() -> PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().getPerspective().getId());
		assertEquals("facet.ui.perspective", perspective);
	}
}
