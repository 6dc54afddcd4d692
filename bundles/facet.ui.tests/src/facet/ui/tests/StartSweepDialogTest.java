package facet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;

import facet.core.modules.ModuleRegistry;
import facet.ui.internal.sweeps.StartSweepDialog;
import facet.ui.internal.sweeps.SweepDraft;

/** The editor's "Sweep…" dialog in a plain shell: what it says the sweep expands to, and when it lets one start. */
class StartSweepDialogTest {

	@Test
	void theDialogShowsThePointsAndStartsOnlyARunnableSweep() {
		TestDisplay.require();
		Shell shell = new Shell(Display.getDefault());
		StartSweepDialog dialog = new StartSweepDialog(shell, new SweepDraft(Experiments.VALID), ModuleRegistry.getDefault());
		dialog.setBlockOnOpen(false);
		dialog.open();
		try {
			assertTrue(dialog.summaryText().contains("nothing to sweep"), dialog.summaryText());
			assertFalse(dialog.canStart());
			dialog.choose(true, "$.optimizer.learningRate", "");
			assertEquals("3 points × 3 seeds = 9 runs", dialog.summaryText());
			assertTrue(dialog.canStart());
			dialog.choose(false, "$.optimizer.learningRate", "0.001, 0.01");
			assertEquals("2 points × 3 seeds = 6 runs", dialog.summaryText());
			dialog.choose(false, "$.optimizer.learningRate", "0.001, fast");
			assertTrue(dialog.summaryText().contains("learningRate=fast"), dialog.summaryText());
			assertFalse(dialog.canStart());
		} finally {
			dialog.close();
			shell.dispose();
		}
	}
}
