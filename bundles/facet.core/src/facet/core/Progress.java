package facet.core;

import java.util.Map;

/**
 * The one channel through which long work reports progress and learns it was cancelled. The
 * CLI turns it into a progress bar, the workbench into a Job's monitor and live charts.
 * Implementations must be thread-safe: pipelines report from worker threads.
 */
public interface Progress {

	/** A task with a name and a known amount of work ({@code -1} when unknown). */
	void begin(String task, long totalWork);

	/** Some work was done; {@code message} may be null. */
	void worked(long units, String message);

	/** Measurements as they happen (loss, accuracy, images/s …), for live charts. */
	default void metrics(Map<String, ? extends Number> values) {
		// ignored unless someone draws them
	}

	/** Whether the user asked to stop; long work checks it at least once a second. */
	boolean isCanceled();

	/** Reports nothing and is never cancelled. */
	Progress NONE = canceledWhen(() -> false);

	/**
	 * Reports nothing and is cancelled once {@code condition} holds: for work stopped from
	 * outside by a flag or a count (a signal handler, a test).
	 */
	static Progress canceledWhen(java.util.function.BooleanSupplier condition) {
		return new Progress() {
			@Override
			public void begin(String task, long totalWork) {
			}

			@Override
			public void worked(long units, String message) {
			}

			@Override
			public boolean isCanceled() {
				return condition.getAsBoolean();
			}
		};
	}
}
