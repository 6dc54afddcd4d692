package facet.engine.data;

/**
 * One batch in host memory, before it becomes engine arrays.
 *
 * @param epoch the epoch it belongs to
 * @param index its position in the epoch
 * @param batches number of batches in the epoch
 * @param data {@code size × channels × height × width} floats, row-major (NCHW)
 * @param labels the canonical class index of each sample (for a mixed sample, its own class)
 * @param softLabels {@code size × classes} target distributions when the pipeline mixes samples
 *        (mixup, CutMix), otherwise {@code null}
 * @param samples each sample's index in the pipeline's sample list
 */
public record HostBatch(int epoch, int index, int batches, int size, int channels, int height, int width, float[] data,
		float[] labels, float[] softLabels, int[] samples) {
}
