package facet.nn.faceapi.internal;

import java.io.IOException;
import java.nio.file.Path;

import facet.nn.faceapi.TfjsWeights;

/**
 * The weights a network's blocks copy into their parameters when they are initialized, read
 * once on first use. Blocks are built cheaply (for stage names alone) and only initialization
 * touches the file.
 */
final class WeightSource {

	private final Path manifest;
	private TfjsWeights weights;

	WeightSource(Path manifest) {
		this.manifest = manifest;
	}

	WeightSource(TfjsWeights weights) {
		this.manifest = weights.manifest();
		this.weights = weights;
	}

	/**
	 * @throws IllegalStateException with the file and tensor when the weights cannot be read
	 *         (block initialization cannot throw checked exceptions)
	 */
	synchronized TfjsWeights get() {
		if (weights == null) {
			try {
				weights = TfjsWeights.read(manifest);
			} catch (IOException e) {
				throw new IllegalStateException("cannot load face-api weights: " + e.getMessage(), e);
			}
		}
		return weights;
	}

	/** A tensor with the shape the network needs, or an {@link IllegalStateException} naming file and tensor. */
	TfjsWeights.Tensor tensor(String name, long... shape) {
		try {
			return get().tensor(name, shape);
		} catch (IOException e) {
			throw new IllegalStateException(e.getMessage(), e);
		}
	}
}
