package facet.engine.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.Permutations;
import facet.core.Progress;
import facet.core.Sample;
import facet.core.spi.Dataset;
import facet.core.spi.ImageOperation;
import facet.core.spi.SampleMixing;
import facet.core.spi.TensorNormalization;

/**
 * The batch source of training and evaluation: samples of one split are decoded, preprocessed
 * and augmented on worker threads, turned into normalized NCHW floats and grouped into batches,
 * a few batches ahead of the consumer.
 * <p>
 * Reproducible by construction: the order of an epoch is a shuffle seeded by
 * {@code (seed, epoch)}, each sample's augmentation draws from a generator seeded by
 * {@code (seed, epoch, sample index)}, mixing from one seeded by {@code (seed, epoch, batch)},
 * so the batches are bitwise the same for any thread count. Preprocessed images (before
 * augmentation) are cached while they fit in a byte budget.
 * <p>
 * This class is engine-neutral (host memory only); {@link PipelineDataset} hands its batches to
 * DJL. Close it to stop its threads.
 */
public final class DataPipeline implements AutoCloseable {

	private final Dataset dataset;
	private final List<Sample> samples;
	private final List<ImageOperation> preprocessors;
	private final List<ImageOperation> augmentations;
	private final List<SampleMixing> mixings;
	private final TensorNormalization normalization;
	private final int batchSize;
	private final long seed;
	private final int threads;
	private final int prefetch;
	private final boolean shuffle;
	private final boolean dropLast;
	private final int channels;
	private final long cacheBudget;

	private final ConcurrentHashMap<Integer, Preprocessed> cache = new ConcurrentHashMap<>();
	private final AtomicLong cacheBytes = new AtomicLong();
	private final AtomicLong cacheHits = new AtomicLong();
	private final AtomicLong loads = new AtomicLong();
	private final ExecutorService workers;

	private volatile ChannelStatistics statistics;
	private volatile int[] shape;
	private volatile float[][] lut;

	private record Preprocessed(ImageRaster image, Optional<FaceBox> face) {
	}

	private DataPipeline(Builder b, List<Sample> samples) {
		this.dataset = b.dataset;
		this.samples = List.copyOf(samples);
		this.batchSize = b.batchSize;
		this.seed = b.seed;
		this.threads = b.threads;
		this.prefetch = b.threads == 0 ? 0 : b.prefetch;
		this.shuffle = b.shuffle;
		this.dropLast = b.dropLast;
		this.channels = b.channels;
		this.cacheBudget = b.cacheBytes;
		this.statistics = b.statistics;
		List<ImageOperation> pre = new ArrayList<>();
		TensorNormalization found = null;
		for (ImageOperation op : b.preprocessors) {
			if (op instanceof TensorNormalization n) {
				if (found != null) {
					throw new IllegalArgumentException("an experiment takes one normalize preprocessor, got two");
				}
				found = n;
			} else {
				pre.add(op);
			}
		}
		this.normalization = found;
		this.preprocessors = List.copyOf(pre);
		List<ImageOperation> aug = new ArrayList<>();
		List<SampleMixing> mix = new ArrayList<>();
		for (ImageOperation op : b.augment ? b.augmentations : List.<ImageOperation>of()) {
			if (op instanceof SampleMixing m) {
				mix.add(m);
			} else {
				aug.add(op);
			}
		}
		this.augmentations = List.copyOf(aug);
		this.mixings = List.copyOf(mix);
		if (threads == 0) {
			this.workers = new CallerThread();
		} else {
			AtomicInteger count = new AtomicInteger();
			ThreadFactory factory = r -> {
				Thread thread = new Thread(r, "facet-data-" + count.incrementAndGet());
				thread.setDaemon(true);
				return thread;
			};
			this.workers = Executors.newFixedThreadPool(threads, factory);
		}
	}

	/**
	 * Runs each task at once on the thread that submits it: for a few faces to classify, starting
	 * a worker thread and handing them to it costs more than preparing them.
	 */
	private static final class CallerThread extends AbstractExecutorService {
		private volatile boolean shutdown;

		@Override
		public void execute(Runnable task) {
			if (shutdown) {
				throw new RejectedExecutionException("the data pipeline is closed");
			}
			task.run();
		}

		@Override
		public void shutdown() {
			shutdown = true;
		}

		@Override
		public List<Runnable> shutdownNow() {
			shutdown = true;
			return List.of();
		}

		@Override
		public boolean isShutdown() {
			return shutdown;
		}

		@Override
		public boolean isTerminated() {
			return shutdown;
		}

