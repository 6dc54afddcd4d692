package facet.engine.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.Batchifier;
import facet.core.ExpressionClass;
import facet.core.Progress;
import facet.platform.djl.host.HostCopies;

/**
 * A {@link DataPipeline} as a DJL {@link Dataset}, so that DJL's {@code EasyTrain.fit} and
 * Facet's own loop can both use it. Each {@link #getData(NDManager)} call is the next epoch
 * (0, 1, 2 …); {@link #batches(NDManager, int)} asks for one by number.
 * <p>
 * A batch's data is one {@code (N, C, H, W)} float32 array; its labels are the class indices
 * {@code (N)} as float32 and, when the pipeline mixes samples, also the soft targets
 * {@code (N, 7)} as a second array. Each batch owns a sub-manager of the given manager; closing
 * the batch frees its arrays.
 */
public final class PipelineDataset implements Dataset {

	private final DataPipeline pipeline;
	private final Progress progress;
	private final AtomicInteger nextEpoch = new AtomicInteger();

	/**
	 * @param progress told of every batch and asked whether to stop (use {@link Progress#NONE}
	 *        when the training loop reports itself)
	 */
	public PipelineDataset(DataPipeline pipeline, Progress progress) {
		this.pipeline = pipeline;
		this.progress = progress;
	}

	public DataPipeline pipeline() {
		return pipeline;
	}

	/** The next epoch's batches. */
	@Override
	public Iterable<Batch> getData(NDManager manager) {
		return batches(manager, nextEpoch.getAndIncrement());
	}

	/** One epoch's batches; iterating twice gives the same batches. */
	public Iterable<Batch> batches(NDManager manager, int epoch) {
		return () -> new Iterator<>() {
			private final DataPipeline.Epoch batches = pipeline.epoch(epoch, progress);

			@Override
			public boolean hasNext() {
				return batches.hasNext();
			}

			@Override
			public Batch next() {
				return toBatch(manager, batches.next());
			}
		};
	}

	/** A host batch as DJL arrays on a new sub-manager of {@code manager}, its sample indices as the batch's indices. */
	public static Batch toBatch(NDManager manager, HostBatch batch) {
		List<Integer> indices = new ArrayList<>(batch.size());
		for (int index : batch.samples()) {
			indices.add(index);
		}
		return toBatch(manager, batch, indices);
	}

	/** A host batch as DJL arrays on a new sub-manager of {@code manager}, with {@code ids} as the batch's indices. */
	public static Batch toBatch(NDManager manager, HostBatch batch, List<?> ids) {
		NDManager sub = manager.newSubManager();
		NDList data = new NDList(images(sub, batch));
		NDList labels = new NDList(sub.create(batch.labels(), new Shape(batch.size())));
		if (batch.softLabels() != null) {
			labels.add(sub.create(batch.softLabels(), new Shape(batch.size(), ExpressionClass.COUNT)));
		}
		return new Batch(sub, data, labels, batch.size(), Batchifier.STACK, Batchifier.STACK, batch.index(), batch.batches(), ids);
	}

	/**
	 * The batch's images as one {@code (N, C, H, W)} array in {@code manager}. A large batch is
	 * copied from a thread of its own: see HostCopies for what a copy from this one would cost the
	 * engine.
	 */
	public static NDArray images(NDManager manager, HostBatch batch) {
		return HostCopies.toEngine(manager, batch.data(), new Shape(batch.size(), batch.channels(), batch.height(), batch.width()));
	}

	/** Settles shapes and measures dataset statistics when needed. */
	@Override
	public void prepare(ai.djl.util.Progress djlProgress) {
		pipeline.prepare(djlProgress == null ? progress : new Progress() {
			@Override
			public void begin(String task, long totalWork) {
				djlProgress.reset(task, Math.max(totalWork, 0));
			}

			@Override
			public void worked(long units, String message) {
				djlProgress.increment(units);
			}

			@Override
			public boolean isCanceled() {
				return progress.isCanceled();
			}
		});
	}
}
