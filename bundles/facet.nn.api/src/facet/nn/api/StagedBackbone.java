package facet.nn.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A backbone as named stages ({@code stem}, {@code stage1} … {@code stageN}, {@code head-input}),
 * each followed by the attention blocks the experiment placed after it. Its output is the output
 * of the last stage, a feature map {@code (N, C, h, w)}.
 * <p>
 * Besides the whole forward pass it runs up to a named stage ({@link #forwardTo}) and on from one
 * ({@link #forwardFrom}), which is what Grad-CAM needs: the stage output becomes a leaf whose
 * gradient is collected, and the rest of the network runs from it.
 */
public final class StagedBackbone extends AbstractBlock {

	private static final byte VERSION = 1;

	private final List<String> names = new ArrayList<>();
	private final Map<String, Block> bodies = new LinkedHashMap<>();
	private final Map<String, List<Block>> attention = new LinkedHashMap<>();
	private final Map<String, Integer> channels = new LinkedHashMap<>();

	/**
	 * @param stages the stages in order
	 * @param attention blocks to run after a stage, by stage name (stages without any may be absent)
	 * @throws IllegalArgumentException for a duplicate stage, or attention at a stage that does not exist
	 */
	public StagedBackbone(List<StagedBackboneFactory.Stage> stages, Map<String, ? extends List<? extends Block>> attention) {
		super(VERSION);
		for (StagedBackboneFactory.Stage stage : stages) {
			if (bodies.containsKey(stage.name())) {
				throw new IllegalArgumentException("stage '" + stage.name() + "' is declared twice");
			}
			names.add(stage.name());
			bodies.put(stage.name(), addChildBlock(stage.name(), stage.body()));
			channels.put(stage.name(), stage.channels());
			List<Block> after = new ArrayList<>();
			int i = 0;
			List<? extends Block> placed = attention.get(stage.name());
			for (Block block : placed == null ? List.<Block>of() : placed) {
				after.add(addChildBlock(stage.name() + "-attention" + i++, block));
			}
			this.attention.put(stage.name(), Collections.unmodifiableList(after));
		}
		for (String stage : attention.keySet()) {
			if (!bodies.containsKey(stage)) {
				throw new IllegalArgumentException("no stage '" + stage + "' to insert attention after; the stages are "
						+ String.join(", ", names));
			}
		}
	}

	/** Stage names in forward order. */
	public List<String> stageNames() {
		return Collections.unmodifiableList(names);
	}

	/** The body of a stage (without the attention after it). */
	public Block stage(String stage) {
		return bodies.get(require(stage));
	}

	/** Channels of a stage's output. */
	public int stageChannels(String stage) {
		return channels.get(require(stage));
	}

	/** The attention blocks after a stage, in order. */
	public List<Block> attention(String stage) {
		return attention.get(require(stage));
	}

	/** Every attention block that exposes a map, by stage, in forward order. */
	public Map<String, List<AttentionBlock>> attentionBlocks() {
		Map<String, List<AttentionBlock>> result = new LinkedHashMap<>();
		attention.forEach((stage, blocks) -> {
			List<AttentionBlock> maps = blocks.stream().filter(AttentionBlock.class::isInstance).map(AttentionBlock.class::cast).toList();
			if (!maps.isEmpty()) {
				result.put(stage, maps);
			}
		});
		return result;
	}

	/** Runs from the input up to and including {@code stage} (and the attention after it). */
	public NDList forwardTo(ParameterStore parameters, NDList input, boolean training, String stage) {
		return run(parameters, input, training, 0, names.indexOf(require(stage)));
	}

	/** Runs from the output of {@code stage} (with its attention applied) to the end. */
	public NDList forwardFrom(ParameterStore parameters, NDList stageOutput, boolean training, String stage) {
		return run(parameters, stageOutput, training, names.indexOf(require(stage)) + 1, names.size() - 1);
	}

	@Override
	protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
		return run(parameters, inputs, training, 0, names.size() - 1);
	}

	private NDList run(ParameterStore parameters, NDList x, boolean training, int from, int to) {
		NDList current = x;
		for (int i = from; i <= to; i++) {
			String name = names.get(i);
			current = bodies.get(name).forward(parameters, current, training);
			for (Block block : attention.get(name)) {
				current = block.forward(parameters, current, training);
			}
		}
		return current;
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		Shape[] shapes = inputShapes;
		for (String name : names) {
			shapes = initialize(bodies.get(name), manager, dataType, shapes);
			for (Block block : attention.get(name)) {
				shapes = initialize(block, manager, dataType, shapes);
			}
		}
	}

	private static Shape[] initialize(Block block, NDManager manager, DataType dataType, Shape[] shapes) {
		block.initialize(manager, dataType, shapes);
		return block.getOutputShapes(shapes);
	}

	/** Output shapes of every stage (after its attention) for an input shape, by stage name. */
	public Map<String, Shape> stageOutputShapes(Shape input) {
		Map<String, Shape> result = new LinkedHashMap<>();
		Shape[] shapes = { input };
		for (String name : names) {
			shapes = bodies.get(name).getOutputShapes(shapes);
			for (Block block : attention.get(name)) {
				shapes = block.getOutputShapes(shapes);
			}
			result.put(name, shapes[0]);
		}
		return result;
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		Shape[] shapes = inputShapes;
		for (String name : names) {
			shapes = bodies.get(name).getOutputShapes(shapes);
			for (Block block : attention.get(name)) {
				shapes = block.getOutputShapes(shapes);
			}
		}
		return shapes;
	}

	private String require(String stage) {
		if (!bodies.containsKey(stage)) {
			throw new IllegalArgumentException("no stage '" + stage + "'; the stages are " + String.join(", ", names));
		}
		return stage;
	}
}
