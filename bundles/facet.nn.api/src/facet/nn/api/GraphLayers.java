package facet.nn.api;

import facet.platform.djl.graph.LayerGraph;

/**
 * A block that can write its inference computation (training = false) into a {@link LayerGraph},
 * with its current parameter values. A network made only of such blocks is run for prediction as
 * one compiled graph ({@link ExpressionNetwork#compile}); any other block keeps the network on the
 * operator-by-operator path, which gives the same numbers.
 */
public interface GraphLayers {

	/** Adds this block's layers after {@code input} and returns the node of its output. */
	LayerGraph.Node addTo(LayerGraph.Builder graph, LayerGraph.Node input);
}
