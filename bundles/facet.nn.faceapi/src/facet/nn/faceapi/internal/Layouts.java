package facet.nn.faceapi.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import facet.nn.faceapi.TfjsWeights;

/** tfjs tensors into DJL parameters: axis permutations and the copy. */
final class Layouts {

	/** tfjs {@code [h, w, in, out]} to DJL {@code (out, in, h, w)}. */
	static final int[] CONV = { 3, 2, 0, 1 };

	/** tfjs depthwise {@code [h, w, channels, 1]} to DJL grouped {@code (channels, 1, h, w)}. */
	static final int[] DEPTHWISE = { 2, 3, 0, 1 };

	/** tfjs dense {@code [in, out]} to DJL Linear {@code (out, in)}. */
	static final int[] DENSE = { 1, 0 };

	/** No change (biases). */
	static final int[] SAME = { 0 };

	private Layouts() {
	}

	/** The tfjs shape whose permutation by {@code axes} is the DJL shape. */
	static long[] tfjsShape(long[] djlShape, int[] axes) {
		long[] shape = new long[djlShape.length];
		for (int i = 0; i < axes.length; i++) {
			shape[axes[i]] = djlShape[i];
		}
		return shape;
	}

	/** Permutes a row-major tensor: axis i of the result is axis {@code axes[i]} of the source. */
	static float[] transpose(float[] values, long[] shape, int[] axes) {
		int rank = shape.length;
		long[] sourceStrides = new long[rank];
		long stride = 1;
		for (int i = rank - 1; i >= 0; i--) {
			sourceStrides[i] = stride;
			stride *= shape[i];
		}
		long[] targetShape = new long[rank];
		long[] strides = new long[rank];
		for (int i = 0; i < rank; i++) {
			targetShape[i] = shape[axes[i]];
			strides[i] = sourceStrides[axes[i]];
		}
		float[] result = new float[values.length];
		long[] index = new long[rank];
		for (int t = 0; t < result.length; t++) {
			long offset = 0;
			for (int i = 0; i < rank; i++) {
				offset += index[i] * strides[i];
			}
			result[t] = values[(int) offset];
			for (int i = rank - 1; i >= 0 && ++index[i] == targetShape[i]; i--) {
				index[i] = 0;
			}
		}
		return result;
	}

	/**
	 * Copies the tensor {@code name} into an initialized parameter whose DJL shape it must match
	 * after the permutation.
	 */
	static void load(Parameter parameter, WeightSource weights, String name, int[] axes) {
		NDArray array = parameter.getArray();
		long[] djlShape = array.getShape().getShape();
		long[] shape = tfjsShape(djlShape, axes);
		TfjsWeights.Tensor tensor = weights.tensor(name, shape);
		array.set(axes == SAME ? tensor.values() : transpose(tensor.values(), shape, axes));
	}
}
