package facet.detect.cascadecnn.internal;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/**
 * The six nets of the paper (figure 1 and 2), on one gray channel, ending in logits: softmax
 * gives the probabilities. The 48-net's local response normalization is a batch normalization
 * here, and the 24- and 48-net do not concatenate the smaller nets' hidden layers.
 */
public final class Networks {

	/** The nets in training and detection order, with their window side and class count. */
	public enum Net {
		NET12("net12", 12, 2), CAL12("cal12", 12, Calibration.CLASSES), NET24("net24", 24, 2), CAL24("cal24", 24, Calibration.CLASSES),
		NET48("net48", 48, 2), CAL48("cal48", 48, Calibration.CLASSES);

		private final String id;
		private final int size;
		private final int classes;

		Net(String id, int size, int classes) {
			this.id = id;
			this.size = size;
			this.classes = classes;
		}

		public String id() {
			return id;
		}

		public int size() {
			return size;
		}

		public int classes() {
			return classes;
		}

		public Shape input(int batch) {
			return new Shape(batch, 1, size, size);
		}
	}

	private Networks() {
	}

	public static Block build(Net net) {
		return switch (net) {
		// conv 3x3 16, max-pool 3x3 stride 2, fc 16, fc 2
		case NET12 -> small(3, 16, 16, 2);
		// conv 3x3 16, max-pool 3x3 stride 2, fc 128, fc 45
		case CAL12 -> small(3, 16, 128, Calibration.CLASSES);
		// conv 5x5 64, max-pool 3x3 stride 2, fc 128, fc 2
		case NET24 -> small(5, 64, 128, 2);
		// conv 5x5 32, max-pool 3x3 stride 2, fc 64, fc 45
		case CAL24 -> small(5, 32, 64, Calibration.CLASSES);
		// conv 5x5 64, pool, norm, conv 5x5 64, norm, pool, fc 256, fc 2
		case NET48 -> large(256, 2);
		// the same trunk, fc 256, fc 45
		case CAL48 -> large(256, Calibration.CLASSES);
		};
	}

	private static Block small(int kernel, int filters, int hidden, int classes) {
		return new SequentialBlock().add(Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).setFilters(filters).build())
				.add(pool()).add(Activation.reluBlock()).add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(hidden).build())
				.add(Activation.reluBlock()).add(Linear.builder().setUnits(classes).build());
	}

	private static Block large(int hidden, int classes) {
		return new SequentialBlock().add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(64).build()).add(pool())
				.add(Activation.reluBlock()).add(BatchNorm.builder().build())
				.add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(64).build()).add(BatchNorm.builder().build())
				.add(Activation.reluBlock()).add(pool()).add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(hidden).build())
				.add(Activation.reluBlock()).add(Linear.builder().setUnits(classes).build());
	}

	private static Block pool() {
		return Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2));
	}

	/** Softmax of logits, row by row. */
	public static NDList softmax(NDList logits) {
		return new NDList(logits.singletonOrThrow().softmax(1));
	}
}