		@Override
		public boolean awaitTermination(long timeout, TimeUnit unit) {
			return shutdown;
		}
	}

	/** A pipeline over the samples of one split of a dataset. */
	public static Builder builder(Dataset dataset) {
		return new Builder(dataset);
	}

	/** Settings of a pipeline; every setter checks its value. */
	public static final class Builder {
		private final Dataset dataset;
		private String split = "train";
		private List<Sample> explicitSamples;
		private List<ImageOperation> preprocessors = List.of();
		private List<ImageOperation> augmentations = List.of();
		private boolean augment = true;
		private int batchSize = 64;
		private long seed;
		private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
		private int prefetch = 4;
		private boolean shuffle = true;
		private boolean dropLast;
		private int channels;
		private long cacheBytes = 1L << 30;
		private ChannelStatistics statistics;

		private Builder(Dataset dataset) {
			this.dataset = dataset;
		}

		/** The split to read ("train" by default). */
		public Builder split(String name) {
			this.split = name;
			return this;
		}

		/** Reads these samples instead of a split of the dataset (the dataset still loads them). */
		public Builder samples(List<Sample> list) {
			this.explicitSamples = List.copyOf(list);
			return this;
		}

		/**
		 * Applied in order to every image; a {@link TensorNormalization} among them is applied to
		 * the floats. Operations are shared by the worker threads, so they must not keep state
		 * between calls (randomness comes only from the generator they are given).
		 */
		public Builder preprocessors(List<? extends ImageOperation> operations) {
			this.preprocessors = List.copyOf(operations);
			return this;
		}

		/** Applied in order after preprocessing when {@link #augment(boolean)}; {@link SampleMixing} ones act on whole batches. */
		public Builder augmentations(List<? extends ImageOperation> operations) {
			this.augmentations = List.copyOf(operations);
			return this;
		}

		/** Whether to augment (training) or not (evaluation); true by default. */
		public Builder augment(boolean value) {
			this.augment = value;
			return this;
		}

		/** Whether each epoch has its own order (true by default); false keeps the split's order. */
		public Builder shuffle(boolean value) {
			this.shuffle = value;
			return this;
		}

		public Builder batchSize(int value) {
			if (value < 1) {
				throw new IllegalArgumentException("batch size must be >= 1, got " + value);
			}
			this.batchSize = value;
			return this;
		}

		public Builder seed(long value) {
			this.seed = value;
			return this;
		}

		/**
		 * Worker threads for decoding, preprocessing and augmenting; the batches do not depend on
		 * it. 0 prepares each batch on the thread that asks for it, when it asks (no prefetch).
		 */
		public Builder threads(int value) {
			if (value < 0) {
				throw new IllegalArgumentException("threads must be >= 0, got " + value);
			}
			this.threads = value;
			return this;
		}

		/** Batches prepared ahead of the consumer (4 by default). */
		public Builder prefetch(int value) {
			if (value < 0) {
				throw new IllegalArgumentException("prefetch must be >= 0, got " + value);
			}
			this.prefetch = value;
			return this;
		}

		/** Whether a last batch smaller than the batch size is left out (false by default). */
		public Builder dropLast(boolean value) {
			this.dropLast = value;
			return this;
		}

		/**
		 * Channels of the output (1 or 3); 0 (the default) keeps what preprocessing gives. Gray
		 * is repeated into RGB, RGB becomes gray with BT.601 weights.
		 */
		public Builder channels(int value) {
			if (value != 0 && value != 1 && value != 3) {
				throw new IllegalArgumentException("channels must be 0 (as preprocessed), 1 or 3, got " + value);
			}
			this.channels = value;
			return this;
		}

		/** Largest number of bytes of preprocessed images kept in memory (1 GiB by default; 0 disables the cache). */
		public Builder cacheBytes(long value) {
			if (value < 0) {
				throw new IllegalArgumentException("cache bytes must be >= 0, got " + value);
			}
			this.cacheBytes = value;
			return this;
		}

		/**
		 * Statistics for a normalize preprocessor whose source is the dataset; pass the training
		 * pipeline's {@link DataPipeline#statistics()} to validation and test pipelines. Without
		 * them they are measured on this pipeline's own samples.
		 */
		public Builder statistics(ChannelStatistics value) {
			this.statistics = value;
			return this;
		}

