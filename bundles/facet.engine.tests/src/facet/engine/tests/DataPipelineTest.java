package facet.engine.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import facet.core.ExpressionClass;
import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.Point;
import facet.core.Progress;
import facet.core.Sample;
import facet.core.experiment.ModuleRef;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.spi.Dataset;
import facet.core.spi.ImageOperation;
import facet.engine.ComputeEngines;
import facet.engine.data.DataPipeline;
import facet.engine.data.HostBatch;
import facet.engine.data.PipelineDataset;
import facet.engine.data.PipelineModules;

class DataPipelineTest {

	/** 60 faces of varied sizes with landmarks, imbalanced: 30 happy, 20 sad, 10 angry; counts its loads. */
	static class FacesDataset implements Dataset {
		final AtomicInteger loads = new AtomicInteger();
		final List<Sample> train = new ArrayList<>();

		FacesDataset() {
			for (int i = 0; i < 60; i++) {
				ExpressionClass label = i % 6 < 3 ? ExpressionClass.HAPPINESS : i % 6 < 5 ? ExpressionClass.SADNESS : ExpressionClass.ANGER;
				double s = 20 + i % 7;
				FaceBox face = new FaceBox(4, 3, 4 + s, 3 + s, 1, List.of(new Point(4 + 0.3 * s, 3 + 0.4 * s),
						new Point(4 + 0.7 * s, 3 + 0.4 * s), new Point(4 + 0.5 * s, 3 + 0.6 * s), new Point(4 + 0.35 * s, 3 + 0.8 * s),
						new Point(4 + 0.65 * s, 3 + 0.8 * s)));
				train.add(new Sample("face-" + i, "train", label, Optional.of(face)));
			}
		}

		@Override
		public Map<String, List<Sample>> splits() {
			return Map.of("train", train);
		}

		@Override
		public ImageRaster load(Sample sample) {
			loads.incrementAndGet();
			int i = Integer.parseInt(sample.id().substring(5));
			int w = 30 + i % 5;
			int h = 32 + i % 3;
			byte[] p = new byte[w * h * 3];
			for (int j = 0; j < p.length; j++) {
				p[j] = (byte) ((j * 31 + i * 17) % 251);
			}
			return new ImageRaster(w, h, 3, p);
		}
	}

	private static List<ImageOperation> ops(ModuleKind kind, String... ids) throws Exception {
		List<ModuleRef> refs = new ArrayList<>();
		for (String id : ids) {
			refs.add(ModuleRef.of(id));
		}
		return PipelineModules.operations(ModuleRegistry.getDefault(), kind, refs);
	}

	private static DataPipeline.Builder training(Dataset dataset) throws Exception {
		return training(dataset, true);
	}

	private static DataPipeline.Builder training(Dataset dataset, boolean mix) throws Exception {
		List<ImageOperation> augmentations = new ArrayList<>(
				ops(ModuleKind.AUGMENTATION, "hflip", "rotate", "color", "noise", "cutout", "random-erasing"));
		if (mix) {
			augmentations.addAll(ops(ModuleKind.AUGMENTATION, "mixup"));
		}
		return DataPipeline.builder(dataset).batchSize(8).seed(42)
				.preprocessors(PipelineModules.operations(ModuleRegistry.getDefault(), ModuleKind.PREPROCESSOR,
						List.of(new ModuleRef("align", Map.of("size", 24)), ModuleRef.of("normalize"))))
				.augmentations(augmentations);
	}

	private static List<float[]> epoch(DataPipeline pipeline, int epoch) {
		List<float[]> all = new ArrayList<>();
		try (NDManager manager = ComputeEngines.open().newManager()) {
			for (Batch batch : new PipelineDataset(pipeline, Progress.NONE).batches(manager, epoch)) {
				try (batch) {
					all.add(batch.getData().singletonOrThrow().toFloatArray());
					for (int i = 0; i < batch.getLabels().size(); i++) {
						all.add(batch.getLabels().get(i).toFloatArray());
					}
				}
			}
		}
		return all;
	}

	@Test
	void theCallersThreadOneAndFourThreadsGiveBitwiseIdenticalBatches() throws Exception {
		try (DataPipeline one = training(new FacesDataset()).threads(1).build();
				DataPipeline four = training(new FacesDataset()).threads(4).prefetch(2).build();
				DataPipeline caller = training(new FacesDataset()).threads(0).build()) {
			for (int e = 0; e < 2; e++) {
				List<float[]> a = epoch(one, e);
				List<float[]> b = epoch(four, e);
				List<float[]> c = epoch(caller, e);
				assertEquals(a.size(), b.size());
				assertEquals(a.size(), c.size());
				for (int i = 0; i < a.size(); i++) {
					assertArrayEquals(a.get(i), b.get(i), "epoch " + e + ", array " + i);
					assertArrayEquals(a.get(i), c.get(i), "epoch " + e + ", array " + i + " on the caller's thread");
				}
			}
			assertFalse(Arrays.equals(epoch(one, 0).get(0), epoch(one, 1).get(0)), "epochs differ");
		}
	}

