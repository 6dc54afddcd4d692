package facet.nn.api;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;

/**
 * A loss term of Facet's joint loss: a DJL {@link Loss} that sees the network's predictions
 * {@code [logits (N, K), embedding (N, D)?]} and the labels {@code [classes (N)]}, and returns a
 * scalar. Three hooks, all optional, let a term be more than a function of one batch:
 * <ul>
 * <li>{@link #needsEmbedding()}: the engine refuses a head without an embedding for such a term;</li>
 * <li>{@link #bind(Block)}: the engine passes the whole network once before training, for terms
 * on the parameters (L2);</li>
 * <li>{@link #afterStep(NDList, NDList)}: called after each optimizer step with the batch's labels
 * and predictions, before the batch's arrays are closed, for terms with state of their own
 * updated by a rule rather than by gradient (the centres of the center loss).</li>
 * </ul>
 * A term with such state writes it with {@link #saveState} and reads it with {@link #loadState},
 * so that it goes into every checkpoint and a resumed run continues from it exactly.
 */
public abstract class FacetLoss extends Loss implements AutoCloseable {

	protected FacetLoss(String name) {
		super(name);
	}

	/** Whether this term reads the embedding, the second array of the predictions. */
	public boolean needsEmbedding() {
		return false;
	}

	/** Gives the term the network it is the loss of; called once before training. */
	public void bind(Block network) {
		// most terms do not look at the parameters
	}

	/** Updates the term's own state after an optimizer step on a training batch. */
	public void afterStep(NDList labels, NDList predictions) {
		// most terms have no state
	}

	/**
	 * Writes the state the term learned outside the network's parameters (none by default), for a
	 * checkpoint; {@link #loadState} must read back exactly what this wrote.
	 */
	public void saveState(DataOutputStream out) throws IOException {
		// most terms have no state
	}

	/** Restores what {@link #saveState} wrote, bit for bit. */
	public void loadState(DataInputStream in) throws IOException {
		// most terms have no state
	}

	/** Releases what the term holds; the default holds nothing. */
	@Override
	public void close() {
		// nothing held by default
	}

	/** The class indices of the labels as int32 {@code (N)}. */
	protected static NDArray classes(NDList labels) {
		if (labels.isEmpty()) {
			throw new IllegalArgumentException("labels are empty; expected [classes (N)]");
		}
		NDArray classes = labels.head();
		if (classes.getShape().dimension() == 2 && classes.getShape().get(1) == 1) {
			classes = classes.reshape(-1);
		}
		return classes.getDataType() == DataType.INT32 ? classes : classes.toType(DataType.INT32, false);
	}

	/** The embedding of the predictions, or a clear error naming the term. */
	protected NDArray embedding(NDList predictions) {
		return ClassifierHead.embedding(predictions).orElseThrow(() -> new IllegalArgumentException("loss '" + getName()
				+ "' needs an embedding, but the head gives only logits; use a head with an embedding (e.g. 'embedding')"));
	}
}
