package facet.engine.eval;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;

/**
 * Floating-point operations per image of an initialized network, counted as the benchmark and the
 * literature count them: convolution and linear layers only, 2 per multiply-add (out H × out W ×
 * out channels × in channels/groups × kernel area; in features × out features). Normalization,
 * activations, pooling and attention's element-wise products are left out: they are a few percent.
 */
public final class Flops {

	private Flops() {
	}

	/** FLOPs per image; 0 for a block that was never initialized. */
	public static double perImage(Block block) {
		double total = 0;
		if (block instanceof Convolution conv && conv.isInitialized()) {
			Shape[] in = conv.getInputShapes();
			if (in != null && in.length > 0) {
				Shape out = conv.getOutputShapes(in)[0];
				// per image, whatever batch size the block was initialized with
				long spatial = out.size() / out.get(0) / out.get(1);
				Shape weight = conv.getParameters().get("weight").getArray().getShape();
				long kernel = weight.size() / weight.get(0);
				total += 2.0 * spatial * out.get(1) * kernel;
			}
		} else if (block instanceof Linear linear && linear.isInitialized()) {
			Shape weight = linear.getParameters().get("weight").getArray().getShape();
			total += 2.0 * weight.get(0) * weight.get(1);
		}
		for (var child : block.getChildren().values()) {
			total += perImage(child);
		}
		return total;
	}
}
