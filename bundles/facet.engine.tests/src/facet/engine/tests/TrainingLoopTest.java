package facet.engine.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.util.PairList;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import facet.core.Progress;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.OptimizerSpec;
import facet.core.experiment.ScheduleSpec;
import facet.core.runs.Run;
import facet.core.runs.RunEnvironment;
import facet.core.runs.RunStore;
import facet.engine.train.BatchSource;
import facet.engine.train.TrainingException;
import facet.engine.train.TrainingLoop;
import facet.nn.api.WeightedSumLoss;
import facet.nn.losses.internal.CenterLoss;
import facet.nn.losses.internal.IslandLoss;

/** A tiny network on a few hundred generated 16×16 images: the loop learns, resumes exactly and stops on NaN. */
class TrainingLoopTest {

	@TempDir
	Path dir;

	/** Class c is a bright 4×4 square at a position of its own, in noise. */
	static final class Squares implements BatchSource {
		private final float[][] images;
		private final int[] labels;
		private final long seed;
		private final int batch;

		Squares(int perClass, long dataSeed, long orderSeed, int batch) {
			int n = perClass * 7;
			images = new float[n][16 * 16];
			labels = new int[n];
			SplittableRandom random = new SplittableRandom(dataSeed);
			for (int i = 0; i < n; i++) {
				int c = i % 7;
				labels[i] = c;
				for (int p = 0; p < 256; p++) {
					images[i][p] = (float) (random.nextDouble() * 0.6);
				}
				int x0 = (c % 4) * 4;
				int y0 = (c / 4) * 8 + random.nextInt(3);
				for (int y = y0; y < y0 + 4; y++) {
					for (int x = x0; x < x0 + 4; x++) {
						images[i][y * 16 + x] += 0.8f;
					}
				}
			}
			this.seed = orderSeed;
			this.batch = batch;
		}

		@Override
		public int batchesPerEpoch() {
			return (labels.length + batch - 1) / batch;
		}

		@Override
		public int size() {
			return labels.length;
		}

		@Override
		public Iterator<Batch> epoch(NDManager manager, int epoch) {
			int[] order = new int[labels.length];
			for (int i = 0; i < order.length; i++) {
				order[i] = i;
			}
			SplittableRandom random = new SplittableRandom(seed * 31 + epoch);
			for (int i = order.length - 1; i > 0; i--) {
				int j = random.nextInt(i + 1);
				int t = order[i];
				order[i] = order[j];
				order[j] = t;
			}
			List<Batch> batches = new ArrayList<>();
			for (int start = 0; start < order.length; start += batch) {
				int n = Math.min(batch, order.length - start);
				float[] data = new float[n * 256];
				int[] y = new int[n];
				List<String> ids = new ArrayList<>();
				for (int i = 0; i < n; i++) {
					System.arraycopy(images[order[start + i]], 0, data, i * 256, 256);
					y[i] = labels[order[start + i]];
					ids.add("sample-" + order[start + i]);
				}
				NDManager batchManager = manager.newSubManager();
				NDArray x = batchManager.create(data, new Shape(n, 1, 16, 16));
				NDArray l = batchManager.create(y);
				batches.add(new Batch(batchManager, new NDList(x), new NDList(l), n, null, null, epoch, start / batch, ids));
			}
			return batches.iterator();
		}
	}

