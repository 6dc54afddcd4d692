package facet.nn.api;

import java.util.Optional;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;

/**
 * A block inserted after a backbone stage: it returns an array of its input's shape
 * {@code (N, C, H, W)} and remembers the map it computed on its last forward pass, so that
 * heatmaps can be drawn for any attention module without knowing it.
 * <p>
 * The remembered arrays belong to the forward pass that made them: they are valid until the
 * arrays of that pass are closed (the caller's batch manager), and are replaced by the next pass.
 * Copy what must outlive the batch.
 */
public abstract class AttentionBlock extends AbstractBlock {

	private final int channels;
	private NDArray spatialMap;
	private NDArray channelWeights;

	/** @param channels channels of the stage output this block is inserted after */
	protected AttentionBlock(int channels) {
		if (channels < 1) {
			throw new IllegalArgumentException("an attention block needs at least one channel, got " + channels);
		}
		this.channels = channels;
	}

	/** Channels of the input (and output). */
	public int channels() {
		return channels;
	}

	/** The spatial map {@code (N, 1, H, W)}, values in [0, 1], of the last forward pass; empty for purely channel attention. */
	public Optional<NDArray> spatialMap() {
		return Optional.ofNullable(spatialMap);
	}

	/** The channel weights {@code (N, C)}, values in [0, 1], of the last forward pass; empty for purely spatial attention. */
	public Optional<NDArray> channelWeights() {
		return Optional.ofNullable(channelWeights);
	}

	/** Called by subclasses in {@code forwardInternal}; either may be {@code null}. */
	protected void remember(NDArray spatial, NDArray channel) {
		this.spatialMap = spatial;
		this.channelWeights = channel;
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		return new Shape[] { inputShapes[0] };
	}

	/** Refuses an input whose channel count is not the one this block was built for. */
	protected void checkInput(Shape input) {
		if (input.dimension() != 4 || input.get(1) != channels) {
			throw new IllegalArgumentException(getClass().getSimpleName() + " was built for " + channels
					+ " channels and expects (N, " + channels + ", H, W), got " + input);
		}
	}

	/** The single input array of {@code inputs}, checked. */
	protected NDArray input(NDList inputs) {
		NDArray x = inputs.singletonOrThrow();
		checkInput(x.getShape());
		return x;
	}
}
