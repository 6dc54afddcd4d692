package facet.nn.attention.internal;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import facet.nn.api.AttentionBlock;

/**
 * Enhanced high-order residual module (EHORM), as Facet reads the paper: a residual block whose
 * body mixes features of several orders and is recalibrated by squeeze-and-excitation.
 * <ol>
 * <li>{@code f = ReLU(BN(conv3x3(x)))};</li>
 * <li>{@code order} projections {@code p_k = BN(conv1x1_k(f))}; the k-th order term is the
 * element-wise product {@code o_k = p_1 ⊙ … ⊙ p_k} (1st order p_1, 2nd p_1⊙p_2, 3rd
 * p_1⊙p_2⊙p_3), which models multiplicative interactions between feature channels at each
 * position, as high-order attention does (Chen et al., ICCV 2019);</li>
 * <li>the orders are fused, {@code z = BN(conv1x1([o_1; …; o_K]))};</li>
 * <li>squeeze-and-excitation weights {@code w = σ(MLP(GAP(z)))} recalibrate z;</li>
 * <li>{@code y = ReLU(x + z · w)}.</li>
 * </ol>
 * The exposed map is w, {@code (N, C)}.
 */
public final class HighOrderResidual extends AttentionBlock {

	private final Block body;
	private final List<Block> projections = new ArrayList<>();
	private final Block fuse;
	private final Block mlp;

	public HighOrderResidual(int channels, int order, int reduction) {
		super(channels);
		body = addChildBlock("body", new SequentialBlock().add(conv(channels, 3)).add(BatchNorm.builder().build()).add(Activation.reluBlock()));
		for (int k = 1; k <= order; k++) {
			projections.add(addChildBlock("order" + k, new SequentialBlock().add(conv(channels, 1)).add(BatchNorm.builder().build())));
		}
		fuse = addChildBlock("fuse", new SequentialBlock().add(conv(channels, 1)).add(BatchNorm.builder().build()));
		mlp = addChildBlock("se", Parts.channelMlp(channels, reduction));
	}

	private static Block conv(int filters, int kernel) {
		return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel)).optPadding(new Shape(kernel / 2, kernel / 2))
				.optBias(false).build();
	}

	@Override
	protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
		NDArray x = input(inputs);
		NDList f = body.forward(parameters, new NDList(x), training);
		NDList orders = new NDList();
		NDArray term = null;
		for (Block projection : projections) {
			NDArray p = projection.forward(parameters, f, training).singletonOrThrow();
			term = term == null ? p : term.mul(p);
			orders.add(term);
		}
		NDArray stacked = orders.size() == 1 ? orders.head() : NDArrays.concat(orders, 1);
		NDArray z = fuse.forward(parameters, new NDList(stacked), training).singletonOrThrow();
		NDArray weights = Activation.sigmoid(mlp.forward(parameters, new NDList(Parts.gap(z)), training).singletonOrThrow());
		remember(null, weights);
		return new NDList(Activation.relu(x.add(z.mul(Parts.asMap(weights)))));
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		Shape input = inputShapes[0];
		checkInput(input);
		body.initialize(manager, dataType, input);
		for (Block projection : projections) {
			projection.initialize(manager, dataType, input);
		}
		fuse.initialize(manager, dataType, new Shape(input.get(0), input.get(1) * projections.size(), input.get(2), input.get(3)));
		mlp.initialize(manager, dataType, Parts.pooled(input));
	}
}
