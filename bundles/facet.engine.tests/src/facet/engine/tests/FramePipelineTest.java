package facet.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.Progress;
import facet.engine.analyze.FramePipeline;
import facet.engine.analyze.MediaInputs;
import facet.engine.analyze.MediaInputs.Frame;
import facet.engine.analyze.MediaInputs.Input;

class FramePipelineTest {

	@TempDir
	Path dir;

	/** Records what reaches the sink, in order: "name" or "name frame i" for results, "failed: message" for failures. */
	private static class Recorder implements FramePipeline.Sink<String> {
		final List<String> events = Collections.synchronizedList(new ArrayList<>());
		final List<String> threads = Collections.synchronizedList(new ArrayList<>());

		@Override
		public void accept(Frame frame, String result) throws Exception {
			threads.add(Thread.currentThread().getName());
			if (result.contains("sink-fails")) {
				throw new IOException("cannot write the annotated copy");
			}
			events.add(result);
		}

		@Override
		public void failed(Path file, Exception e) {
			events.add("failed: " + e.getMessage());
		}
	}

	private Path image(String name, int gray) throws IOException {
		byte[] pixels = new byte[32 * 24];
		java.util.Arrays.fill(pixels, (byte) gray);
		Path file = dir.resolve(name);
		ImageFiles.writePng(new ImageRaster(32, 24, 1, pixels), file);
		return file;
	}

	private static String name(Frame frame) {
		return frame.file().getFileName() + (frame.isStill() ? "" : " frame " + frame.index());
	}

	@Test
	void everyFrameAndFailureReachesTheSinkInInputOrderOnTheCallingThread() throws Exception {
		Path a = image("a.png", 10);
		Path broken = dir.resolve("broken.png");
		Files.writeString(broken, "not a picture");
		Path b = image("b.png", 20);
		Path fails = image("analysis-fails.png", 30);
		Path sinkFails = image("sink-fails.png", 40);
		Files.createDirectories(dir.resolve("seq"));
		image("seq/f000.png", 50);
		Files.writeString(dir.resolve("seq/f001.png"), "truncated");
		image("seq/f002.png", 60);
		List<Input> inputs = new ArrayList<>();
		for (Path p : List.of(a, broken, b, fails, sinkFails)) {
			inputs.add(new Input(p, MediaInputs.Kind.IMAGE));
		}
		inputs.addAll(MediaInputs.expand(dir.resolve("seq/f%03d.png").toString()));
		Recorder sink = new Recorder();
		List<String> analysisThreads = Collections.synchronizedList(new ArrayList<>());

		FramePipeline.run(inputs, true, frame -> {
			analysisThreads.add(Thread.currentThread().getName());
			if (name(frame).startsWith("analysis-fails")) {
				throw new IllegalStateException("the detector gave up");
			}
			return name(frame) + " mean " + (frame.raster().pixels()[0] & 0xff);
		}, sink, Progress.NONE);

		List<String> events = sink.events;
		assertEquals(8, events.size(), events.toString());
		assertEquals("a.png mean 10", events.get(0));
		assertTrue(events.get(1).startsWith("failed: ") && events.get(1).contains("broken.png"), events.get(1));
		assertEquals("b.png mean 20", events.get(2));
		assertTrue(events.get(3).contains("analysis-fails.png") && events.get(3).contains("the detector gave up"), events.get(3));
		assertTrue(events.get(4).contains("sink-fails.png") && events.get(4).contains("cannot write the annotated copy"), events.get(4));
		assertEquals("f000.png frame 0 mean 50", events.get(5));
		assertTrue(events.get(6).contains("f001.png"), "the broken frame of a sequence is named: " + events.get(6));
		assertEquals("f002.png frame 2 mean 60", events.get(7), "a sequence goes on after a broken frame");
		String caller = Thread.currentThread().getName();
		assertTrue(sink.threads.stream().allMatch(caller::equals), "the sink runs on the calling thread: " + sink.threads);
		assertFalse(analysisThreads.contains(caller), "the analysis runs in its own thread: " + analysisThreads);
	}

	@Test
	void theNextFrameIsAnalysedWhileTheSinkWritesThePreviousOne() throws Exception {
		List<Input> inputs = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			inputs.add(new Input(image("p" + i + ".png", i), MediaInputs.Kind.IMAGE));
		}
		CountDownLatch secondAnalysed = new CountDownLatch(1);
		List<Boolean> overlapped = new ArrayList<>();
		FramePipeline.run(inputs, true, frame -> {
			if (name(frame).equals("p1.png")) {
				secondAnalysed.countDown();
			}
			return name(frame);
		}, new FramePipeline.Sink<String>() {
			@Override
			public void accept(Frame frame, String result) throws Exception {
				if (result.equals("p0.png")) {
					// a chain that ran the stages one after the other would wait here in vain
					overlapped.add(secondAnalysed.await(30, TimeUnit.SECONDS));
				}
			}

			@Override
			public void failed(Path file, Exception e) {
				throw new AssertionError(e);
			}
		}, Progress.NONE);
		assertEquals(List.of(true), overlapped);
	}

	@Test
	void cancellingStopsDecodingAndFinishesTheFramesInFlight() throws Exception {
		List<Input> inputs = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			inputs.add(new Input(image("c" + i + ".png", i), MediaInputs.Kind.IMAGE));
		}
		AtomicInteger delivered = new AtomicInteger();
		Progress cancelAfterThree = Progress.canceledWhen(() -> delivered.get() >= 3);
		Recorder sink = new Recorder() {
			@Override
			public void accept(Frame frame, String result) throws Exception {
				super.accept(frame, result);
				delivered.incrementAndGet();
			}
		};
		FramePipeline.run(inputs, true, FramePipelineTest::name, sink, cancelAfterThree);
		// at most the frames already queued in the two stages and the one being decoded follow
		assertTrue(sink.events.size() >= 3 && sink.events.size() <= 3 + 2 * FramePipeline.DEPTH + 2, sink.events.toString());
		for (int i = 0; i < sink.events.size(); i++) {
			assertEquals("c" + i + ".png", sink.events.get(i), "in order");
		}
	}

	@Test
	void anErrorInTheAnalysisEndsTheRunWithThatError() throws Exception {
		List<Input> inputs = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			inputs.add(new Input(image("e" + i + ".png", i), MediaInputs.Kind.IMAGE));
		}
		Recorder sink = new Recorder();
		OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () -> FramePipeline.run(inputs, true, frame -> {
			if (name(frame).equals("e2.png")) {
				throw new OutOfMemoryError("simulated");
			}
			return name(frame);
		}, sink, Progress.NONE));
		assertEquals("simulated", e.getMessage());
		assertEquals(List.of("e0.png", "e1.png"), sink.events, "the frames before the error were delivered, none after");
	}
}
