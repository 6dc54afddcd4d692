package facet.ui.harness.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Widget;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

/**
 * The tests run in a background thread while the workbench's event loop runs; this reaches
 * the UI thread and waits for what the UI does asynchronously (Jobs, asyncExec, dialogs).
 */
final class UI {

	private UI() {
	}

	static Display display() {
		return PlatformUI.getWorkbench().getDisplay();
	}

	/** Runs on the UI thread and returns its result; an exception there is thrown here. */
	static <T> T sync(Callable<T> task) throws Exception {
		AtomicReference<T> result = new AtomicReference<>();
		AtomicReference<Exception> failure = new AtomicReference<>();
		AtomicReference<Error> error = new AtomicReference<>();
		display().syncExec(() -> {
			try {
				result.set(task.call());
			} catch (Exception e) {
				failure.set(e);
			} catch (Error e) {
				error.set(e);
			}
		});
		if (error.get() != null) {
			throw error.get();
		}
		if (failure.get() != null) {
			throw failure.get();
		}
		return result.get();
	}

	/** Runs on the UI thread. */
	static void run(ThrowingRunnable task) throws Exception {
		sync(() -> {
			task.run();
			return null;
		});
	}

	interface ThrowingRunnable {
		void run() throws Exception;
	}

	/** Waits until the condition, checked on the UI thread, holds. */
	static void waitFor(String what, long seconds, Callable<Boolean> condition) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (!Boolean.TRUE.equals(sync(condition))) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("waited " + seconds + " s for " + what);
			}
			Thread.sleep(50);
		}
	}

	/** Waits until a condition checked in this thread holds. */
	static void waitUntil(String what, long seconds, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("waited " + seconds + " s for " + what);
			}
			Thread.sleep(50);
		}
	}

	static IWorkbenchWindow window() {
		return PlatformUI.getWorkbench().getWorkbenchWindows()[0];
	}

	static IWorkbenchPage page() {
		return window().getActivePage();
	}

	/** Every control below (and including) the root of a type that matches, in tree order; on the UI thread. */
	static <T extends Control> List<T> find(Control root, Class<T> type, Predicate<T> matches) {
		List<T> found = new ArrayList<>();
		collect(root, type, matches, found);
		return found;
	}

	private static <T extends Control> void collect(Control control, Class<T> type, Predicate<T> matches, List<T> found) {
		if (type.isInstance(control) && matches.test(type.cast(control))) {
			found.add(type.cast(control));
		}
		if (control instanceof Composite composite) {
			for (Control child : composite.getChildren()) {
				collect(child, type, matches, found);
			}
		}
	}

	/** The one control of a type that matches; fails naming what was looked for. */
	static <T extends Control> T one(Control root, Class<T> type, Predicate<T> matches, String what) {
		List<T> found = find(root, type, matches);
		if (found.size() != 1) {
			throw new AssertionError("expected one " + what + ", found " + found.size());
		}
		return found.get(0);
	}

	/** Clicks a button as a user would: the listeners get a Selection event. */
	static void click(Button button) {
		if (!button.isEnabled()) {
			throw new AssertionError("button '" + button.getText() + "' is disabled");
		}
		if ((button.getStyle() & (SWT.CHECK | SWT.RADIO | SWT.TOGGLE)) != 0) {
			button.setSelection(!button.getSelection());
		}
		send(button, SWT.Selection);
	}

	/** Sends an event of a type to a widget's listeners. */
	static void send(Widget widget, int type) {
		Event event = new Event();
		event.widget = widget;
		event.display = widget.getDisplay();
		widget.notifyListeners(type, event);
	}

	/** The open shell (a dialog) whose window is of the type, once it is open; from the test thread. */
	static <T> T waitForDialog(Class<T> type, long seconds) throws Exception {
		AtomicReference<T> found = new AtomicReference<>();
		waitFor("a " + type.getSimpleName() + " to open", seconds, () -> {
			for (Shell shell : display().getShells()) {
				if (!shell.isDisposed() && shell.isVisible() && type.isInstance(shell.getData())) {
					found.set(type.cast(shell.getData()));
					return true;
				}
			}
			return false;
		});
		return found.get();
	}

	/** Closes every shell but the workbench window's: a failed test must not leave a modal dialog behind. */
	static void closeDialogs() throws Exception {
		run(() -> {
			Shell main = window().getShell();
			for (Shell shell : display().getShells()) {
				if (shell != main && !shell.isDisposed() && shell.isVisible()) {
					shell.close();
				}
			}
		});
	}
}