		/**
		 * @throws IOException when the dataset cannot list its samples, or has no split of that name
		 */
		public DataPipeline build() throws IOException {
			List<Sample> list = explicitSamples;
			if (list == null) {
				var splits = dataset.splits();
				list = splits.get(split);
				if (list == null) {
					throw new IOException("the dataset has no split '" + split + "'; its splits are " + splits.keySet());
				}
			}
			if (list.isEmpty()) {
				throw new IOException("split '" + split + "' has no samples");
			}
			return new DataPipeline(this, list);
		}
	}

	/** The samples, in the order sample indices refer to. */
	public List<Sample> samples() {
		return samples;
	}

	/** Inverse-frequency class weights of this pipeline's samples (see {@link ClassWeights}). */
	public float[] classWeights() {
		return ClassWeights.inverseFrequency(samples);
	}

	/** Batches per epoch. */
	public int batchesPerEpoch() {
		return dropLast ? samples.size() / batchSize : (samples.size() + batchSize - 1) / batchSize;
	}

	/** Whether batches carry soft labels (some augmentation mixes samples). */
	public boolean mixesSamples() {
		return !mixings.isEmpty();
	}

	/** Number of times a sample was decoded and preprocessed (cache misses included). */
	public long loads() {
		return loads.get();
	}

	/** Number of samples served from the cache. */
	public long cacheHits() {
		return cacheHits.get();
	}

	/** Bytes of preprocessed images held in the cache. */
	public long cachedBytes() {
		return cacheBytes.get();
	}

	/** {@code {channels, height, width}} of every sample; prepares the pipeline if needed. */
	public int[] shape() {
		prepare(Progress.NONE);
		return shape.clone();
	}

	/**
	 * The normalization statistics in use: given, measured on this split, or the fixed values of
	 * the normalize preprocessor (mean 0, std 1 without one).
	 */
	public ChannelStatistics statistics() {
		prepare(Progress.NONE);
		return statistics;
	}

	/**
	 * Settles the sample shape from the first sample and, for dataset normalization without
	 * given statistics, measures them over every sample (which also fills the cache). Runs once;
	 * later calls return at once.
	 *
	 * @throws CancellationException when {@code progress} was cancelled
	 * @throws UncheckedIOException naming the sample when one cannot be loaded
	 */
	public synchronized void prepare(Progress progress) {
		if (lut != null) {
			return;
		}
		Preprocessed first = preprocess(0);
		int[] s = { first.image().channels(), first.image().height(), first.image().width() };
		ChannelStatistics stats = statistics;
		if (normalization == null) {
			stats = constant(s[0], 0, 1);
		} else if (!normalization.fromDataset()) {
			stats = new ChannelStatistics(perChannel(normalization.mean(), s[0], "mean"), perChannel(normalization.std(), s[0], "std"));
		} else if (stats == null) {
			stats = measure(s, progress);
		}
		if (stats.mean().length != s[0]) {
			throw new IllegalArgumentException("normalization statistics have " + stats.mean().length + " channels, the images have " + s[0]);
		}
		float[][] table = new float[s[0]][256];
		for (int k = 0; k < s[0]; k++) {
			double mean = stats.mean()[k];
			double std = stats.std()[k] > 0 ? stats.std()[k] : 1;
			for (int v = 0; v < 256; v++) {
				table[k][v] = (float) ((v / 255.0 - mean) / std);
			}
		}
		statistics = stats;
		shape = s;
		lut = table;
	}

	private static ChannelStatistics constant(int c, double mean, double std) {
		double[] m = new double[c];
		double[] d = new double[c];
		java.util.Arrays.fill(m, mean);
		java.util.Arrays.fill(d, std);
		return new ChannelStatistics(m, d);
	}

	private static double[] perChannel(double[] values, int c, String name) {
		if (values.length == c) {
			return values;
		}
		if (values.length == 1) {
			double[] out = new double[c];
			java.util.Arrays.fill(out, values[0]);
			return out;
		}
		throw new IllegalArgumentException("normalize gives " + values.length + " " + name + " values for images with " + c
				+ " channel(s); give 1 or " + c);
	}

