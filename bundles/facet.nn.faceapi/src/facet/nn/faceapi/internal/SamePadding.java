package facet.nn.faceapi.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

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

	@Override
	protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
		NDArray x = inputs.singletonOrThrow();
		x = pad(x, 2);
		return new NDList(pad(x, 3));
	}

	private static NDArray pad(NDArray x, int axis) {
		long side = x.getShape().get(axis);
		long before = before(side);
		long after = total(side) - before;
		NDList parts = new NDList();
		if (before > 0) {
			parts.add(zeros(x, axis, before));
		}
		parts.add(x);
		if (after > 0) {
			parts.add(zeros(x, axis, after));
		}
		return parts.size() == 1 ? x : NDArrays.concat(parts, axis);
	}

	private static NDArray zeros(NDArray x, int axis, long size) {
		long[] shape = x.getShape().getShape().clone();
		shape[axis] = size;
		return x.getManager().zeros(new Shape(shape), x.getDataType(), x.getDevice());
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		long[] shape = inputShapes[0].getShape().clone();
		shape[2] += total(shape[2]);
		shape[3] += total(shape[3]);
		return new Shape[] { new Shape(shape) };
	}
}
