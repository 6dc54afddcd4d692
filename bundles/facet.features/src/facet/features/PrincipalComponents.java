package facet.features;

import java.util.LinkedHashMap;
import java.util.Map;

import facet.core.spi.FeatureTransform;
import facet.features.internal.SymmetricEigen;

/**
 * Principal component analysis fitted on the training vectors: the vector, centred on the
 * training mean, is projected on the leading eigenvectors of the training covariance, either a
 * fixed number of them or as many as explain a share of the variance. With fewer vectors than
 * dimensions the eigenvectors come from the n×n Gram matrix instead of the d×d covariance (the
 * same non-zero spectrum, much cheaper).
 */
public final class PrincipalComponents implements FeatureTransform {

	private final int components;
	private final double variance;
	private final boolean whiten;

	private float[] mean;
	private float[][] basis;
	private float[] scale;
	private double[] explained;

	/**
	 * @param components how many components to keep; 0 to choose by {@code variance}
	 * @param variance the share of variance to explain when {@code components} is 0, in (0, 1]
	 * @param whiten divide each component by its standard deviation
	 */
	public PrincipalComponents(int components, double variance, boolean whiten) {
		if (components < 0 || (components == 0 && (variance <= 0 || variance > 1))) {
			throw new IllegalArgumentException("PCA keeps components >= 1, or 0 and a variance share in (0, 1], got components " + components
					+ ", variance " + variance);
		}
		this.components = components;
		this.variance = variance;
		this.whiten = whiten;
	}

