package facet.engine.heatmap;

import java.util.Optional;

/**
 * What one attention module computed for one image on its last forward pass.
 *
 * @param position 0-based position of the module in forward order over the whole backbone
 * @param stage the stage the module sits after
 * @param module the module id ({@code cbam}, {@code se} …), or its class name when unknown
 * @param spatial the spatial map at the stage's resolution, values in [0, 1] as the module gave
 *        them (not rescaled); null for purely channel attention
 * @param channelWeights one weight in [0, 1] per channel; null for purely spatial attention
 */
public record AttentionMap(int position, String stage, String module, Heatmap spatial, float[] channelWeights) {

	public Optional<Heatmap> spatialMap() {
		return Optional.ofNullable(spatial);
	}

	public Optional<float[]> channels() {
		return Optional.ofNullable(channelWeights);
	}

	/**
	 * The spatial map as pictures draw it: scaled to a maximum of 1. The numbers use the values
	 * the module multiplied in; a picture of those would be one flat colour for a module that
	 * learned maps far below 1 everywhere, as one followed by batch normalization may (only the
	 * map's shape reaches the next layer).
	 */
	public Optional<Heatmap> spatialPicture() {
		return spatialMap().map(Heatmap::normalized);
	}

	/** A file-name friendly name, e.g. {@code attention1-stage2-cbam} (1-based position). */
	public String name() {
		return "attention" + (position + 1) + "-" + stage + "-" + module;
	}
}
