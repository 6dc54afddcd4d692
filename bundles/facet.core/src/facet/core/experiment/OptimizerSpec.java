package facet.core.experiment;

import java.util.List;

/**
 * The optimizer.
 *
 * @param name one of {@link #NAMES}
 * @param learningRate base learning rate (&gt; 0)
 * @param momentum SGD momentum in [0, 1)
 * @param nesterov Nesterov momentum for SGD
 * @param weightDecay L2 weight decay (≥ 0); decoupled for AdamW
 * @param gradientClip clip gradients to this norm; 0 disables clipping
 */
public record OptimizerSpec(String name, double learningRate, double momentum, boolean nesterov, double weightDecay,
		double gradientClip) {

	public static final List<String> NAMES = List.of("sgd", "adam", "adamw");

	public static OptimizerSpec defaults() {
		return new OptimizerSpec("sgd", 0.01, 0.9, true, 5e-4, 0);
	}
}
