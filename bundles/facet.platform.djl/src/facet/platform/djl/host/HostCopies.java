package facet.platform.djl.host;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs bulk copies of engine arrays to the host (saving parameters, encoding optimizer state) on
 * a thread that ends when the copy is done.
 * <p>
 * Why: MXNet copies an array of {@code MXNET_CPU_PARALLEL_SIZE} values or more (200,000 by
 * default) between host and engine with an OpenMP parallel loop <em>on the calling thread</em>.
 * libgomp then keeps a worker team for that thread as long as the thread lives, and once there
 * are more OpenMP threads than cores it stops spinning between parallel regions: from then on
 * every operator on the engine's own threads waits for futex wake-ups. Measured on 2 cores,
 * ResNet-18 (width 32, 48×48) trained 25–35 % slower for the rest of the process after the first
 * checkpoint was written from the training thread, and inference was slower too; the same copy
 * from a thread that then ends leaves the speed unchanged, because the team is freed with its
 * thread (the README's Benchmarks section has the measurements).
 * <p>
 * Use it for copies made now and then (checkpoints, a trained model's files), not per batch: each
 * call starts a thread.
 */
public final class HostCopies {

	/** Work that may fail with an {@link IOException}. */
	@FunctionalInterface
	public interface IoWork<T> {
		T run() throws IOException;
	}

	private HostCopies() {
	}

	/**
	 * Runs {@code work} on a new thread and waits for it. Its result, or its exception (an
	 * {@link IOException}, a runtime exception or an error, as thrown), is the caller's. If the
	 * caller is interrupted while waiting, the copy still finishes (so that nothing is left half
	 * read) and the interrupt is kept.
	 */
	public static <T> T call(IoWork<T> work) throws IOException {
		AtomicReference<T> result = new AtomicReference<>();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread thread = new Thread(() -> {
			try {
				result.set(work.run());
			} catch (Throwable t) {
				failure.set(t);
			}
		}, "facet-host-copy");
		thread.setDaemon(true);
		thread.start();
		boolean interrupted = false;
		while (true) {
			try {
				thread.join();
				break;
			} catch (InterruptedException e) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		Throwable t = failure.get();
		if (t instanceof IOException io) {
			throw io;
		}
		if (t instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (t instanceof Error error) {
			throw error;
		}
		if (t != null) {
			throw new IOException(t);
		}
		return result.get();
	}

	/** {@link #call} for work without a result. */
	public static void run(IoAction action) throws IOException {
		call(() -> {
			action.run();
			return null;
		});
	}

	/** Work without a result that may fail with an {@link IOException}. */
	@FunctionalInterface
	public interface IoAction {
		void run() throws IOException;
	}
}
