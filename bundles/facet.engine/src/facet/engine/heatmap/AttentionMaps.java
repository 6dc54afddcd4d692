package facet.engine.heatmap;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import facet.nn.api.AttentionBlock;
import facet.nn.api.ExpressionNetwork;
import facet.nn.api.StagedBackbone;

/**
 * The maps of every attention module of a network ({@link AttentionBlock}: spatial maps of csam,
 * cbam, msa; channel weights of se, cam, ehorm), read after one inference forward pass, in
 * forward order (stage by stage, in the order the experiment placed them).
 */
public final class AttentionMaps {

	private AttentionMaps() {
	}

	/**
	 * @param input {@code (N, C, H, W)} as the network takes it
	 * @param moduleIds the ids of all attention blocks in forward order (as the experiment lists
	 *        them per stage), or an empty list to name them by class
	 * @return per image, one entry per attention block that exposes a map, in forward order
	 */
	public static List<List<AttentionMap>> extract(ExpressionNetwork network, NDArray input, List<String> moduleIds) {
		StagedBackbone backbone = network.backbone();
		int n = (int) input.getShape().get(0);
		List<List<AttentionMap>> result = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			result.add(new ArrayList<>());
		}
		try (NDManager scope = input.getManager().newSubManager()) {
			NDArray x = input.duplicate();
			x.attach(scope);
			network.forward(new ParameterStore(scope, false), new NDList(x), false);
			int position = 0;
			int mapped = 0;
			for (String stage : backbone.stageNames()) {
				for (Block block : backbone.attention(stage)) {
					String id = position < moduleIds.size() ? moduleIds.get(position) : block.getClass().getSimpleName();
					position++;
					if (!(block instanceof AttentionBlock attention)) {
						continue;
					}
					Heatmap[] spatial = spatial(attention, n);
					float[][] channels = channels(attention, n);
					if (spatial == null && channels == null) {
						continue;
					}
					for (int i = 0; i < n; i++) {
						result.get(i).add(new AttentionMap(mapped, stage, id, spatial == null ? null : spatial[i], channels == null ? null : channels[i]));
					}
					mapped++;
				}
			}
		}
		return result;
	}

	private static Heatmap[] spatial(AttentionBlock block, int n) {
		NDArray map = block.spatialMap().orElse(null);
		if (map == null) {
			return null;
		}
		Shape shape = map.getShape();
		int h = (int) shape.get(shape.dimension() - 2);
		int w = (int) shape.get(shape.dimension() - 1);
		float[] values = map.toFloatArray();
		Heatmap[] maps = new Heatmap[n];
		for (int i = 0; i < n; i++) {
			float[] one = new float[h * w];
			System.arraycopy(values, i * h * w, one, 0, h * w);
			maps[i] = new Heatmap(w, h, one);
		}
		return maps;
	}

	private static float[][] channels(AttentionBlock block, int n) {
		NDArray weights = block.channelWeights().orElse(null);
		if (weights == null) {
			return null;
		}
		float[] values = weights.toFloatArray();
		int c = values.length / n;
		float[][] result = new float[n][c];
		for (int i = 0; i < n; i++) {
			System.arraycopy(values, i * c, result[i], 0, c);
		}
		return result;
	}
}
