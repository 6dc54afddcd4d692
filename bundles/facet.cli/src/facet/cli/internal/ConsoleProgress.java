package facet.cli.internal;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import facet.core.Progress;

/**
 * Progress on the terminal: a bar with ETA redrawn in place when stderr is a terminal, otherwise
 * a line every few seconds (logs, cluster jobs). With {@link #cancelOnInterrupt()}, Ctrl-C (or
 * SIGTERM from a scheduler) becomes a cancel request: the work stops at a point it can resume
 * from while the process waits for it.
 */
final class ConsoleProgress implements Progress {

	private static final long LOG_INTERVAL_NANOS = 5_000_000_000L;

	private final PrintStream err;
	private final boolean terminal = System.console() != null;
	private final AtomicBoolean canceled = new AtomicBoolean();
	private final AtomicBoolean finished = new AtomicBoolean();
	private final AtomicLong done = new AtomicLong();
	private volatile long total = -1;
	private volatile long started = System.nanoTime();
	private volatile long lastPrinted;

	ConsoleProgress(PrintStream err) {
		this.err = err;
	}

	/**
	 * Makes SIGINT/SIGTERM a cancel request; the shutdown hook waits (up to a minute) until
	 * {@link #done()} is called, so the run records where it stopped.
	 */
	ConsoleProgress cancelOnInterrupt() {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			if (finished.get()) {
				return;
			}
			canceled.set(true);
			err.println();
			err.println("facet: cancelling; the run stays resumable (facet resume RUN)");
			synchronized (finished) {
				long deadline = System.currentTimeMillis() + 60_000;
				while (!finished.get() && System.currentTimeMillis() < deadline) {
					try {
						finished.wait(500);
					} catch (InterruptedException e) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}
		}, "facet-cancel"));
		return this;
	}

	/** The work has stopped (finished, failed or cancelled and recorded). */
	void done() {
		synchronized (finished) {
			finished.set(true);
			finished.notifyAll();
		}
	}

	@Override
	public void begin(String name, long totalWork) {
		total = totalWork;
		done.set(0);
		started = System.nanoTime();
		lastPrinted = 0;
		err.println(name + (totalWork > 0 ? " (" + totalWork + " steps)" : ""));
	}

	@Override
	public void worked(long units, String message) {
		long now = done.addAndGet(units);
		long nanos = System.nanoTime();
		long interval = terminal ? 100_000_000L : LOG_INTERVAL_NANOS;
		if (nanos - lastPrinted < interval && now != total) {
			return;
		}
		lastPrinted = nanos;
		double seconds = (nanos - started) / 1e9;
		StringBuilder line = new StringBuilder();
		if (total > 0) {
			int width = 30;
			int filled = (int) (width * Math.min(1.0, now / (double) total));
			line.append('[').append("#".repeat(filled)).append(" ".repeat(width - filled)).append("] ");
			line.append(String.format("%3d%% ", (int) (100 * Math.min(now, total) / total)));
			if (now > 0 && now < total) {
				line.append("ETA ").append(duration(seconds / now * (total - now))).append(' ');
			}
		}
		if (message != null) {
			line.append(message);
		}
		if (terminal) {
			err.print("\r" + line + "\u001b[K");
			if (now >= total) {
				err.println();
			}
		} else {
			err.println(line);
		}
	}

	@Override
	public boolean isCanceled() {
		return canceled.get();
	}

	static String duration(double seconds) {
		long s = Math.round(seconds);
		return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60) : String.format("%dm%02ds", s / 60, s % 60);
	}
}
