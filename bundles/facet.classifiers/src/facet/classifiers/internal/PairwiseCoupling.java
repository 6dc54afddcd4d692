package facet.classifiers.internal;

/**
 * Class probabilities from the pairwise decision values of a one-versus-one classifier, as
 * libsvm computes them: each pair's decision value is squashed by its own sigmoid
 * {@code P(first | first or second) = 1 / (1 + exp(A·f + B))} fitted by Platt's method (in the
 * numerically robust form of Lin, Lin and Weng, 2007), and the pairwise probabilities are coupled
 * into one distribution by the second method of Wu, Lin and Weng (JMLR 2004).
 */
public final class PairwiseCoupling {

	/** Pairwise probabilities are kept this far from 0 and 1, as in libsvm. */
	private static final double EPSILON = 1e-7;

	private PairwiseCoupling() {
	}

	/**
	 * Fits {@code A} and {@code B} of Platt's sigmoid to decision values whose positive side means
	 * the first class.
	 *
	 * @param decision decision values
	 * @param first whether each sample belongs to the first class
	 * @return {@code {A, B}}
	 */
	public static double[] fitSigmoid(double[] decision, boolean[] first) {
		int n = decision.length;
		double prior1 = 0;
		for (boolean f : first) {
			prior1 += f ? 1 : 0;
		}
		double prior0 = n - prior1;
		// Platt's targets, smoothed so that a separable pair does not get an infinitely steep sigmoid
		double hiTarget = (prior1 + 1) / (prior1 + 2);
		double loTarget = 1 / (prior0 + 2);
		double[] t = new double[n];
		for (int i = 0; i < n; i++) {
			t[i] = first[i] ? hiTarget : loTarget;
		}
		double a = 0;
		double b = Math.log((prior0 + 1) / (prior1 + 1));
		double fval = 0;
		for (int i = 0; i < n; i++) {
			double fApB = decision[i] * a + b;
			fval += fApB >= 0 ? t[i] * fApB + Math.log1p(Math.exp(-fApB)) : (t[i] - 1) * fApB + Math.log1p(Math.exp(fApB));
		}
		double sigma = 1e-12;
		for (int iter = 0; iter < 100; iter++) {
			double h11 = sigma;
			double h22 = sigma;
			double h21 = 0;
			double g1 = 0;
			double g2 = 0;
			for (int i = 0; i < n; i++) {
				double fApB = decision[i] * a + b;
				double p;
				double q;
				if (fApB >= 0) {
					p = Math.exp(-fApB) / (1.0 + Math.exp(-fApB));
					q = 1.0 / (1.0 + Math.exp(-fApB));
				} else {
					p = 1.0 / (1.0 + Math.exp(fApB));
					q = Math.exp(fApB) / (1.0 + Math.exp(fApB));
				}
				double d2 = p * q;
				h11 += decision[i] * decision[i] * d2;
				h22 += d2;
				h21 += decision[i] * d2;
				double d1 = t[i] - p;
				g1 += decision[i] * d1;
				g2 += d1;
			}
			if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) {
				break;
			}
			double det = h11 * h22 - h21 * h21;
			double dA = -(h22 * g1 - h21 * g2) / det;
			double dB = -(-h21 * g1 + h11 * g2) / det;
			double gd = g1 * dA + g2 * dB;
			double step = 1;
			boolean improved = false;
			while (step >= 1e-10) {
				double newA = a + step * dA;
				double newB = b + step * dB;
				double newf = 0;
				for (int i = 0; i < n; i++) {
					double fApB = decision[i] * newA + newB;
					newf += fApB >= 0 ? t[i] * fApB + Math.log1p(Math.exp(-fApB)) : (t[i] - 1) * fApB + Math.log1p(Math.exp(fApB));
				}
				if (newf < fval + 1e-4 * step * gd) {
					a = newA;
					b = newB;
					fval = newf;
					improved = true;
					break;
				}
				step /= 2;
			}
			if (!improved) {
				break;
			}
		}
		return new double[] { a, b };
	}

	/** {@code P(first | first or second)} for a decision value and a fitted sigmoid. */
	public static double pairProbability(double decision, double a, double b) {
		double fApB = decision * a + b;
		double p = fApB >= 0 ? Math.exp(-fApB) / (1.0 + Math.exp(-fApB)) : 1.0 / (1.0 + Math.exp(fApB));
		return Math.min(1 - EPSILON, Math.max(EPSILON, p));
	}

	/**
	 * Couples pairwise probabilities into one distribution.
	 *
	 * @param r {@code r[i][j] = P(i | i or j)} for {@code i ≠ j}, with {@code r[j][i] = 1 - r[i][j]}
	 * @return probabilities of the k classes, summing to 1
	 */
	public static double[] couple(double[][] r) {
		int k = r.length;
		double[] p = new double[k];
		double[][] q = new double[k][k];
		double[] qp = new double[k];
		for (int t = 0; t < k; t++) {
			p[t] = 1.0 / k;
			for (int j = 0; j < k; j++) {
				if (j != t) {
					q[t][t] += r[j][t] * r[j][t];
					q[t][j] = -r[j][t] * r[t][j];
				}
			}
		}
		int maxIterations = Math.max(100, k);
		double eps = 0.005 / k;
		for (int iter = 0; iter < maxIterations; iter++) {
			double pqp = 0;
			for (int t = 0; t < k; t++) {
				qp[t] = 0;
				for (int j = 0; j < k; j++) {
					qp[t] += q[t][j] * p[j];
				}
				pqp += p[t] * qp[t];
			}
			double maxError = 0;
			for (int t = 0; t < k; t++) {
				maxError = Math.max(maxError, Math.abs(qp[t] - pqp));
			}
			if (maxError < eps) {
				break;
			}
			for (int t = 0; t < k; t++) {
				double diff = (-qp[t] + pqp) / q[t][t];
				p[t] += diff;
				pqp = (pqp + diff * (diff * q[t][t] + 2 * qp[t])) / (1 + diff) / (1 + diff);
				for (int j = 0; j < k; j++) {
					qp[j] = (qp[j] + diff * q[t][j]) / (1 + diff);
					p[j] /= 1 + diff;
				}
			}
		}
		double sum = 0;
		for (int t = 0; t < k; t++) {
			p[t] = Math.max(0, p[t]);
			sum += p[t];
		}
		for (int t = 0; t < k; t++) {
			p[t] /= sum;
		}
		return p;
	}
}
