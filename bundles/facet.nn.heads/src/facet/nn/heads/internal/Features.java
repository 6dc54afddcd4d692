package facet.nn.heads.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** The head's view of the backbone output: pooled features {@code (N, C)}. */
final class Features {

	private Features() {
	}

	/** Global average pooling of a feature map {@code (N, C, h, w)}; pooled features {@code (N, C)} pass unchanged. */
	static NDArray pool(NDArray x) {
		return switch (x.getShape().dimension()) {
			case 4 -> x.mean(new int[] { 2, 3 });
			case 2 -> x;
			default -> throw new IllegalArgumentException("a head expects a feature map (N, C, h, w) or features (N, C), got " + x.getShape());
		};
	}

	static Shape pooled(Shape input) {
		if (input.dimension() != 4 && input.dimension() != 2) {
			throw new IllegalArgumentException("a head expects a feature map (N, C, h, w) or features (N, C), got " + input);
		}
		return new Shape(input.get(0), input.get(1));
	}
}
