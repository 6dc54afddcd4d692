package facet.nn.heads.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import facet.nn.api.ClassifierHead;

/**
 * Global average pooling, dropout, a fully connected layer to an embedding of size D (linear, as
 * the feature layer of Wen et al. 2016, so that distance losses see it unclipped), then ReLU and
 * the classifier: {@code [logits (N, K), embedding (N, D)]}.
 */
public final class EmbeddingHead extends ClassifierHead {

	private final int size;
	private final Block dropout;
	private final Block embed;
	private final Block fc;

	public EmbeddingHead(int classes, int size, float dropoutRate) {
		super((byte) 1, classes);
		this.size = size;
		dropout = addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build());
		embed = addChildBlock("embedding", Linear.builder().setUnits(size).build());
		fc = addChildBlock("fc", Linear.builder().setUnits(classes).build());
	}

	@Override
	public int embeddingSize() {
		return size;
	}

	@Override
	protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
		NDList features = dropout.forward(parameters, new NDList(Features.pool(inputs.singletonOrThrow())), training);
		NDArray embedding = embed.forward(parameters, features, training).singletonOrThrow();
		NDArray logits = fc.forward(parameters, new NDList(Activation.relu(embedding)), training).singletonOrThrow();
		return new NDList(logits, embedding);
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		Shape pooled = Features.pooled(inputShapes[0]);
		dropout.initialize(manager, dataType, pooled);
		embed.initialize(manager, dataType, pooled);
		fc.initialize(manager, dataType, new Shape(pooled.get(0), size));
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		long n = inputShapes[0].get(0);
		return new Shape[] { new Shape(n, classes()), new Shape(n, size) };
	}
}
