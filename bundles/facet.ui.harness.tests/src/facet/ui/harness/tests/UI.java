package facet.ui.harness.tests;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.widgets.Display;
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

	/** Lets the UI thread run what was queued with asyncExec before now. */
	static void settle() throws Exception {
		run(() -> {
			while (display().readAndDispatch()) {
				// drain
			}
		});
	}
}
