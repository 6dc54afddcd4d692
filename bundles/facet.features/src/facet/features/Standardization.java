package facet.features;

import java.util.LinkedHashMap;
import java.util.Map;

import facet.core.spi.FeatureTransform;

/**
 * Per dimension {@code (x - mean) / std}, mean and standard deviation measured on the training
 * vectors; a dimension that does not vary in training is only centred.
 */
public final class Standardization implements FeatureTransform {

	private float[] mean;
	private float[] inverseStd;

	@Override
	public void fit(float[][] training) {
		if (training.length < 1) {
			throw new IllegalArgumentException("standardisation needs at least 1 training vector");
		}
		int d = training[0].length;
		double[] sum = new double[d];
		double[] squares = new double[d];
		for (float[] row : training) {
			if (row.length != d) {
				throw new IllegalArgumentException("standardisation needs vectors of one length, got " + d + " and " + row.length);
			}
			for (int j = 0; j < d; j++) {
				sum[j] += row[j];
				squares[j] += (double) row[j] * row[j];
			}
		}
		mean = new float[d];
		inverseStd = new float[d];
		for (int j = 0; j < d; j++) {
			double m = sum[j] / training.length;
			double sd = Math.sqrt(Math.max(0, squares[j] / training.length - m * m));
			mean[j] = (float) m;
			inverseStd[j] = sd > 1e-8 ? (float) (1 / sd) : 1f;
		}
	}

	@Override
	public boolean fitted() {
		return mean != null;
	}

	@Override
	public int inputLength() {
		requireFitted();
		return mean.length;
	}

	@Override
	public int outputLength() {
		return inputLength();
	}

	@Override
	public float[] apply(float[] vector) {
		requireFitted();
		if (vector.length != mean.length) {
			throw new IllegalArgumentException("standardisation was fitted on vectors of length " + mean.length + ", got " + vector.length);
		}
		float[] out = new float[vector.length];
		for (int j = 0; j < out.length; j++) {
			out[j] = (vector[j] - mean[j]) * inverseStd[j];
		}
		return out;
	}

	@Override
	public Map<String, float[]> state() {
		requireFitted();
		Map<String, float[]> state = new LinkedHashMap<>();
		state.put("mean", mean.clone());
		state.put("inverseStd", inverseStd.clone());
		return state;
	}

	@Override
	public void restore(Map<String, float[]> state) {
		float[] m = PrincipalComponents.required(state, "mean");
		float[] s = PrincipalComponents.required(state, "inverseStd");
		if (m.length != s.length || m.length == 0) {
			throw new IllegalArgumentException("standardisation state: expected mean and inverseStd of one length, got " + m.length + " and "
					+ s.length);
		}
		mean = m.clone();
		inverseStd = s.clone();
	}

	private void requireFitted() {
		if (mean == null) {
			throw new IllegalStateException("standardisation is used before it was fitted on training vectors");
		}
	}
}
