package facet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import facet.ui.internal.common.ViewJob;

/** The one way the views run work in the background and come back to the UI thread. */
class ViewJobTest {

	private Display display;
	private Shell shell;
	private boolean automated;

	@BeforeEach
	void open() {
		shell = TestDisplay.newShell();
		display = shell.getDisplay();
		// the error dialog would wait for a click
		automated = ErrorDialog.AUTOMATED_MODE;
		ErrorDialog.AUTOMATED_MODE = true;
	}

	@AfterEach
	void close() {
		shell.dispose();
		ErrorDialog.AUTOMATED_MODE = automated;
	}

	/** Lets the job end and the UI thread run what it queued. */
	private void finish(Job job) throws InterruptedException {
		job.join();
		while (display.readAndDispatch()) {
			// the result's or failure's runnable
		}
	}

	@Test
	void theResultReachesTheViewOnTheUiThread() throws Exception {
		Label label = new Label(shell, 0);
		AtomicReference<Thread> worker = new AtomicReference<>();
		AtomicReference<Thread> shownOn = new AtomicReference<>();
		ViewJob<String> job = new ViewJob<>("work", label, monitor -> {
			worker.set(Thread.currentThread());
			return "42 faces";
		}).onResult(text -> {
			shownOn.set(Thread.currentThread());
			label.setText(text);
		}).onFailure("Work", "Cannot work", e -> label.setText("failed"));
		job.schedule();
		finish(job);
		assertEquals("42 faces", label.getText());
		assertSame(display.getThread(), shownOn.get());
		assertTrue(worker.get() != display.getThread(), "the work ran in the background");
	}

	@Test
	void aFailureIsShownByTheViewAndNotAsAResult() throws Exception {
		Label label = new Label(shell, 0);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		ViewJob<String> job = new ViewJob<String>("work", label, monitor -> {
			throw new IOException("runs/x: no run.json");
		}).onResult(label::setText).onFailure("Work", "Cannot work", e -> {
			failure.set(e);
			label.setText("Failed: " + e.getMessage());
		});
		job.schedule();
		finish(job);
		assertEquals("Failed: runs/x: no run.json", label.getText());
		assertTrue(failure.get() instanceof IOException);
		assertTrue(job.getResult().isOK(), "reported once, by the view: no second dialog from the job manager");
	}

	@Test
	void nothingReachesAClosedViewAndNullMeansNothingToShow() throws Exception {
		Label label = new Label(shell, 0);
		AtomicReference<String> shown = new AtomicReference<>();
		ViewJob<String> job = new ViewJob<>("work", label, monitor -> {
			Thread.sleep(50);
			return "late";
		}).onResult(shown::set);
		job.schedule();
		label.dispose();
		finish(job);
		assertNull(shown.get());

		Label other = new Label(shell, 0);
		ViewJob<String> none = new ViewJob<String>("work", other, monitor -> null).onResult(shown::set);
		none.schedule();
		finish(none);
		assertNull(shown.get());

		Object family = new Object();
		assertTrue(new ViewJob<String>("w", other, m -> null).family(family).belongsTo(family));
	}
}
