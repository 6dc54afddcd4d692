package facet.nn.api;

import java.util.Optional;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.AbstractBlock;

/**
 * Turns the backbone's feature map {@code (N, C, h, w)} (or pooled features {@code (N, C)}) into
 * class scores. Its output, the network's predictions, is {@code [logits (N, K)]}, or
 * {@code [logits (N, K), embedding (N, D)]} for a head with an embedding ({@link #embeddingSize()}
 * &gt; 0), which distance losses such as the center loss need.
 */
public abstract class ClassifierHead extends AbstractBlock {

	/** Index of the logits in the head's output. */
	public static final int LOGITS = 0;

	/** Index of the embedding in the head's output, when there is one. */
	public static final int EMBEDDING = 1;

	private final int classes;

	protected ClassifierHead(byte version, int classes) {
		super(version);
		if (classes < 2) {
			throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
		}
		this.classes = classes;
	}

	/** Number of classes K. */
	public int classes() {
		return classes;
	}

	/**
	 * Size D of the embedding the head outputs second; 0 when it outputs logits only; -1 when it
	 * has one whose size follows from the backbone and the head is not initialized yet.
	 */
	public abstract int embeddingSize();

	/** Whether the head outputs an embedding after the logits. */
	public boolean hasEmbedding() {
		return embeddingSize() != 0;
	}

	/** The logits of a network's predictions. */
	public static NDArray logits(NDList predictions) {
		if (predictions.isEmpty()) {
			throw new IllegalArgumentException("predictions are empty; expected [logits (N, K), embedding (N, D)?]");
		}
		return predictions.get(LOGITS);
	}

	/** The embedding of a network's predictions, when the head gives one. */
	public static Optional<NDArray> embedding(NDList predictions) {
		return predictions.size() > EMBEDDING ? Optional.of(predictions.get(EMBEDDING)) : Optional.empty();
	}
}
