package facet.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import facet.cli.ExitCodes;
import facet.core.Progress;
import facet.engine.analyze.FramePipeline;
import facet.engine.analyze.MediaInputs;
import facet.engine.sweep.ShardedAnalysis;
import facet.engine.analyze.MediaInputs.Frame;
import facet.engine.analyze.MediaInputs.Input;

/**
 * The IMAGE_OR_FOLDER arguments of an image command, expanded once ({@link MediaInputs}), with
 * the failures of the batch: each is printed naming its file, counted, and the batch goes on.
 */
final class Inputs {

	private final String command;
	private final PrintStream err;
	private List<Input> items = new ArrayList<>();
	private int failures;
	private final List<ShardedAnalysis.FileError> errors = new ArrayList<>();
	private int done;

	private Inputs(String command, PrintStream err) {
		this.command = command;
		this.err = err;
	}

	/** Expands every argument; one that names nothing readable counts as a failure. */
	static Inputs expand(String command, List<String> arguments, PrintStream err) {
		Inputs inputs = new Inputs(command, err);
		for (String argument : arguments) {
			try {
				inputs.items.addAll(MediaInputs.expand(argument));
			} catch (IOException e) {
				inputs.failed(null, e);
				inputs.errors.set(inputs.errors.size() - 1, new ShardedAnalysis.FileError(argument, String.valueOf(e.getMessage())));
			}
		}
		return inputs;
	}

	List<Input> items() {
		return items;
	}

	/** Keeps a selection of the inputs (a shard). */
	void select(UnaryOperator<List<Input>> selection) {
		items = selection.apply(items);
	}

	/**
	 * The still images, for commands that take no video: each video or sequence is refused as a
	 * failure naming it.
	 */
	List<Path> stillImages() {
		List<Path> images = new ArrayList<>();
		for (Input input : items) {
			if (input.kind() == MediaInputs.Kind.IMAGE) {
				images.add(input.path());
			} else {
				failed(input.path(), new IOException(input.path() + ": " + command + " reads still images only; detect and analyze read videos "
						+ "and image sequences"));
			}
		}
		return images;
	}

	/** What a command does with one analysed picture, in input order on the command's thread. */
	interface ResultAction<R> {
		void accept(Frame frame, R result) throws Exception;
	}

	/**
	 * Decodes every frame of every input in order, analyses it in a thread of its own and hands
	 * the result to the action on this thread ({@link FramePipeline}): while the analysis works on
	 * a frame, the next ones are decoded and the action writes out the last one. A frame that
	 * cannot be decoded, or on which the analysis or the action throws, is a failure naming its
	 * file (and frame).
	 */
	<R> void forEachFrame(boolean gray, FramePipeline.Analysis<R> analysis, ResultAction<R> action) {
		try {
			FramePipeline.run(items, gray, analysis, new FramePipeline.Sink<R>() {
				@Override
				public void accept(Frame frame, R result) throws Exception {
					action.accept(frame, result);
					done++;
				}

				@Override
				public void failed(Path file, Exception e) {
					Inputs.this.failed(file, e);
				}
			}, Progress.NONE);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			failed(null, new IOException("interrupted; the frames after the last one reported were not processed", e));
		}
	}

	/** Counts a failure and prints its message, prefixed with the file when the message does not name it. */
	void failed(Path file, Exception e) {
		failures++;
		String message = String.valueOf(e.getMessage());
		errors.add(new ShardedAnalysis.FileError(file == null ? "" : file.toString(), message));
		err.println("facet " + command + ": " + (file == null || message.contains(file.toString()) ? message : file + ": " + message));
	}

	/** Counts one picture handled. */
	void succeeded() {
		done++;
	}

	/** The failures so far, file and message, for {@code errors.csv}. */
	List<ShardedAnalysis.FileError> errors() {
		return List.copyOf(errors);
	}

	int failures() {
		return failures;
	}

	/** Prints the count of failures, if any, and gives the exit status: 1 when any input failed. */
	int exitStatus() {
		if (failures == 0) {
			return ExitCodes.OK;
		}
		err.println("facet " + command + ": " + failures + " of " + (failures + done) + " input(s) failed; the others were processed");
		return ExitCodes.FAILURE;
	}
}