	/** With no worker threads each batch is prepared on the consumer's thread when it asks for it, not ahead. */
	@Test
	void withoutWorkerThreadsTheConsumerPreparesEachBatchWhenItAsks() throws Exception {
		Set<Thread> loaders = ConcurrentHashMap.newKeySet();
		FacesDataset dataset = new FacesDataset() {
			@Override
			public ImageRaster load(Sample sample) {
				loaders.add(Thread.currentThread());
				return super.load(sample);
			}
		};
		try (DataPipeline pipeline = training(dataset).threads(0).prefetch(4).cacheBytes(0).build();
				DataPipeline.Epoch epoch = pipeline.epoch(0, Progress.NONE)) {
			int before = dataset.loads.get();
			epoch.next();
			assertEquals(8, dataset.loads.get() - before, "one batch of 8, nothing prefetched");
			epoch.next();
			assertEquals(16, dataset.loads.get() - before);
		}
		assertEquals(Set.of(Thread.currentThread()), loaders);
		assertThrows(IllegalArgumentException.class, () -> DataPipeline.builder(dataset).threads(-1));
	}

	@Test
	void batchesHaveNchwFloatDataClassLabelsAndSoftTargets() throws Exception {
		try (DataPipeline pipeline = training(new FacesDataset()).threads(2).build();
				NDManager manager = ComputeEngines.open().newManager()) {
			assertEquals(8, pipeline.batchesPerEpoch());
			int count = 0;
			for (Batch batch : new PipelineDataset(pipeline, Progress.NONE).getData(manager)) {
				try (batch) {
					var data = batch.getData().singletonOrThrow();
					assertEquals(ai.djl.ndarray.types.DataType.FLOAT32, data.getDataType());
					assertEquals(3, data.getShape().get(1));
					assertEquals(24, data.getShape().get(2));
					assertEquals(24, data.getShape().get(3));
					assertEquals(2, batch.getLabels().size());
					float[] soft = batch.getLabels().get(1).toFloatArray();
					for (int i = 0; i < batch.getSize(); i++) {
						float sum = 0;
						for (int c = 0; c < 7; c++) {
							sum += soft[i * 7 + c];
						}
						assertEquals(1, sum, 1e-5);
					}
					count += batch.getSize();
				}
			}
			assertEquals(60, count);
		}
	}

	@Test
	void theSeedDecidesTheOrder() throws Exception {
		try (DataPipeline a = training(new FacesDataset()).seed(1).build(); DataPipeline b = training(new FacesDataset()).seed(2).build();
				DataPipeline c = training(new FacesDataset()).seed(1).build()) {
			assertFalse(Arrays.equals(a.order(0), b.order(0)));
			assertArrayEquals(a.order(0), c.order(0));
			assertFalse(Arrays.equals(a.order(0), a.order(1)));
			int[] sorted = a.order(3).clone();
			Arrays.sort(sorted);
			for (int i = 0; i < sorted.length; i++) {
				assertEquals(i, sorted[i]);
			}
		}
		try (DataPipeline ordered = training(new FacesDataset()).shuffle(false).build()) {
			assertEquals(5, ordered.order(4)[5]);
		}
	}

	@Test
	void theCacheSparesDecodingWithinItsBudget() throws Exception {
		FacesDataset cached = new FacesDataset();
		try (DataPipeline pipeline = training(cached).threads(2).build()) {
			epoch(pipeline, 0);
			epoch(pipeline, 1);
			assertEquals(60, cached.loads.get());
			assertTrue(pipeline.cacheHits() >= 60, "hits " + pipeline.cacheHits());
			assertTrue(pipeline.cachedBytes() >= 60 * 24 * 24 * 3, "bytes " + pipeline.cachedBytes());
		}
		FacesDataset uncached = new FacesDataset();
		try (DataPipeline pipeline = training(uncached).cacheBytes(0).build()) {
			epoch(pipeline, 0);
			epoch(pipeline, 1);
			// one more for the shape of the first sample
			assertEquals(121, uncached.loads.get());
			assertEquals(0, pipeline.cacheHits());
		}
		FacesDataset partly = new FacesDataset();
		// one thread, so that admissions to the cache do not race at its limit
		try (DataPipeline pipeline = training(partly).threads(1).cacheBytes(10 * (24 * 24 * 3 + 96)).build()) {
			epoch(pipeline, 0);
			epoch(pipeline, 1);
			assertEquals(60 + 50, partly.loads.get());
		}
	}

	@Test
	void classWeightsAreInverseFrequencyAndKeepTheTotal() throws Exception {
		try (DataPipeline pipeline = training(new FacesDataset()).build()) {
			float[] w = pipeline.classWeights();
			assertEquals(60 / (3.0 * 30), w[ExpressionClass.HAPPINESS.ordinal()], 1e-6);
			assertEquals(3.0, w[ExpressionClass.ANGER.ordinal()] / w[ExpressionClass.HAPPINESS.ordinal()], 1e-5);
			assertEquals(1.5, w[ExpressionClass.SADNESS.ordinal()] / w[ExpressionClass.HAPPINESS.ordinal()], 1e-5);
			assertEquals(0, w[ExpressionClass.FEAR.ordinal()]);
			assertEquals(60, 30 * w[ExpressionClass.HAPPINESS.ordinal()] + 20 * w[ExpressionClass.SADNESS.ordinal()]
					+ 10 * w[ExpressionClass.ANGER.ordinal()], 1e-4);
		}
	}

