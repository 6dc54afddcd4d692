package facet.platform.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import facet.platform.djl.host.HostCopies;

/**
 * HostCopies runs a copy on a thread of its own, so that the OpenMP team that MXNet's copy of
 * oneDNN-layout arrays starts on its caller does not outlive the copy (which slowed every later
 * training step; see HostCopies).
 */
class HostCopiesTest {

	private static final Path TASKS = Path.of("/proc/self/task");

	@Test
	void theResultAndTheFailuresReachTheCaller() throws Exception {
		assertEquals("done", HostCopies.call(() -> "done"));
		IOException io = new IOException("disk full");
		assertSame(io, assertThrows(IOException.class, () -> HostCopies.run(() -> {
			throw io;
		})));
		IllegalStateException runtime = new IllegalStateException("closed manager");
		assertSame(runtime, assertThrows(IllegalStateException.class, () -> HostCopies.run(() -> {
			throw runtime;
		})));
	}

	@Test
	void anInterruptedCallerStillGetsTheWholeCopyAndKeepsItsInterrupt() throws Exception {
		AtomicInteger written = new AtomicInteger();
		AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
		Thread caller = new Thread(() -> {
			Thread.currentThread().interrupt();
			try {
				HostCopies.run(() -> {
					try {
						Thread.sleep(100);
					} catch (InterruptedException e) {
						throw new IOException("the copy was interrupted", e);
					}
					written.set(42);
				});
			} catch (IOException e) {
				throw new IllegalStateException(e);
			}
			interruptedAfter.set(Thread.currentThread().isInterrupted());
		});
		caller.start();
		caller.join();
		assertEquals(42, written.get());
		assertEquals(Boolean.TRUE, interruptedAfter.get());
	}

	/**
	 * Native threads inherit the name of the thread that starts them, so the threads named as the
	 * caller, counted while it still runs, are the caller and the OpenMP team it started.
	 */
	@Test
	void savingLargeWeightsLeavesNoThreadsBehindOnTheCaller() throws Exception {
		assumeTrue(Files.isDirectory(TASKS), "needs Linux's /proc to count threads");
		assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one core: OpenMP starts no team");
		try (Model model = Model.newInstance("host-copies")) {
			model.setBlock(new SequentialBlock()
					.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(128).optBias(false).build())
					.add(BatchNorm.builder().build())
					.add(Activation.reluBlock())
					.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(256).build())
					.add(Pool.globalAvgPool2dBlock())
					.add(Blocks.batchFlattenBlock())
					.add(Linear.builder().setUnits(7).build()));
			// arrays of 200,000 values and more are copied in parallel (MXNET_CPU_PARALLEL_SIZE); the second
			// convolution's weight has 294,912
			Shape input = new Shape(8, 3, 16, 16);
			try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(Optimizer.adam().build()))) {
				trainer.initialize(input);
				NDManager manager = trainer.getManager();
				NDArray x = manager.randomUniform(0, 1, input);
				NDArray y = manager.randomInteger(0, 7, new Shape(8), DataType.INT32).toType(DataType.FLOAT32, false);
				for (int step = 0; step < 3; step++) {
					try (GradientCollector collector = trainer.newGradientCollector()) {
						NDList out = trainer.forward(new NDList(x));
						collector.backward(trainer.getLoss().evaluate(new NDList(y), out));
					}
					trainer.step();
				}
				// the premise: a save on the caller's own thread leaves it a team. MXNet runs one OpenMP
				// thread when OMP_NUM_THREADS is unset on 2 cores (it halves the cores for hyper-threading);
				// releng/test.sh and the facet launcher set it to the cores.
				int direct = threadsNamedAsCallerAfter("facet-save-self", () -> model.getBlock().saveParameters(nullStream()));
				assumeTrue(direct > 1, "MXNet started no OpenMP team on the saving thread (OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + ")");
				int helped = threadsNamedAsCallerAfter("facet-save-host", () -> HostCopies.run(() -> model.getBlock().saveParameters(nullStream())));
				assertEquals(1, helped, "threads named as the caller after a save through HostCopies");
			}
		}
	}

	@Test
	void aLargeBatchReachesTheEngineWholeAndLeavesNoThreadsBehind() throws Exception {
		assumeTrue(Files.isDirectory(TASKS), "needs Linux's /proc to count threads");
		int n = (int) HostCopies.PARALLEL_COPY_VALUES + 1000;
		float[] values = new float[n];
		for (int i = 0; i < n; i++) {
			values[i] = i % 977;
		}
		try (NDManager manager = NDManager.newBaseManager()) {
			int direct = threadsNamedAsCallerAfter("facet-batch-own", () -> manager.create(values, new Shape(n)));
			assumeTrue(direct > 1, "MXNet started no OpenMP team on the copying thread (OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + ")");
			AtomicReference<NDArray> moved = new AtomicReference<>();
			int helped = threadsNamedAsCallerAfter("facet-batch-hc", () -> moved.set(HostCopies.toEngine(manager, values, new Shape(n))));
			assertEquals(1, helped, "threads named as the caller after a batch moved through HostCopies");
			assertEquals(new Shape(n), moved.get().getShape());
			assertArrayEquals(values, moved.get().toFloatArray());
			// a small batch stays on the caller's thread and is just as whole
			float[] small = Arrays.copyOf(values, 10);
			assertArrayEquals(small, HostCopies.toEngine(manager, small, new Shape(2, 5)).toFloatArray());
		}
	}

	private static DataOutputStream nullStream() {
		return new DataOutputStream(OutputStream.nullOutputStream());
	}

	private static int threadsNamedAsCallerAfter(String name, HostCopies.IoAction action) throws Exception {
		AtomicInteger count = new AtomicInteger();
		AtomicReference<Exception> failure = new AtomicReference<>();
		Thread caller = new Thread(() -> {
			try {
				action.run();
				count.set(countThreadsNamed(name));
			} catch (Exception e) {
				failure.set(e);
			}
		}, name);
		caller.start();
		caller.join();
		if (failure.get() != null) {
			throw failure.get();
		}
		return count.get();
	}

	private static int countThreadsNamed(String name) throws IOException {
		String comm = name.length() > 15 ? name.substring(0, 15) : name; // Linux keeps 15 characters
		int n = 0;
		try (Stream<Path> tasks = Files.list(TASKS)) {
			for (Path task : tasks.toList()) {
				try {
					if (Files.readString(task.resolve("comm")).strip().equals(comm)) {
						n++;
					}
				} catch (IOException e) {
					// the thread ended while we counted
				}
			}
		}
		return n;
	}
}
