package facet.engine.heatmap;

import java.util.List;

/**
 * One attention module's maps over the faces of a {@link FaceAttentionStudy}, in the faces'
 * order: what the module computed for each face and, for a spatial map, how much of it lies on
 * the face's expressive regions.
 *
 * @param maps one map per face, all of the same module (same position, stage and id)
 * @param onFace per face, the spatial map measured against the face's regions; empty for a
 *        channel-only module
 */
public record ModuleMaps(List<AttentionMap> maps, List<FaceAttention> onFace) {

	public ModuleMaps {
		if (maps.isEmpty()) {
			throw new IllegalArgumentException("a module's maps need at least one face");
		}
		maps = List.copyOf(maps);
		onFace = List.copyOf(onFace);
		if (!onFace.isEmpty() && onFace.size() != maps.size()) {
			throw new IllegalArgumentException(maps.size() + " maps but " + onFace.size() + " face measurements");
		}
	}

	/** The module's file-name friendly name, e.g. {@code attention1-stage2-csam}. */
	public String name() {
		return maps.get(0).name();
	}

	/** True when the module gives a spatial map (csam, cbam, msa), false for channel weights alone. */
	public boolean isSpatial() {
		return maps.get(0).spatial() != null;
	}

	/** The channel weights averaged over the faces; null for a purely spatial module. */
	public float[] meanChannelWeights() {
		if (maps.get(0).channelWeights() == null) {
			return null;
		}
		float[] mean = new float[maps.get(0).channelWeights().length];
		for (AttentionMap m : maps) {
			for (int c = 0; c < mean.length; c++) {
				mean[c] += m.channelWeights()[c] / maps.size();
			}
		}
		return mean;
	}
}