	static Block tinyNetwork() {
		return new SequentialBlock().add(Conv2d.builder().setFilters(8).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build())
				.add(BatchNorm.builder().build()).add(Activation::relu).add(Pool.maxPool2dBlock(new Shape(4, 4))).add(Dropout.builder().optRate(0.2f).build())
				.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(7).build());
	}

	/** The tiny network with an embedding: predictions {@code [logits (N, 7), embedding (N, 8)]}, as the embedding head gives. */
	static final class TinyEmbeddingNetwork extends AbstractBlock {
		private final Block trunk;
		private final Block classifier;

		TinyEmbeddingNetwork() {
			trunk = addChildBlock("trunk", new SequentialBlock()
					.add(Conv2d.builder().setFilters(8).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build())
					.add(BatchNorm.builder().build()).add(Activation::relu).add(Pool.maxPool2dBlock(new Shape(4, 4)))
					.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(8).build()));
			classifier = addChildBlock("classifier", new SequentialBlock().add(Dropout.builder().optRate(0.2f).build())
					.add(Linear.builder().setUnits(7).build()));
		}

		@Override
		protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
			NDArray embedding = trunk.forward(store, inputs, training, params).head();
			NDArray logits = classifier.forward(store, new NDList(embedding), training, params).head();
			return new NDList(logits, embedding);
		}

		@Override
		public Shape[] getOutputShapes(Shape[] inputs) {
			Shape embedding = trunk.getOutputShapes(inputs)[0];
			return new Shape[] { classifier.getOutputShapes(new Shape[] { embedding })[0], embedding };
		}

		@Override
		protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
			trunk.initialize(manager, dataType, inputShapes);
			classifier.initialize(manager, dataType, trunk.getOutputShapes(inputShapes));
		}
	}

	/** Cross-entropy + 0.1·center + 0.1·island: both distance terms learn centres outside the network. */
	private static WeightedSumLoss centreLoss() {
		return new WeightedSumLoss(List.of(new WeightedSumLoss.Term("cross-entropy", 1, Loss.softmaxCrossEntropyLoss()),
				new WeightedSumLoss.Term("center", 0.1, new CenterLoss(7, 0.5f)), new WeightedSumLoss.Term("island", 0.1, new IslandLoss(7, 0.5f, 0.5f))));
	}

	private static TrainingLoop.Setup centreSetup(WeightedSumLoss loss, int epochs) {
		return new TrainingLoop.Setup(new TinyEmbeddingNetwork(), loss, new Shape(1, 1, 16, 16), new OptimizerSpec("sgd", 0.1, 0.9, true, 1e-4, 0),
				new ScheduleSpec("cosine", 1, 10, 0.1, 3), epochs, 5, new Squares(30, 1, 2, 21), Optional.of(new Squares(10, 99, 3, 35)), 0);
	}

	private static float[][] centres(WeightedSumLoss loss, int term) {
		return ((CenterLoss) loss.terms().get(term).loss()).centres();
	}

	private Run newRun(String name) throws Exception {
		String experiment = """
				{"format": 1, "name": "%s", "dataset": {"id": "d"}, "backbone": {"id": "b"}, "head": {"id": "h"},
				 "loss": {"terms": [{"id": "l"}]}, "seed": 5}
				""".formatted(name);
		return new RunStore(dir).create(ExperimentFormat.parse(experiment, "inline"), RunEnvironment.current("MXNet", "test", Map.of()));
	}

	private static TrainingLoop.Setup setup(Loss loss, int epochs) {
		return new TrainingLoop.Setup(tinyNetwork(), loss, new Shape(1, 1, 16, 16), new OptimizerSpec("sgd", 0.1, 0.9, true, 1e-4, 0),
				new ScheduleSpec("cosine", 1, 10, 0.1, 3), epochs, 5, new Squares(30, 1, 2, 21), Optional.of(new Squares(10, 99, 3, 35)), 0);
	}

	@Test
	void theLossFallsAndTheValidationSetIsLearned() throws Exception {
		Run run = newRun("learn");
		TrainingLoop.Outcome outcome = new TrainingLoop().train(setup(Loss.softmaxCrossEntropyLoss(), 4), run, Progress.NONE);
		assertEquals(4, outcome.completedEpochs());
		List<JsonObject> metrics = run.readMetrics();
		assertEquals(4, metrics.size());
		double first = metrics.get(0).get("trainLoss").getAsDouble();
		double last = metrics.get(3).get("trainLoss").getAsDouble();
		assertTrue(last < first * 0.7, "train loss " + first + " -> " + last);
		assertTrue(metrics.get(3).get("valAccuracy").getAsDouble() > 0.5, metrics.get(3).toString());
		assertTrue(Files.isDirectory(run.folder().resolve("checkpoints/best")));
		assertTrue(Files.isRegularFile(run.folder().resolve("checkpoints/epoch-4/model.params")));
	}

	/** Progress that cancels three steps into the third epoch of the {@code Squares(30, 1, 2, 21)} set. */
	private static Progress cancelMidThirdEpoch() {
		int perEpoch = new Squares(30, 1, 2, 21).batchesPerEpoch();
		AtomicInteger steps = new AtomicInteger();
		return new Progress() {
			@Override
			public void begin(String task, long totalWork) {
			}

			@Override
			public void worked(long units, String message) {
				steps.addAndGet((int) units);
			}

			@Override
			public boolean isCanceled() {
				return steps.get() >= 2 * perEpoch + 3;
			}
		};
	}

	@Test
	void aResumedRunEndsExactlyLikeAnUninterruptedOne() throws Exception {
		Run straight = newRun("straight");
		new TrainingLoop().train(setup(Loss.softmaxCrossEntropyLoss(), 4), straight, Progress.NONE);

		Run interrupted = newRun("interrupted");
		Progress cancelMidThirdEpoch = cancelMidThirdEpoch();
		TrainingLoop.Outcome cancelled = new TrainingLoop().train(setup(Loss.softmaxCrossEntropyLoss(), 4), interrupted, cancelMidThirdEpoch);
		assertTrue(cancelled.cancelled());
		assertEquals(2, cancelled.completedEpochs());
		TrainingLoop.Outcome resumed = new TrainingLoop().train(setup(Loss.softmaxCrossEntropyLoss(), 4), interrupted, Progress.NONE);
		assertEquals(4, resumed.completedEpochs());

		assertArrayEquals(Files.readAllBytes(straight.folder().resolve("checkpoints/epoch-4/model.params")),
				Files.readAllBytes(interrupted.folder().resolve("checkpoints/epoch-4/model.params")), "same parameters bit for bit");
		List<JsonObject> a = straight.readMetrics();
		List<JsonObject> b = interrupted.readMetrics();
		assertEquals(4, b.size(), "one record per epoch, none repeated");
		assertEquals(a.get(3).get("valAccuracy"), b.get(3).get("valAccuracy"));
		assertEquals(a.get(3).get("trainLoss"), b.get(3).get("trainLoss"));
	}

	@Test
	void aResumedRunWithCenterAndIslandLossEndsWithTheSameParametersAndCentres() throws Exception {
		WeightedSumLoss straightLoss = centreLoss();
		Run straight = newRun("straight-centres");
		new TrainingLoop().train(centreSetup(straightLoss, 4), straight, Progress.NONE);

		Run interrupted = newRun("interrupted-centres");
		Progress cancelMidThirdEpoch = cancelMidThirdEpoch();
		TrainingLoop.Outcome cancelled = new TrainingLoop().train(centreSetup(centreLoss(), 4), interrupted, cancelMidThirdEpoch);
		assertTrue(cancelled.cancelled());
		assertEquals(2, cancelled.completedEpochs());
		assertTrue(Files.isRegularFile(interrupted.folder().resolve("checkpoints/epoch-2/loss-state.bin")));
		// a fresh process: new network, new loss objects with freshly initialized centres
		WeightedSumLoss resumedLoss = centreLoss();
		new TrainingLoop().train(centreSetup(resumedLoss, 4), interrupted, Progress.NONE);

		assertArrayEquals(Files.readAllBytes(straight.folder().resolve("checkpoints/epoch-4/model.params")),
				Files.readAllBytes(interrupted.folder().resolve("checkpoints/epoch-4/model.params")), "same parameters bit for bit");
		assertArrayEquals(Files.readAllBytes(straight.folder().resolve("checkpoints/epoch-4/loss-state.bin")),
				Files.readAllBytes(interrupted.folder().resolve("checkpoints/epoch-4/loss-state.bin")), "same saved centres bit for bit");
		for (int term : new int[] { 1, 2 }) {
			float[][] a = centres(straightLoss, term);
			float[][] b = centres(resumedLoss, term);
			assertEquals(7, a.length);
			for (int j = 0; j < a.length; j++) {
				assertArrayEquals(a[j], b[j], "term " + term + " centre " + j);
			}
		}
		assertEquals(straight.readMetrics().get(3).get("trainLoss"), interrupted.readMetrics().get(3).get("trainLoss"));
	}

	@Test
	void aCheckpointOfAnotherLossIsRefusedWithTheTermNamed() throws Exception {
		Run run = newRun("other-loss");
		new TrainingLoop().train(centreSetup(centreLoss(), 1), run, Progress.NONE);
		WeightedSumLoss other = new WeightedSumLoss(List.of(new WeightedSumLoss.Term("cross-entropy", 1, Loss.softmaxCrossEntropyLoss()),
				new WeightedSumLoss.Term("center", 0.1, new CenterLoss(7, 0.5f))));
		java.io.IOException e = assertThrows(java.io.IOException.class,
				() -> new TrainingLoop().train(centreSetup(other, 2), run, Progress.NONE));
		assertTrue(e.getMessage().contains("loss-state.bin") && e.getMessage().contains("3 terms"), e.getMessage());
	}

	@Test
	void everyBatchReportsLossAccuracyThroughputAndTimeLeft() throws Exception {
		Run run = newRun("progress");
		List<Map<String, ? extends Number>> batches = new ArrayList<>();
		Progress recording = new Progress() {
			@Override
			public void begin(String task, long totalWork) {
			}

			@Override
			public void worked(long units, String message) {
			}

			@Override
			public void metrics(Map<String, ? extends Number> values) {
				if (!values.containsKey("epoch")) {
					batches.add(values);
				}
			}

			@Override
			public boolean isCanceled() {
				return false;
			}
		};
		new TrainingLoop().train(setup(Loss.softmaxCrossEntropyLoss(), 2), run, recording);
		int perEpoch = new Squares(30, 1, 2, 21).batchesPerEpoch();
		assertEquals(2 * perEpoch, batches.size());
		for (Map<String, ? extends Number> b : batches) {
			assertEquals(new java.util.TreeSet<>(TrainingLoop.BATCH_METRICS), new java.util.TreeSet<>(b.keySet()));
			double accuracy = b.get("accuracy").doubleValue();
			assertTrue(accuracy >= 0 && accuracy <= 1, b.toString());
			assertTrue(b.get("imagesPerSecond").doubleValue() > 0, b.toString());
		}
		assertTrue(batches.get(0).get("etaSeconds").doubleValue() > 0, "time is left after the first batch");
		assertEquals(0, batches.get(batches.size() - 1).get("etaSeconds").doubleValue(), 1e-12, "none after the last");
	}

	/**
	 * With a learning rate of 0 and no BatchNorm (whose running statistics move even then) the
	 * network never changes, so the validation loss never improves on epoch 1's: patience 2 stops
	 * the run after epoch 3 of 6.
	 */
	@Test
	void earlyStoppingEndsTheRunWhenTheMonitoredValidationMetricStopsImproving() throws Exception {
		Block frozen = new SequentialBlock().add(Conv2d.builder().setFilters(4).setKernelShape(new Shape(3, 3)).build()).add(Activation::relu)
				.add(Pool.maxPool2dBlock(new Shape(4, 4))).add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(7).build());
		Run run = newRun("early");
		TrainingLoop.Setup setup = new TrainingLoop.Setup(frozen, Loss.softmaxCrossEntropyLoss(), new Shape(1, 1, 16, 16),
				new OptimizerSpec("sgd", 0, 0.9, false, 0, 0), new ScheduleSpec("constant", 0, 10, 0.1, 3), 6, 5, new Squares(10, 1, 2, 35),
				Optional.of(new Squares(5, 99, 3, 35)), 2, "loss");
		TrainingLoop.Outcome outcome = new TrainingLoop().train(setup, run, Progress.NONE);
		assertTrue(outcome.stoppedEarly());
		assertEquals(3, outcome.completedEpochs());
		assertEquals(1, outcome.bestEpoch());
		assertEquals(3, run.readMetrics().size());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainingLoop.Setup(tinyNetwork(),
				Loss.softmaxCrossEntropyLoss(), new Shape(1, 1, 16, 16), setup.optimizer(), setup.schedule(), 6, 5, setup.train(), setup.validation(), 2, "f1"));
		assertTrue(e.getMessage().contains("[accuracy, macroF1, loss]"), e.getMessage());
	}

	@Test
	void twoStraightRunsAreIdentical() throws Exception {
		Run a = newRun("a");
		new TrainingLoop().train(setup(Loss.softmaxCrossEntropyLoss(), 2), a, Progress.NONE);
		Run b = newRun("b");
		new TrainingLoop().train(setup(Loss.softmaxCrossEntropyLoss(), 2), b, Progress.NONE);
		assertArrayEquals(Files.readAllBytes(a.folder().resolve("checkpoints/epoch-1/model.params")),
				Files.readAllBytes(b.folder().resolve("checkpoints/epoch-1/model.params")), "epoch 1");
		assertArrayEquals(Files.readAllBytes(a.folder().resolve("checkpoints/epoch-2/model.params")),
				Files.readAllBytes(b.folder().resolve("checkpoints/epoch-2/model.params")), "epoch 2");
	}

	@Test
	void aNanLossStopsTheRunAndKeepsTheLastGoodCheckpoint() throws Exception {
		Run run = newRun("nan");
		AtomicInteger calls = new AtomicInteger();
		int perEpoch = new Squares(30, 1, 2, 21).batchesPerEpoch();
		Loss poisoned = new Loss("poisoned") {
			private final Loss inner = Loss.softmaxCrossEntropyLoss();

			@Override
			public NDArray evaluate(NDList labels, NDList predictions) {
				NDArray value = inner.evaluate(labels, predictions);
				// training batches and the validation pass both call the loss; poison the 2nd epoch's 3rd training batch
				return calls.incrementAndGet() == perEpoch + 2 + 3 ? value.mul(Float.NaN) : value;
			}
		};
		TrainingException e = assertThrows(TrainingException.class, () -> new TrainingLoop().train(setup(poisoned, 3), run, Progress.NONE));
		assertTrue(e.getMessage().startsWith("the loss became NaN at epoch 2, batch 3;"), e.getMessage());
		assertTrue(e.getMessage().contains("last good checkpoint (epoch 1)"), e.getMessage());
		assertTrue(Files.isRegularFile(run.folder().resolve("checkpoints/epoch-1/model.params")));
		assertEquals(1, run.readMetrics().size());
	}
}
