package facet.platform.djl.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

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
 * Use {@link #run} for copies made now and then (checkpoints, a trained model's files): each call
 * starts a thread. {@link #toEngine} moves a batch to the engine, on a thread of its own only when
 * it is large enough to be copied in parallel (a thread start is some tens of microseconds, a
 * step on such a batch hundreds of milliseconds).
 */
public final class HostCopies {

	/**
	 * From this many values on, MXNet copies in parallel: its {@code MXNET_CPU_PARALLEL_SIZE}, read
	 * as MXNet reads it.
	 */
	public static final long PARALLEL_COPY_VALUES = parallelCopyValues();

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

	/**
	 * {@code manager.create(values, shape)}: on the caller's thread when MXNet copies that many
	 * values with one thread, otherwise on a thread that ends afterwards.
	 */
	public static NDArray toEngine(NDManager manager, float[] values, Shape shape) {
		if (values.length < PARALLEL_COPY_VALUES) {
			return manager.create(values, shape);
		}
		try {
			return call(() -> manager.create(values, shape));
		} catch (IOException e) {
			throw new UncheckedIOException(e); // create throws none: only call's signature has it
		}
	}

	private static long parallelCopyValues() {
		String set = System.getenv("MXNET_CPU_PARALLEL_SIZE");
		try {
			return set == null ? 200_000 : Long.parseLong(set.strip());
		} catch (NumberFormatException e) {
			return 200_000;
		}
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
