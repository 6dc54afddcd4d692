package facet.nn.heads.internal;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import facet.nn.api.ClassifierHead;

/**
 * The refinement module as Facet implements it: a second stage that refines the features with
 * the first stage's class evidence before the final classification.
 * <ol>
 * <li>pooled features f {@code (N, C)}; coarse logits {@code z1 = fc1(dropout(f))};</li>
 * <li>a class-conditioned channel gate {@code g = σ(fc_g(softmax(z1)))} {@code (N, C)}: which
 * feature channels matter for the classes the first stage suspects;</li>
 * <li>refined features {@code f' = f + f ⊙ g} (residual, so the gate can only add emphasis);</li>
 * <li>final logits {@code z = z1 + fc2(dropout(f'))}: the second stage corrects the first.</li>
 * </ol>
 * Output {@code [z]}, or {@code [z, f']} with {@code embedding} on, f' being what a distance
 * loss should cluster.
 */
public final class RefinementHead extends ClassifierHead {

	private final boolean embedding;
	private final Block dropout;
	private final Block coarse;
	private final Parameter gateWeight;
	private final Parameter gateBias;
	private final Block fine;
	private int channels;

	public RefinementHead(int classes, float dropoutRate, boolean embedding) {
		super((byte) 1, classes);
		this.embedding = embedding;
		dropout = addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build());
		coarse = addChildBlock("coarse", Linear.builder().setUnits(classes).build());
		// C × K: C is the backbone's channel count, known only when the head is initialized
		gateWeight = addParameter(Parameter.builder().setName("gateWeight").setType(Parameter.Type.WEIGHT).build());
		gateBias = addParameter(Parameter.builder().setName("gateBias").setType(Parameter.Type.BIAS).build());
		fine = addChildBlock("fine", Linear.builder().setUnits(classes).build());
	}

	@Override
	public int embeddingSize() {
		// the embedding is the refined feature vector, whose size is the backbone's channel count
		return embedding ? (channels > 0 ? channels : -1) : 0;
	}

	@Override
	protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
		NDArray f = Features.pool(inputs.singletonOrThrow());
		NDArray z1 = coarse.forward(parameters, dropout.forward(parameters, new NDList(f), training), training).singletonOrThrow();
		Device device = f.getDevice();
		NDArray weight = parameters.getValue(gateWeight, device, training);
		NDArray bias = parameters.getValue(gateBias, device, training);
		NDArray g = Activation.sigmoid(z1.softmax(1).matMul(weight.transpose()).add(bias));
		NDArray refined = f.add(f.mul(g));
		NDArray z2 = fine.forward(parameters, dropout.forward(parameters, new NDList(refined), training), training).singletonOrThrow();
		NDArray logits = z1.add(z2);
		return embedding ? new NDList(logits, refined) : new NDList(logits);
	}

	@Override
	protected void prepare(Shape[] inputShapes) {
		Shape pooled = Features.pooled(inputShapes[0]);
		channels = (int) pooled.get(1);
		gateWeight.setShape(new Shape(pooled.get(1), classes()));
		gateBias.setShape(new Shape(pooled.get(1)));
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		Shape pooled = Features.pooled(inputShapes[0]);
		dropout.initialize(manager, dataType, pooled);
		coarse.initialize(manager, dataType, pooled);
		fine.initialize(manager, dataType, pooled);
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		Shape pooled = Features.pooled(inputShapes[0]);
		Shape logits = new Shape(pooled.get(0), classes());
		return embedding ? new Shape[] { logits, pooled } : new Shape[] { logits };
	}
}
