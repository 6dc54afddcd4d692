package facet.nn.losses.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Island loss (Cai et al., FG 2018): the center loss plus a term that pushes the class centres
 * apart, {@code L_IL = L_C + λ1 Σ_j Σ_{k≠j} (cos(c_j, c_k) + 1)}. The pairwise term depends on the
 * centres only, so it adds a constant to the batch's value and acts through the centres' update:
 * {@code c_j ← c_j − α (Δc_j + λ1 ∂/∂c_j Σ Σ (cos + 1))}, the derivative taken exactly.
 */
public final class IslandLoss extends CenterLoss {

	private final float lambda;

	public IslandLoss(int classes, float alpha, float lambda) {
		super("island", classes, alpha);
		this.lambda = lambda;
	}

	/** {@code Σ_j Σ_{k≠j} (cos(c_j, c_k) + 1)} of the current centres. */
	public double pairwiseTerm() {
		if (centres == null) {
			return 0;
		}
		int k = classCount();
		double total = 0;
		for (int j = 0; j < k; j++) {
			for (int l = 0; l < k; l++) {
				if (l != j) {
					total += cosine(j, l) + 1;
				}
			}
		}
		return total;
	}

	@Override
	public NDArray evaluate(NDList labels, NDList predictions) {
		NDArray center = super.evaluate(labels, predictions);
		return center.add((float) (lambda * pairwiseTerm()));
	}

	@Override
	protected void addCentreGradient(float[] step) {
		int k = classCount();
		int d = dimension;
		for (int j = 0; j < k; j++) {
			double nj = norm(j);
			for (int l = 0; l < k; l++) {
				if (l == j) {
					continue;
				}
				double nl = norm(l);
				double dot = dot(j, l);
				for (int i = 0; i < d; i++) {
					// ∂cos(c_j, c_l)/∂c_j; the double sum holds each pair twice, hence the 2
					double gradient = centres[l * d + i] / (nl * nj) - dot * centres[j * d + i] / (nl * nj * nj * nj);
					step[j * d + i] += (float) (2 * lambda * gradient);
				}
			}
		}
	}

	private double cosine(int j, int l) {
		return dot(j, l) / (norm(j) * norm(l));
	}

	private double dot(int j, int l) {
		double s = 0;
		for (int i = 0; i < dimension; i++) {
			s += (double) centres[j * dimension + i] * centres[l * dimension + i];
		}
		return s;
	}

	private double norm(int j) {
		return Math.max(Math.sqrt(dot(j, j)), 1e-12);
	}
}
