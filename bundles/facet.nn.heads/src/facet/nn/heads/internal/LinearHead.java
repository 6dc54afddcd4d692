package facet.nn.heads.internal;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import facet.nn.api.ClassifierHead;

/** Global average pooling, dropout and one fully connected layer: {@code [logits]}. */
public final class LinearHead extends ClassifierHead {

	private final Block dropout;
	private final Block fc;

	public LinearHead(int classes, float dropoutRate) {
		super((byte) 1, classes);
		dropout = addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build());
		fc = addChildBlock("fc", Linear.builder().setUnits(classes).build());
	}

	@Override
	public int embeddingSize() {
		return 0;
	}

	@Override
	protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
		NDList features = dropout.forward(parameters, new NDList(Features.pool(inputs.singletonOrThrow())), training);
		return fc.forward(parameters, features, training);
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		Shape pooled = Features.pooled(inputShapes[0]);
		dropout.initialize(manager, dataType, pooled);
		fc.initialize(manager, dataType, pooled);
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		return new Shape[] { new Shape(inputShapes[0].get(0), classes()) };
	}
}
