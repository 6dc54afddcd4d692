package facet.engine.train;

import java.util.Iterator;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;

/**
 * Batches of one split, epoch by epoch. The order of an epoch must be a function of the seed and
 * the epoch alone, so that a resumed run sees the same batches as an uninterrupted one. Each
 * batch's {@link Batch#getIndices() indices} are the samples' ids (for per-sample predictions);
 * its labels are {@code [classes (N)]} in the canonical class order.
 */
public interface BatchSource {

	/** Batches per epoch, for progress. */
	int batchesPerEpoch();

	/** Samples per epoch. */
	int size();

	/** The batches of an epoch, their arrays attached to {@code manager}; the caller closes each batch. */
	Iterator<Batch> epoch(NDManager manager, int epoch);
}