	@Override
	public void fit(float[][] training) {
		int n = training.length;
		if (n < 2) {
			throw new IllegalArgumentException("PCA needs at least 2 training vectors, got " + n);
		}
		int d = training[0].length;
		double[] mu = new double[d];
		for (float[] row : training) {
			if (row.length != d) {
				throw new IllegalArgumentException("PCA needs vectors of one length, got " + d + " and " + row.length);
			}
			for (int j = 0; j < d; j++) {
				mu[j] += row[j];
			}
		}
		for (int j = 0; j < d; j++) {
			mu[j] /= n;
		}
		double[][] x = new double[n][d];
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < d; j++) {
				x[i][j] = training[i][j] - mu[j];
			}
		}
		boolean gram = n < d;
		int m = gram ? n : d;
		double[][] a = new double[m][m];
		if (gram) {
			for (int i = 0; i < n; i++) {
				for (int k = 0; k <= i; k++) {
					double s = 0;
					double[] xi = x[i];
					double[] xk = x[k];
					for (int j = 0; j < d; j++) {
						s += xi[j] * xk[j];
					}
					a[i][k] = a[k][i] = s / (n - 1);
				}
			}
		} else {
			for (double[] row : x) {
				for (int j = 0; j < d; j++) {
					double rj = row[j];
					if (rj == 0) {
						continue;
					}
					double[] aj = a[j];
					for (int k = 0; k <= j; k++) {
						aj[k] += rj * row[k];
					}
				}
			}
			for (int j = 0; j < d; j++) {
				for (int k = 0; k <= j; k++) {
					a[j][k] /= n - 1;
					a[k][j] = a[j][k];
				}
			}
		}
		SymmetricEigen eigen = new SymmetricEigen(a);
		double[] values = eigen.values();
		double total = 0;
		for (double v : values) {
			total += Math.max(0, v);
		}
		double largest = Math.max(0, values[m - 1]);
		int usable = 0;
		for (int i = m - 1; i >= 0 && values[i] > largest * 1e-10 && values[i] > 0; i--) {
			usable++;
		}
		if (usable == 0) {
			throw new IllegalArgumentException("PCA: the training vectors do not vary (all " + n + " are equal)");
		}
		int keep;
		if (components > 0) {
			keep = Math.min(components, usable);
		} else {
			keep = 0;
			double cumulative = 0;
			while (keep < usable && cumulative < variance * total - 1e-12 * total) {
				cumulative += values[m - 1 - keep];
				keep++;
			}
			keep = Math.max(1, keep);
		}
		mean = new float[d];
		for (int j = 0; j < d; j++) {
			mean[j] = (float) mu[j];
		}
		basis = new float[keep][d];
		scale = new float[keep];
		explained = new double[keep];
		for (int c = 0; c < keep; c++) {
			int col = m - 1 - c;
			double lambda = values[col];
			explained[c] = lambda / total;
			scale[c] = whiten ? (float) (1 / Math.sqrt(lambda)) : 1f;
			if (gram) {
				// v = Xᵀu / √((n-1)λ) is the unit covariance eigenvector of the Gram eigenvector u
				double norm = Math.sqrt((n - 1) * lambda);
				for (int j = 0; j < d; j++) {
					double s = 0;
					for (int i = 0; i < n; i++) {
						s += x[i][j] * eigen.vector(i, col);
					}
					basis[c][j] = (float) (s / norm);
				}
			} else {
				for (int j = 0; j < d; j++) {
					basis[c][j] = (float) eigen.vector(j, col);
				}
			}
		}
	}

	/** The share of the training variance each kept component explains, largest first. */
	public double[] explainedVarianceRatio() {
		requireFitted();
		return explained.clone();
	}

	/** The kept unit directions, largest variance first. */
	public float[][] components() {
		requireFitted();
		return basis.clone();
	}

	@Override
	public boolean fitted() {
		return basis != null;
	}

	@Override
	public int inputLength() {
		requireFitted();
		return mean.length;
	}

	@Override
	public int outputLength() {
		requireFitted();
		return basis.length;
	}

	@Override
	public float[] apply(float[] vector) {
		requireFitted();
		if (vector.length != mean.length) {
			throw new IllegalArgumentException("PCA was fitted on vectors of length " + mean.length + ", got " + vector.length);
		}
		float[] out = new float[basis.length];
		for (int c = 0; c < basis.length; c++) {
			double s = 0;
			float[] b = basis[c];
			for (int j = 0; j < b.length; j++) {
				s += (vector[j] - mean[j]) * b[j];
			}
			out[c] = (float) (s * scale[c]);
		}
		return out;
	}

	@Override
	public Map<String, float[]> state() {
		requireFitted();
		Map<String, float[]> state = new LinkedHashMap<>();
		state.put("mean", mean.clone());
		float[] flat = new float[basis.length * mean.length];
		for (int c = 0; c < basis.length; c++) {
			System.arraycopy(basis[c], 0, flat, c * mean.length, mean.length);
		}
		state.put("components", flat);
		state.put("scale", scale.clone());
		float[] ratio = new float[explained.length];
		for (int i = 0; i < ratio.length; i++) {
			ratio[i] = (float) explained[i];
		}
		state.put("explained", ratio);
		return state;
	}

	@Override
	public void restore(Map<String, float[]> state) {
		float[] m = required(state, "mean");
		float[] s = required(state, "scale");
		float[] flat = required(state, "components");
		float[] ratio = required(state, "explained");
		if (m.length == 0 || s.length == 0 || flat.length != s.length * m.length || ratio.length != s.length) {
			throw new IllegalArgumentException("PCA state: expected components of " + s.length + "×" + m.length + " values and " + s.length
					+ " explained shares, got " + flat.length + " and " + ratio.length);
		}
		mean = m.clone();
		scale = s.clone();
		basis = new float[s.length][m.length];
		explained = new double[s.length];
		for (int c = 0; c < s.length; c++) {
			System.arraycopy(flat, c * m.length, basis[c], 0, m.length);
			explained[c] = ratio[c];
		}
	}

	static float[] required(Map<String, float[]> state, String key) {
		float[] value = state.get(key);
		if (value == null) {
			throw new IllegalArgumentException("the saved state has no '" + key + "'; expected " + String.join(", ", state.keySet().isEmpty()
					? java.util.List.of("a fitted state") : state.keySet()) + " to include it");
		}
		return value;
	}

	private void requireFitted() {
		if (basis == null) {
			throw new IllegalStateException("PCA is used before it was fitted on training vectors");
		}
	}
}
