package facet.engine.run;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import facet.core.Progress;
import facet.engine.data.DataPipeline;
import facet.engine.data.HostBatch;
import facet.engine.data.PipelineDataset;
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
				List<String> ids = new ArrayList<>(batch.size());
				for (int index : batch.samples()) {
					ids.add(pipeline.samples().get(index).id());
				}
				return PipelineDataset.toBatch(manager, batch, ids);
			}
		};
	}
}
