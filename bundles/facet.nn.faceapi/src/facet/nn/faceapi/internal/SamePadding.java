package facet.nn.faceapi.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import facet.platform.djl.graph.LayerGraph;

/**
 * TensorFlow's {@code 'same'} padding for a 3×3 window at stride 2: a total of
 * {@code max((ceil(n/2) - 1)·2 + 3 - n, 0)} zeros, the smaller half before. On an even side that
 * is one zero row and column after the image and none before, which a DJL convolution's
 * symmetric padding cannot express; the convolution after this block then pads nothing.
 * (MXNet's DJL engine has no {@code pad}, hence the concatenation.)
 */
final class SamePadding extends AbstractBlock {

	SamePadding() {
		super((byte) 1);
	}

	static long before(long side) {
		return total(side) / 2;
	}

	static long total(long side) {
		return Math.max(((side + 1) / 2 - 1) * 2 + 3 - side, 0);
	}

	/** The zeros added above, below, left and right of an image of this size. */
	static int[] sides(long height, long width) {
		return new int[] { (int) before(height), (int) (total(height) - before(height)), (int) before(width), (int) (total(width) - before(width)) };
	}

	@Override
	protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
		NDArray x = inputs.singletonOrThrow();
		int[] sides = sides(x.getShape().get(2), x.getShape().get(3));
		return new NDList(LayerGraph.padWithZeros(x, sides[0], sides[1], sides[2], sides[3]));
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		long[] shape = inputShapes[0].getShape().clone();
		shape[2] += total(shape[2]);
		shape[3] += total(shape[3]);
		return new Shape[] { new Shape(shape) };
	}
}
