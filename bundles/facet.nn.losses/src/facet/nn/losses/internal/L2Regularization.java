package facet.nn.losses.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import facet.nn.api.FacetLoss;

/**
 * L2 regularization on the network's weights: {@code ½ Σ ‖W‖²} over every trainable parameter of
 * type weight (convolution and fully connected kernels; not biases, nor BatchNorm's γ, β or
 * running statistics). With weight λ in the joint loss its gradient is λW, the same as an
 * optimizer's weight decay λ on those parameters. The engine binds the network before training.
 */
public final class L2Regularization extends FacetLoss {

	private Block network;

	public L2Regularization() {
		super("l2");
	}

	@Override
	public void bind(Block block) {
		this.network = block;
	}

	@Override
	public NDArray evaluate(NDList labels, NDList predictions) {
		if (network == null) {
			throw new IllegalStateException("loss 'l2' is not bound to a network: the engine must call bind(network) before training");
		}
		// every result is made on the batch's manager (the first operand's), never on the model's, which would keep them all
		NDManager manager = labels.isEmpty() ? predictions.head().getManager() : labels.head().getManager();
		NDArray zero = manager.zeros(new Shape());
		NDArray total = zero;
		for (Pair<String, Parameter> entry : network.getParameters()) {
			Parameter parameter = entry.getValue();
			if (parameter.getType() == Parameter.Type.WEIGHT && parameter.requiresGradient() && parameter.isInitialized()) {
				total = total.add(zero.add(parameter.getArray()).square().sum());
			}
		}
		return total.mul(0.5f);
	}
}