	private ChannelStatistics measure(int[] s, Progress progress) {
		int c = s[0];
		int n = samples.size();
		progress.begin("Measuring channel statistics of " + n + " samples", n);
		// integer sums are exact, so the result does not depend on which thread adds what
		long[][] sums = new long[n][];
		List<Future<?>> futures = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			int index = i;
			futures.add(workers.submit(() -> {
				ImageRaster image = checkShape(preprocess(index).image(), index, s);
				long[] sum = new long[2 * c];
				byte[] p = image.pixels();
				for (int j = 0; j < p.length; j++) {
					int v = p[j] & 0xff;
					sum[j % c] += v;
					sum[c + j % c] += (long) v * v;
				}
				sums[index] = sum;
			}));
		}
		for (Future<?> future : futures) {
			await(future, progress, futures);
			progress.worked(1, null);
		}
		double[] mean = new double[c];
		double[] std = new double[c];
		double count = (double) n * s[1] * s[2];
		for (int k = 0; k < c; k++) {
			long sum = 0;
			long squares = 0;
			for (long[] partial : sums) {
				sum += partial[k];
				squares += partial[c + k];
			}
			double m = sum / count / 255.0;
			double variance = squares / count / (255.0 * 255.0) - m * m;
			mean[k] = m;
			std[k] = Math.sqrt(Math.max(variance, 0));
		}
		return new ChannelStatistics(mean, std);
	}

	/**
	 * The batches of one epoch. Iterating again with the same epoch gives the same batches.
	 * Close the iterator to stop the work it prefetched when leaving early.
	 *
	 * @param progress told the number of batches and each one done; cancelling it ends the epoch
	 *        with a {@link CancellationException}
	 */
	public Epoch epoch(int epoch, Progress progress) {
		prepare(progress);
		return new Epoch(epoch, progress);
	}

	/** The order of the samples in an epoch. */
	public int[] order(int epoch) {
		int n = samples.size();
		int[] order = new int[n];
		for (int i = 0; i < n; i++) {
			order[i] = i;
		}
		if (shuffle) {
			Permutations.shuffle(order, Seeds.generator(seed, Seeds.SHUFFLE, epoch, 0));
		}
		return order;
	}

	/** An epoch's batches, produced ahead on the worker threads. */
	public final class Epoch implements Iterator<HostBatch>, AutoCloseable {

		private final int epoch;
		private final Progress progress;
		private final int[] order;
		private final int batches;
		private final ArrayDeque<Pending> pending = new ArrayDeque<>();
		private int submitted;
		private int delivered;

		private record Pending(int index, int[] samples, float[] data, List<Future<?>> futures) {
		}

		private Epoch(int epoch, Progress progress) {
			this.epoch = epoch;
			this.progress = progress;
			this.order = order(epoch);
			this.batches = batchesPerEpoch();
			progress.begin("Epoch " + epoch + ": " + batches + " batches of " + batchSize, batches);
		}

		@Override
		public boolean hasNext() {
			return delivered < batches;
		}

		@Override
		public HostBatch next() {
			if (!hasNext()) {
				throw new NoSuchElementException("epoch " + epoch + " has " + batches + " batches");
			}
			while (submitted < batches && pending.size() <= prefetch) {
				pending.add(submit(submitted++));
			}
			Pending batch = pending.poll();
			List<Future<?>> all = new ArrayList<>();
			pending.forEach(p -> all.addAll(p.futures()));
			all.addAll(batch.futures());
			for (Future<?> future : batch.futures()) {
				await(future, progress, all);
			}
			delivered++;
			HostBatch result = finish(batch);
			progress.worked(1, null);
			return result;
		}

		private Pending submit(int index) {
			int from = index * batchSize;
			int to = Math.min(samples.size(), from + batchSize);
			int[] members = java.util.Arrays.copyOfRange(order, from, to);
			int[] s = shape;
			int length = s[0] * s[1] * s[2];
			float[] data = new float[members.length * length];
			List<Future<?>> futures = new ArrayList<>(members.length);
			for (int i = 0; i < members.length; i++) {
				int slot = i;
				futures.add(workers.submit(() -> produce(members[slot], epoch, data, slot * length)));
			}
			return new Pending(index, members, data, futures);
		}

		private HostBatch finish(Pending batch) {
			int n = batch.samples().length;
			int[] s = shape;
			float[] labels = new float[n];
			for (int i = 0; i < n; i++) {
				labels[i] = samples.get(batch.samples()[i]).label().ordinal();
			}
			float[] soft = null;
			if (!mixings.isEmpty()) {
				soft = BatchMixer.mix(mixings, Seeds.generator(seed, Seeds.MIX, epoch, batch.index()), batch.data(), labels, n, s[0],
						s[1], s[2]);
			}
			return new HostBatch(epoch, batch.index(), batches, n, s[0], s[1], s[2], batch.data(), labels, soft, batch.samples());
		}

		/** Cancels the work prefetched for batches not yet delivered. */
		@Override
		public void close() {
			for (Pending p : pending) {
				p.futures().forEach(f -> f.cancel(false));
			}
			pending.clear();
			delivered = batches;
		}
	}

	private void await(Future<?> future, Progress progress, List<Future<?>> others) {
		while (true) {
			if (progress.isCanceled()) {
				others.forEach(f -> f.cancel(false));
				throw new CancellationException("the data pipeline was cancelled");
			}
			try {
				future.get(200, TimeUnit.MILLISECONDS);
				return;
			} catch (TimeoutException e) {
				// look at the cancel flag again
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				others.forEach(f -> f.cancel(false));
				throw new CancellationException("interrupted while waiting for the data pipeline");
			} catch (ExecutionException e) {
				others.forEach(f -> f.cancel(false));
				if (e.getCause() instanceof RuntimeException r) {
					throw r;
				}
				if (e.getCause() instanceof Error r) {
					throw r;
				}
				throw new IllegalStateException(e.getCause());
			}
		}
	}

	/** Augments one sample and writes its normalized floats (CHW) at {@code offset}. */
	private void produce(int index, int epoch, float[] out, int offset) {
		Preprocessed p = preprocess(index);
		ImageRaster image = p.image();
		if (!augmentations.isEmpty()) {
			SplittableRandom random = Seeds.generator(seed, Seeds.AUGMENT, epoch, index);
			Optional<FaceBox> face = p.face();
			for (ImageOperation op : augmentations) {
				ImageOperation.Result r = op.apply(image, face, random);
				image = r.image();
				face = r.face();
			}
		}
		int[] s = shape;
		checkShape(image, index, s);
		float[][] table = lut;
		int c = s[0];
		int plane = s[1] * s[2];
		byte[] pixels = image.pixels();
		for (int k = 0; k < c; k++) {
			float[] t = table[k];
			int o = offset + k * plane;
			for (int i = 0; i < plane; i++) {
				out[o + i] = t[pixels[i * c + k] & 0xff];
			}
		}
	}

	private ImageRaster checkShape(ImageRaster image, int index, int[] s) {
		if (image.channels() != s[0] || image.height() != s[1] || image.width() != s[2]) {
			throw new IllegalStateException("sample '" + samples.get(index).id() + "' is " + image.width() + "x" + image.height() + "x"
					+ image.channels() + " after preprocessing and augmentation, but the batch expects " + s[2] + "x" + s[1] + "x" + s[0]
					+ " (the first sample's shape): add a resize or align preprocessor, and grayscale or the pipeline's channels setting");
		}
		return image;
	}

	private Preprocessed preprocess(int index) {
		Preprocessed cached = cache.get(index);
		if (cached != null) {
			cacheHits.incrementAndGet();
			return cached;
		}
		loads.incrementAndGet();
		Sample sample = samples.get(index);
		ImageRaster image;
		try {
			image = dataset.load(sample);
		} catch (IOException e) {
			throw new UncheckedIOException(new IOException("sample '" + sample.id() + "': " + e.getMessage(), e));
		}
		Optional<FaceBox> face = sample.face();
		SplittableRandom random = Seeds.generator(seed, Seeds.PREPROCESS, index, 0);
		for (ImageOperation op : preprocessors) {
			ImageOperation.Result r = op.apply(image, face, random);
			image = r.image();
			face = r.face();
		}
		image = adaptChannels(image);
		Preprocessed result = new Preprocessed(image, face);
		long bytes = image.pixels().length + 96L;
		if (cacheBudget > 0 && cacheBytes.addAndGet(bytes) <= cacheBudget) {
			if (cache.putIfAbsent(index, result) != null) {
				cacheBytes.addAndGet(-bytes);
			}
		} else if (cacheBudget > 0) {
			cacheBytes.addAndGet(-bytes);
		}
		return result;
	}

	private ImageRaster adaptChannels(ImageRaster image) {
		if (channels == 0 || image.channels() == channels) {
			return image;
		}
		byte[] p = image.pixels();
		int n = image.width() * image.height();
		byte[] out = new byte[n * channels];
		if (channels == 3) {
			for (int i = 0; i < n; i++) {
				out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = p[i];
			}
		} else {
			for (int i = 0; i < n; i++) {
				out[i] = (byte) Math.round(0.299 * (p[3 * i] & 0xff) + 0.587 * (p[3 * i + 1] & 0xff) + 0.114 * (p[3 * i + 2] & 0xff));
			}
		}
		return new ImageRaster(image.width(), image.height(), channels, out);
	}

	/** Stops the worker threads. */
	@Override
	public void close() {
		workers.shutdownNow();
	}
}