	@Test
	void datasetNormalizationCentresTheUnaugmentedData() throws Exception {
		try (DataPipeline pipeline = DataPipeline.builder(new FacesDataset()).batchSize(16).augment(false)
				.preprocessors(PipelineModules.operations(ModuleRegistry.getDefault(), ModuleKind.PREPROCESSOR,
						List.of(ModuleRef.of("grayscale"), new ModuleRef("resize", Map.of("size", 16)),
								new ModuleRef("normalize", Map.of("source", "dataset")))))
				.build()) {
			var stats = pipeline.statistics();
			assertEquals(1, stats.mean().length);
			assertTrue(stats.std()[0] > 0.05, stats.toString());
			double sum = 0;
			double squares = 0;
			long n = 0;
			try (DataPipeline.Epoch batches = pipeline.epoch(0, Progress.NONE)) {
				while (batches.hasNext()) {
					HostBatch batch = batches.next();
					assertEquals(null, batch.softLabels());
					for (float v : batch.data()) {
						sum += v;
						squares += v * v;
						n++;
					}
				}
			}
			assertEquals(0, sum / n, 1e-4);
			assertEquals(1, Math.sqrt(squares / n - (sum / n) * (sum / n)), 1e-3);
		}
	}

	@Test
	void cancellingStopsTheEpoch() throws Exception {
		AtomicInteger batches = new AtomicInteger();
		Progress cancelAfterTwo = new Progress() {
			@Override
			public void begin(String task, long totalWork) {
			}

			@Override
			public void worked(long units, String message) {
				batches.incrementAndGet();
			}

			@Override
			public boolean isCanceled() {
				return batches.get() >= 2;
			}
		};
		try (DataPipeline pipeline = training(new FacesDataset()).build(); DataPipeline.Epoch epoch = pipeline.epoch(0, cancelAfterTwo)) {
			epoch.next();
			epoch.next();
			assertThrows(CancellationException.class, epoch::next);
		}
	}

	@Test
	void samplesOfDifferentSizesAreRefusedNamingTheSample() throws Exception {
		try (DataPipeline pipeline = DataPipeline.builder(new FacesDataset()).batchSize(4).shuffle(false).build()) {
			Iterator<HostBatch> epoch = pipeline.epoch(0, Progress.NONE);
			IllegalStateException e = assertThrows(IllegalStateException.class, epoch::next);
			assertTrue(e.getMessage().startsWith("sample 'face-1' is 31x33x3 after preprocessing and augmentation, but the batch expects 30x32x3"),
					e.getMessage());
		}
		FacesDataset faces = new FacesDataset();
		Dataset broken = new Dataset() {
			@Override
			public Map<String, List<Sample>> splits() {
				return faces.splits();
			}

			@Override
			public ImageRaster load(Sample sample) throws IOException {
				throw new IOException("/data/" + sample.id() + ".png: not an image");
			}
		};
		try (DataPipeline pipeline = DataPipeline.builder(broken).build()) {
			UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> pipeline.epoch(0, Progress.NONE));
			assertEquals("sample 'face-0': /data/face-0.png: not an image", e.getCause().getMessage());
		}
		IOException e = assertThrows(IOException.class, () -> DataPipeline.builder(new FacesDataset()).split("val").build());
		assertEquals("the dataset has no split 'val'; its splits are [train]", e.getMessage());
	}

	@Test
	void theSameSampleIsAugmentedTheSameWhereverItLandsInAnEpoch() throws Exception {
		try (DataPipeline a = training(new FacesDataset(), false).batchSize(8).threads(1).build();
				DataPipeline b = training(new FacesDataset(), false).batchSize(5).threads(3).build()) {
			assertNotEquals(a.batchesPerEpoch(), b.batchesPerEpoch());
			float[] fromA = sampleData(a, 17);
			float[] fromB = sampleData(b, 17);
			assertArrayEquals(fromA, fromB);
		}
	}

	private static float[] sampleData(DataPipeline pipeline, int sample) {
		// without mixing a sample's floats depend on (seed, epoch, sample) alone
		try (DataPipeline.Epoch epoch = pipeline.epoch(0, Progress.NONE)) {
			while (epoch.hasNext()) {
				HostBatch batch = epoch.next();
				for (int i = 0; i < batch.size(); i++) {
					if (batch.samples()[i] == sample) {
						int length = batch.channels() * batch.height() * batch.width();
						return Arrays.copyOfRange(batch.data(), i * length, (i + 1) * length);
					}
				}
			}
		}
		throw new AssertionError("sample " + sample + " not in the epoch");
	}
}
