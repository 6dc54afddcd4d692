package facet.engine.run;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;
import facet.core.ExpressionClass;
import facet.core.Progress;
import facet.engine.data.DataPipeline;
import facet.engine.data.HostBatch;
import facet.engine.train.BatchSource;

/** A {@link DataPipeline} as the training loop's {@link BatchSource}, batch indices being sample ids. */
final class PipelineBatches implements BatchSource {

	private final DataPipeline pipeline;
	private final Progress progress;

	PipelineBatches(DataPipeline pipeline, Progress progress) {
		this.pipeline = pipeline;
		this.progress = progress;
	}

	@Override
	public int batchesPerEpoch() {
		return pipeline.batchesPerEpoch();
	}

	@Override
	public int size() {
		return pipeline.samples().size();
	}

	@Override
	public Iterator<Batch> epoch(NDManager manager, int epoch) {
		DataPipeline.Epoch batches = pipeline.epoch(epoch, progress);
		return new Iterator<>() {
			@Override
			public boolean hasNext() {
				boolean more = batches.hasNext();
				if (!more) {
					batches.close();
				}
				return more;
			}

			@Override
			public Batch next() {
				HostBatch batch = batches.next();
				NDManager sub = manager.newSubManager();
				NDList data = new NDList(sub.create(batch.data(), new Shape(batch.size(), batch.channels(), batch.height(), batch.width())));
				NDList labels = new NDList(sub.create(batch.labels(), new Shape(batch.size())));
				if (batch.softLabels() != null) {
					labels.add(sub.create(batch.softLabels(), new Shape(batch.size(), ExpressionClass.COUNT)));
				}
				List<String> ids = new ArrayList<>(batch.size());
				for (int index : batch.samples()) {
					ids.add(pipeline.samples().get(index).id());
				}
				return new Batch(sub, data, labels, batch.size(), Batchifier.STACK, Batchifier.STACK, batch.index(), batch.batches(), ids);
			}
		};
	}
}
