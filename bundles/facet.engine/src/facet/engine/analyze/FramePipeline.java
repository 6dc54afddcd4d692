package facet.engine.analyze;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

import facet.core.Progress;
import facet.engine.analyze.MediaInputs.Frame;
import facet.engine.analyze.MediaInputs.FrameReader;
import facet.engine.analyze.MediaInputs.Input;

/**
 * Decodes, analyses and hands on the frames of a list of inputs in three threads: while the
 * detector and the model work on one frame, the next ones are decoded and the last one is
 * annotated and written. On two cores that is the difference between the chain's time and the
 * sum of its stages (JPEG decoding and PNG encoding alone cost a VGA frame ~25 ms).
 * <p>
 * Every stage sees the frames in input order, and at most {@link #DEPTH} frames wait between two
 * stages, so memory stays bounded however long the video. The sink runs on the calling thread:
 * whatever it prints or collects needs no locking. A frame that cannot be decoded, or on which
 * the analysis or the sink throws, is a failure handed to the sink in its place, naming the file
 * (and frame); the rest of the batch goes on.
 */
public final class FramePipeline {

	/** Frames decoded ahead of the analysis, and analysed frames waiting for the sink. */
	public static final int DEPTH = 2;

	/** The work done on each frame in the analysis thread (detection, classification). */
	public interface Analysis<R> {
		R apply(Frame frame) throws Exception;
	}

	/** Receives, on the calling thread and in input order, each frame's result or failure. */
	public interface Sink<R> {
		void accept(Frame frame, R result) throws Exception;

		/**
		 * A failure: an input that could not be opened, a frame that could not be decoded, or an
		 * exception of the analysis or of {@link #accept}.
		 *
		 * @param file the still image or input that failed; null for a frame of a video or
		 *            sequence, whose message names file and frame
		 */
		void failed(Path file, Exception e);
	}

	private record Item<R>(Frame frame, R result, Path failedFile, Exception failure) {
		static <R> Item<R> failure(Path file, Exception e) {
			return new Item<>(null, null, file, e);
		}

		/** A frame's failure: named by the still image's file, or for a video or sequence by the message alone. */
		static <R> Item<R> failure(Frame frame, Exception e) {
			return failure(frame.isStill() ? frame.file() : null, describe(frame, e));
		}
	}

	/** Marks the end of a queue; compared by identity. */
	private static final Item<Object> END = new Item<>(null, null, null, null);

	private FramePipeline() {
	}

	/**
	 * Runs the pipeline to the end of the inputs, or until {@code progress} is cancelled (the
	 * frames already decoded are finished).
	 *
	 * @param gray whether frames are decoded to one channel
	 * @throws InterruptedException when the calling thread is interrupted; the other two threads
	 *             are stopped before this returns
	 */
	public static <R> void run(List<Input> inputs, boolean gray, Analysis<R> analysis, Sink<R> sink, Progress progress)
			throws InterruptedException {
		BlockingQueue<Item<R>> decoded = new ArrayBlockingQueue<>(DEPTH);
		BlockingQueue<Item<R>> analysed = new ArrayBlockingQueue<>(DEPTH);
		Thread reader = Thread.ofPlatform().daemon().name("facet-decode").start(() -> decode(inputs, gray, decoded, progress));
		AtomicReference<Throwable> crash = new AtomicReference<>();
		Thread worker = Thread.ofPlatform().daemon().name("facet-analyse").start(() -> {
			try {
				analyse(decoded, analysed, analysis);
			} catch (Throwable t) {
				// an Error (out of memory …) ends the run, and the caller learns why
				crash.set(t);
				end(analysed);
			}
		});
		try {
			while (true) {
				Item<R> item = analysed.take();
				if (item == END) {
					break;
				}
				if (item.failure() != null) {
					sink.failed(item.failedFile(), item.failure());
					continue;
				}
				try {
					sink.accept(item.frame(), item.result());
				} catch (Exception e) {
					Item<R> failure = Item.failure(item.frame(), e);
					sink.failed(failure.failedFile(), failure.failure());
				}
			}
		} finally {
			// after an interrupt or a throwing sink the other two may be blocked on a full queue
			reader.interrupt();
			worker.interrupt();
			reader.join();
			worker.join();
		}
		if (crash.get() instanceof Error e) {
			throw e;
		} else if (crash.get() != null) {
			throw new IllegalStateException("the analysis thread failed: " + crash.get(), crash.get());
		}
	}

	private static <R> void decode(List<Input> inputs, boolean gray, BlockingQueue<Item<R>> queue, Progress progress) {
		try {
			for (Input input : inputs) {
				if (progress.isCanceled()) {
					break;
				}
				try (FrameReader reader = MediaInputs.open(input, gray)) {
					while (!progress.isCanceled()) {
						Frame frame;
						try {
							frame = reader.next();
						} catch (IOException | RuntimeException e) {
							queue.put(Item.failure(input.path(), named(input.path(), e)));
							if (input.kind() == MediaInputs.Kind.SEQUENCE) {
								// the sequence reader has moved past the broken frame
								continue;
							}
							break;
						}
						if (frame == null) {
							break;
						}
						queue.put(new Item<>(frame, null, null, null));
					}
				} catch (IOException | RuntimeException e) {
					queue.put(Item.failure(input.path(), named(input.path(), e)));
				}
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} finally {
			end(queue);
		}
	}

	private static <R> void analyse(BlockingQueue<Item<R>> in, BlockingQueue<Item<R>> out, Analysis<R> analysis) {
		try {
			while (true) {
				Item<R> item = in.take();
				if (item == END) {
					break;
				}
				if (item.failure() != null) {
					out.put(item);
					continue;
				}
				Frame frame = item.frame();
				Item<R> result;
				try {
					result = new Item<>(frame, analysis.apply(frame), null, null);
				} catch (Exception e) {
					result = Item.failure(frame, e);
				}
				out.put(result);
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		end(out);
	}

	@SuppressWarnings("unchecked")
	private static <R> void end(BlockingQueue<Item<R>> queue) {
		try {
			queue.put((Item<R>) (Item<?>) END);
		} catch (InterruptedException e) {
			// interrupted only when the caller stops waiting for the end
			Thread.currentThread().interrupt();
		}
	}

	/** The exception as an IOException whose message starts with the file and, for a video or sequence, the frame. */
	public static IOException describe(Frame frame, Exception e) {
		return new IOException(frame.file() + (frame.isStill() ? "" : " frame " + frame.index()) + ": " + e.getMessage(), e);
	}

	private static Exception named(Path file, Exception e) {
		if (e instanceof IOException && String.valueOf(e.getMessage()).contains(file.toString())) {
			return e;
		}
		return e instanceof IOException ? e : new IOException(file + ": " + e, e);
	}
}
