package facet.data.synthetic.tests;

import java.util.SplittableRandom;

/**
 * Two baselines in plain Java, to show how hard the synthetic set is: multinomial logistic
 * regression on standardised raw pixels (linear) and a one-hidden-layer perceptron on
 * histograms of oriented gradients (nonlinear, and invariant to small shifts and light).
 */
final class SmallClassifiers {

	private SmallClassifiers() {
	}

	/** Standardises every feature with the training set's mean and deviation, in place. */
	static void standardise(float[][] train, float[][] test) {
		int d = train[0].length;
		for (int j = 0; j < d; j++) {
			double mean = 0;
			for (float[] x : train) {
				mean += x[j];
			}
			mean /= train.length;
			double var = 0;
			for (float[] x : train) {
				var += (x[j] - mean) * (x[j] - mean);
			}
			double sd = Math.sqrt(var / train.length) + 1e-6;
			for (float[] x : train) {
				x[j] = (float) ((x[j] - mean) / sd);
			}
			for (float[] x : test) {
				x[j] = (float) ((x[j] - mean) / sd);
			}
		}
	}

	/**
	 * A perceptron with {@code hidden} ReLU units trained by minibatch SGD with momentum on
	 * softmax cross-entropy; {@code hidden == 0} is multinomial logistic regression.
	 *
	 * @return accuracy on the test set
	 */
	static double trainAndTest(float[][] train, int[] trainLabels, float[][] test, int[] testLabels, int classes, int hidden,
			int epochs, double learningRate, double weightDecay, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		int d = train[0].length;
		boolean linear = hidden == 0;
		int h = linear ? d : hidden;
		float[][] w1 = linear ? null : new float[hidden][d];
		float[] b1 = linear ? null : new float[hidden];
		float[][] w2 = new float[classes][h];
		float[] b2 = new float[classes];
		if (!linear) {
			double scale = Math.sqrt(2.0 / d);
			for (float[] row : w1) {
				for (int j = 0; j < d; j++) {
					row[j] = (float) (r.nextGaussian() * scale);
				}
			}
			double s2 = Math.sqrt(1.0 / h);
			for (float[] row : w2) {
				for (int j = 0; j < h; j++) {
					row[j] = (float) (r.nextGaussian() * s2);
				}
			}
		}
		int[] order = new int[train.length];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		float[] a = new float[h];
		float[] logits = new float[classes];
		float[] da = new float[h];
		for (int epoch = 0; epoch < epochs; epoch++) {
			double lr = learningRate * 0.5 * (1 + Math.cos(Math.PI * epoch / epochs));
			for (int i = order.length - 1; i > 0; i--) {
				int k = r.nextInt(i + 1);
				int t = order[i];
				order[i] = order[k];
				order[k] = t;
			}
			for (int n : order) {
				float[] x = train[n];
				forward(x, w1, b1, w2, b2, a, logits);
				softmax(logits);
				logits[trainLabels[n]] -= 1;
				java.util.Arrays.fill(da, 0);
				for (int c = 0; c < classes; c++) {
					float g = logits[c];
					float[] row = w2[c];
					for (int j = 0; j < h; j++) {
						if (!linear) {
							da[j] += g * row[j];
						}
						row[j] -= (float) (lr * (g * a[j] + weightDecay * row[j]));
					}
					b2[c] -= (float) (lr * g);
				}
				if (!linear) {
					for (int j = 0; j < hidden; j++) {
						if (a[j] <= 0) {
							continue;
						}
						float g = da[j];
						float[] row = w1[j];
						for (int k = 0; k < d; k++) {
							row[k] -= (float) (lr * (g * x[k] + weightDecay * row[k]));
						}
						b1[j] -= (float) (lr * g);
					}
				}
			}
		}
		int correct = 0;
		for (int n = 0; n < test.length; n++) {
			forward(test[n], w1, b1, w2, b2, a, logits);
			int best = 0;
			for (int c = 1; c < classes; c++) {
				if (logits[c] > logits[best]) {
					best = c;
				}
			}
			correct += best == testLabels[n] ? 1 : 0;
		}
		return correct / (double) test.length;
	}

	private static void forward(float[] x, float[][] w1, float[] b1, float[][] w2, float[] b2, float[] a, float[] logits) {
		if (w1 == null) {
			System.arraycopy(x, 0, a, 0, x.length);
		} else {
			for (int j = 0; j < w1.length; j++) {
				float s = b1[j];
				float[] row = w1[j];
				for (int k = 0; k < x.length; k++) {
					s += row[k] * x[k];
				}
				a[j] = Math.max(0, s);
			}
		}
		for (int c = 0; c < w2.length; c++) {
			float s = b2[c];
			float[] row = w2[c];
			for (int j = 0; j < a.length; j++) {
				s += row[j] * a[j];
			}
			logits[c] = s;
		}
	}

	private static void softmax(float[] logits) {
		float max = Float.NEGATIVE_INFINITY;
		for (float v : logits) {
			max = Math.max(max, v);
		}
		float sum = 0;
		for (int i = 0; i < logits.length; i++) {
			logits[i] = (float) Math.exp(logits[i] - max);
			sum += logits[i];
		}
		for (int i = 0; i < logits.length; i++) {
			logits[i] /= sum;
		}
	}

	/** Raw pixels scaled to [0, 1]. */
	static float[] pixels(byte[] gray) {
		float[] x = new float[gray.length];
		for (int i = 0; i < gray.length; i++) {
			x[i] = (gray[i] & 0xff) / 255f;
		}
		return x;
	}

	/**
	 * Histograms of oriented gradients (Dalal and Triggs): 9 unsigned orientation bins per cell,
	 * blocks of 2 × 2 cells normalised by their L2 norm.
	 */
	static float[] hog(byte[] gray, int size, int cell) {
		int cells = size / cell;
		float[][][] hist = new float[cells][cells][9];
		for (int y = 1; y < size - 1; y++) {
			for (int x = 1; x < size - 1; x++) {
				double gx = (gray[y * size + x + 1] & 0xff) - (gray[y * size + x - 1] & 0xff);
				double gy = (gray[(y + 1) * size + x] & 0xff) - (gray[(y - 1) * size + x] & 0xff);
				double magnitude = Math.sqrt(gx * gx + gy * gy);
				double angle = Math.atan2(gy, gx);
				if (angle < 0) {
					angle += Math.PI;
				}
				double bin = angle / Math.PI * 9 - 0.5;
				int b0 = (int) Math.floor(bin);
				double f = bin - b0;
				int cy = Math.min(cells - 1, y / cell);
				int cx = Math.min(cells - 1, x / cell);
				hist[cy][cx][(b0 + 9) % 9] += (float) (magnitude * (1 - f));
				hist[cy][cx][(b0 + 1) % 9] += (float) (magnitude * f);
			}
		}
		float[] features = new float[(cells - 1) * (cells - 1) * 36];
		int k = 0;
		for (int by = 0; by < cells - 1; by++) {
			for (int bx = 0; bx < cells - 1; bx++) {
				double norm = 1e-3;
				for (int dy = 0; dy < 2; dy++) {
					for (int dx = 0; dx < 2; dx++) {
						for (float v : hist[by + dy][bx + dx]) {
							norm += v * v;
						}
					}
				}
				norm = Math.sqrt(norm);
				for (int dy = 0; dy < 2; dy++) {
					for (int dx = 0; dx < 2; dx++) {
						for (float v : hist[by + dy][bx + dx]) {
							features[k++] = (float) Math.min(0.2, v / norm);
						}
					}
				}
			}
		}
		return features;
	}
}
