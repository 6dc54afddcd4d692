package facet.nn.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import facet.platform.djl.graph.LayerGraph;

/**
 * The whole network: a {@link StagedBackbone} (with its attention) followed by a
 * {@link ClassifierHead}. Input {@code [images (N, C, H, W)]}, output the head's
 * {@code [logits, embedding?]}. Its parameters save and load as one block.
 */
public final class ExpressionNetwork extends AbstractBlock {

	private static final byte VERSION = 1;

	private final StagedBackbone backbone;
	private final ClassifierHead head;

	public ExpressionNetwork(StagedBackbone backbone, ClassifierHead head) {
		super(VERSION);
		this.backbone = addChildBlock("backbone", backbone);
		this.head = addChildBlock("head", head);
	}

	public StagedBackbone backbone() {
		return backbone;
	}

	public ClassifierHead head() {
		return head;
	}

	/** Runs the rest of the network, head included, from the output of {@code stage}: the second half of Grad-CAM. */
	public NDList forwardFrom(ParameterStore parameters, NDList stageOutput, boolean training, String stage) {
		return head.forward(parameters, backbone.forwardFrom(parameters, stageOutput, training, stage), training);
	}

	/**
	 * The network for inference as one {@link LayerGraph} with its current parameter values, when
	 * every stage, attention block and the head are {@link GraphLayers}; empty otherwise. The
	 * graph's output is the head's logits; close it.
	 */
	public Optional<LayerGraph> compile(NDManager manager) {
		List<Block> blocks = new ArrayList<>();
		for (String stage : backbone.stageNames()) {
			blocks.add(backbone.stage(stage));
			blocks.addAll(backbone.attention(stage));
		}
		blocks.add(head);
		if (!blocks.stream().allMatch(GraphLayers.class::isInstance)) {
			return Optional.empty();
		}
		LayerGraph.Builder graph = LayerGraph.builder();
		LayerGraph.Node x = graph.input();
		for (Block block : blocks) {
			x = ((GraphLayers) block).addTo(graph, x);
		}
		return Optional.of(graph.build(manager, LayerGraph.Mode.COMPILED, x));
	}

	@Override
	protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
		return head.forward(parameters, backbone.forward(parameters, inputs, training), training);
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		backbone.initialize(manager, dataType, inputShapes);
		head.initialize(manager, dataType, backbone.getOutputShapes(inputShapes));
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		return head.getOutputShapes(backbone.getOutputShapes(inputShapes));
	}
}
