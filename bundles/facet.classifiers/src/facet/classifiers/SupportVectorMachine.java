package facet.classifiers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.TermCriteria;
import org.opencv.ml.Ml;
import org.opencv.ml.ParamGrid;
import org.opencv.ml.SVM;

import facet.classifiers.internal.PairwiseCoupling;
import facet.core.Progress;

/**
 * OpenCV's C-SVC (libsvm's algorithm; several classes one-versus-one) with a linear or RBF
 * kernel. With {@code autoTune} OpenCV's {@code trainAuto} picks C (and gamma for RBF) by
 * k-fold cross-validation on the training split over its default logarithmic grids.
 * <p>
 * Probabilities are libsvm's ({@code -b 1}), which OpenCV does not offer: the pairwise decision
 * values {@code f_ij(x) = Σ α K(x, sv) − ρ} are computed from the model's own decision functions
 * (the same sums OpenCV's vote uses), each is squashed by a sigmoid fitted by Platt's method to
 * decision values of held-out training samples ({@code probabilityFolds}-fold cross-validation at
 * the chosen C and gamma, so that the sigmoids are not fitted to the over-confident values of the
 * samples the SVM was trained on), and the pairwise probabilities are coupled into one
 * distribution ({@link PairwiseCoupling}). One-versus-one keeps the trained SVM exactly the one
 * that votes; one-versus-rest SVMs with a softmax would be a different classifier. As in libsvm,
 * the most probable class can differ from the vote's winner on ambiguous faces. The sigmoids are
 * saved beside the model in {@code <file>.sigmoids}; a model saved without them predicts one-hot
 * votes ({@link #probabilitiesAreHard()}).
 */
public final class SupportVectorMachine extends OpenCvClassifier<SVM> {

	/** Suffix of the file of pairwise sigmoids beside the model. */
	public static final String SIGMOIDS_SUFFIX = ".sigmoids";

	private final boolean rbf;
	private final double c;
	private final double gamma;
	private final boolean autoTune;
	private final int folds;
	private final int probabilityFolds;

	/** {A, B} per pair of present labels in OpenCV's order (0-1, 0-2, …, 1-2, …); null for one-hot votes. */
	private double[][] sigmoids;
	/** The model's support vectors and decision functions, read once per model. */
	private DecisionFunctions functions;

	/**
	 * @param gamma RBF width; 0 chooses {@code 1 / (d · variance of the training values)}
	 * @param probabilityFolds folds of the cross-validation that fits the sigmoids; 0 fits them on
	 *        the training samples' own decision values (faster, over-confident)
	 */
	public SupportVectorMachine(boolean rbf, double c, double gamma, boolean autoTune, int folds, int probabilityFolds) {
		super("svm");
		this.rbf = rbf;
		this.c = c;
		this.gamma = gamma;
		this.autoTune = autoTune;
		this.folds = folds;
		this.probabilityFolds = probabilityFolds;
	}

	@Override
	protected SVM train(Mat samples, Mat responses, Progress progress) {
		SVM svm = create(c, initialGamma(samples));
		if (autoTune) {
			ParamGrid cGrid = SVM.getDefaultGridPtr(SVM.C);
			ParamGrid gammaGrid = rbf ? SVM.getDefaultGridPtr(SVM.GAMMA) : ParamGrid.create(svm.getGamma(), svm.getGamma(), 0);
			svm.trainAuto(samples, Ml.ROW_SAMPLE, responses, folds, cGrid, gammaGrid, ParamGrid.create(0, 0, 0), ParamGrid.create(0, 0, 0),
					ParamGrid.create(0, 0, 0), ParamGrid.create(0, 0, 0), true);
		} else {
			svm.train(samples, Ml.ROW_SAMPLE, responses);
		}
		chose("C", svm.getC());
		if (rbf) {
			chose("gamma", svm.getGamma());
		}
		chose("supportVectors", svm.getSupportVectors().rows());
		functions = null;
		sigmoids = fitSigmoids(svm, samples, responses, progress);
		return svm;
	}

	private SVM create(double cValue, double gammaValue) {
		SVM svm = SVM.create();
		svm.setType(SVM.C_SVC);
		svm.setKernel(rbf ? SVM.RBF : SVM.LINEAR);
		svm.setC(cValue);
		svm.setGamma(gammaValue);
		svm.setTermCriteria(new TermCriteria(TermCriteria.MAX_ITER + TermCriteria.EPS, 10_000, 1e-6));
		return svm;
	}

	private double initialGamma(Mat samples) {
		if (!rbf || gamma > 0) {
			return rbf ? gamma : 1;
		}
		MatOfDouble mean = new MatOfDouble();
		MatOfDouble std = new MatOfDouble();
		Core.meanStdDev(samples.reshape(1, 1), mean, std);
		double variance = std.get(0, 0)[0] * std.get(0, 0)[0];
		return variance > 0 ? 1.0 / (samples.cols() * variance) : 1.0;
	}

	/**
	 * Platt sigmoids per pair, fitted to cross-validated decision values (libsvm's way), or to
	 * the training values when folds are off or a class has fewer samples than folds.
	 */
	private double[][] fitSigmoids(SVM svm, Mat samples, Mat responses, Progress progress) {
		int n = samples.rows();
		int d = samples.cols();
		float[] x = new float[n * d];
		samples.get(0, 0, x);
		int[] y = new int[n];
		responses.get(0, 0, y);
		int m = labels.length;
		int[] index = new int[classes];
		int[] count = new int[m];
		for (int j = 0; j < m; j++) {
			index[labels[j]] = j;
		}
		for (int label : y) {
			count[index[label]]++;
		}
		int smallest = n;
		for (int k : count) {
			smallest = Math.min(smallest, k);
		}
		int k = probabilityFolds >= 2 && smallest >= probabilityFolds ? probabilityFolds : 0;
		chose("probabilityFolds", k);
		double[][] decision = new double[n][];
		if (k == 0) {
			DecisionFunctions f = new DecisionFunctions(svm, m * (m - 1) / 2);
			for (int i = 0; i < n; i++) {
				decision[i] = f.values(x, i * d, d);
			}
		} else {
			// stratified folds after a fixed shuffle, so that every fold's training part holds every class
			int[] fold = new int[n];
			SplittableRandom random = new SplittableRandom(0x5eed_5f4dL);
			for (int j = 0; j < m; j++) {
				List<Integer> members = new ArrayList<>();
				for (int i = 0; i < n; i++) {
					if (index[y[i]] == j) {
						members.add(i);
					}
				}
				for (int i = members.size() - 1; i > 0; i--) {
					int r = random.nextInt(i + 1);
					Integer t = members.get(i);
					members.set(i, members.get(r));
					members.set(r, t);
				}
				for (int i = 0; i < members.size(); i++) {
					fold[members.get(i)] = i % k;
				}
			}
			for (int f = 0; f < k; f++) {
				if (progress.isCanceled()) {
					return null;
				}
				List<Integer> trainRows = new ArrayList<>();
				List<Integer> heldOut = new ArrayList<>();
				for (int i = 0; i < n; i++) {
					(fold[i] == f ? heldOut : trainRows).add(i);
				}
				Mat foldSamples = new Mat(trainRows.size(), d, CvType.CV_32F);
				Mat foldResponses = new Mat(trainRows.size(), 1, CvType.CV_32S);
				float[] fx = new float[trainRows.size() * d];
				int[] fy = new int[trainRows.size()];
				for (int i = 0; i < trainRows.size(); i++) {
					System.arraycopy(x, trainRows.get(i) * d, fx, i * d, d);
					fy[i] = y[trainRows.get(i)];
				}
				foldSamples.put(0, 0, fx);
				foldResponses.put(0, 0, fy);
				SVM foldSvm = create(svm.getC(), svm.getGamma());
				foldSvm.train(foldSamples, Ml.ROW_SAMPLE, foldResponses);
				foldSamples.release();
				foldResponses.release();
				DecisionFunctions functionsOfFold = new DecisionFunctions(foldSvm, m * (m - 1) / 2);
				for (int i : heldOut) {
					decision[i] = functionsOfFold.values(x, i * d, d);
				}
			}
		}
		double[][] fitted = new double[m * (m - 1) / 2][];
		int pair = 0;
		for (int i = 0; i < m; i++) {
			for (int j = i + 1; j < m; j++, pair++) {
				List<Integer> rows = new ArrayList<>();
				for (int s = 0; s < n; s++) {
					if (index[y[s]] == i || index[y[s]] == j) {
						rows.add(s);
					}
				}
				double[] values = new double[rows.size()];
				boolean[] first = new boolean[rows.size()];
				for (int s = 0; s < rows.size(); s++) {
					values[s] = decision[rows.get(s)][pair];
					first[s] = index[y[rows.get(s)]] == i;
				}
				fitted[pair] = PairwiseCoupling.fitSigmoid(values, first);
			}
		}
		return fitted;
	}

	@Override
	protected SVM read(String file) {
		return SVM.load(file);
	}

	@Override
	protected float[][] probabilities(Mat samples) {
		if (functions == null) {
			functions = new DecisionFunctions(model, labels.length * (labels.length - 1) / 2);
		}
		int n = samples.rows();
		int d = samples.cols();
		float[] x = new float[n * d];
		samples.get(0, 0, x);
		int m = labels.length;
		float[][] out = new float[n][];
		for (int s = 0; s < n; s++) {
			double[] f = functions.values(x, s * d, d);
			double[] scores = new double[m];
			if (sigmoids == null) {
				// OpenCV's own vote: the first class with most votes
				int[] votes = new int[m];
				int pair = 0;
				for (int i = 0; i < m; i++) {
					for (int j = i + 1; j < m; j++, pair++) {
						votes[f[pair] > 0 ? i : j]++;
					}
				}
				int best = 0;
				for (int i = 1; i < m; i++) {
					best = votes[i] > votes[best] ? i : best;
				}
				scores[best] = 1;
			} else {
				double[][] r = new double[m][m];
				int pair = 0;
				for (int i = 0; i < m; i++) {
					for (int j = i + 1; j < m; j++, pair++) {
						r[i][j] = PairwiseCoupling.pairProbability(f[pair], sigmoids[pair][0], sigmoids[pair][1]);
						r[j][i] = 1 - r[i][j];
					}
				}
				scores = PairwiseCoupling.couple(r);
			}
			out[s] = spread(scores);
		}
		return out;
	}

	/** The winners of OpenCV's one-versus-one vote (class indices), for checking the decision values against {@code predict}. */
	public int[] votes(float[][] features) {
		requireTrained();
		Mat samples = new Mat(features.length, featureLength(), CvType.CV_32F);
		Mat predicted = new Mat();
		try {
			for (int i = 0; i < features.length; i++) {
				samples.put(i, 0, features[i]);
			}
			model.predict(samples, predicted, 0);
			float[] values = new float[features.length];
			predicted.get(0, 0, values);
			int[] out = new int[values.length];
			for (int i = 0; i < values.length; i++) {
				out[i] = Math.round(values[i]);
			}
			return out;
		} finally {
			samples.release();
			predicted.release();
		}
	}

	@Override
	public boolean probabilitiesAreHard() {
		return trained() && sigmoids == null;
	}

	@Override
	public void save(Path file) throws IOException {
		super.save(file);
		Path sidecar = sigmoidsFile(file);
		if (sigmoids == null) {
			Files.deleteIfExists(sidecar);
			return;
		}
		StringBuilder s = new StringBuilder("# Platt sigmoids P(first | first or second) = 1 / (1 + exp(A f + B)) per pair of trained labels: first second A B\n");
		int pair = 0;
		for (int i = 0; i < labels.length; i++) {
			for (int j = i + 1; j < labels.length; j++, pair++) {
				s.append(labels[i]).append(' ').append(labels[j]).append(' ').append(Double.toString(sigmoids[pair][0])).append(' ')
						.append(Double.toString(sigmoids[pair][1])).append('\n');
			}
		}
		Files.writeString(sidecar, s.toString(), StandardCharsets.UTF_8);
	}

	@Override
	public void load(Path file, int classCount) throws IOException {
		super.load(file, classCount);
		functions = null;
		sigmoids = null;
		Path sidecar = sigmoidsFile(file);
		if (!Files.isRegularFile(sidecar)) {
			return;
		}
		int m = labels.length;
		double[][] read = new double[m * (m - 1) / 2][];
		int pair = 0;
		int lineNumber = 0;
		for (String line : Files.readAllLines(sidecar, StandardCharsets.UTF_8)) {
			lineNumber++;
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			String[] parts = line.trim().split("\\s+");
			if (pair >= read.length) {
				throw new IOException(sidecar + " line " + lineNumber + ": more pairs than the " + read.length + " of the labels " + Arrays.toString(labels));
			}
			int first = labels[firstOf(pair, m)];
			int second = labels[secondOf(pair, m)];
			try {
				if (parts.length != 4 || Integer.parseInt(parts[0]) != first || Integer.parseInt(parts[1]) != second) {
					throw new IOException(sidecar + " line " + lineNumber + ": expected \"" + first + " " + second + " A B\", got \"" + line + "\"");
				}
				read[pair] = new double[] { Double.parseDouble(parts[2]), Double.parseDouble(parts[3]) };
			} catch (NumberFormatException e) {
				throw new IOException(sidecar + " line " + lineNumber + ": expected two labels and two numbers, got \"" + line + "\"", e);
			}
			pair++;
		}
		if (pair != read.length) {
			throw new IOException(sidecar + ": " + pair + " pairs; the labels " + Arrays.toString(labels) + " need " + read.length);
		}
		sigmoids = read;
	}

	private static int firstOf(int pair, int m) {
		int p = pair;
		for (int i = 0; i < m; i++) {
			int row = m - 1 - i;
			if (p < row) {
				return i;
			}
			p -= row;
		}
		throw new IllegalArgumentException("pair " + pair);
	}

	private static int secondOf(int pair, int m) {
		int p = pair;
		for (int i = 0; i < m; i++) {
			int row = m - 1 - i;
			if (p < row) {
				return i + 1 + p;
			}
			p -= row;
		}
		throw new IllegalArgumentException("pair " + pair);
	}

	/** Where {@link #save(Path)} keeps the sigmoids. */
	public static Path sigmoidsFile(Path file) {
		return file.resolveSibling(file.getFileName() + SIGMOIDS_SUFFIX);
	}

	@Override
	public void close() {
		super.close();
		functions = null;
	}

	/**
	 * The decision functions of a trained SVM in plain arrays: OpenCV's Java API gives the sums
	 * only as a vote. Linear models hold one compressed support vector per pair.
	 */
	private static final class DecisionFunctions {

		private final boolean rbf;
		private final double gamma;
		private final float[] vectors;
		private final int length;
		private final double[][] alpha;
		private final int[][] index;
		private final double[] rho;

		/** @param pairs m(m-1)/2 for the m classes present in training */
		DecisionFunctions(SVM svm, int pairs) {
			rbf = svm.getKernelType() == SVM.RBF;
			if (!rbf && svm.getKernelType() != SVM.LINEAR) {
				throw new IllegalStateException("only linear and RBF kernels are supported, got kernel type " + svm.getKernelType());
			}
			gamma = svm.getGamma();
			Mat sv = svm.getSupportVectors();
			length = sv.cols();
			vectors = new float[sv.rows() * sv.cols()];
			sv.get(0, 0, vectors);
			alpha = new double[pairs][];
			index = new int[pairs][];
			rho = new double[pairs];
			Mat a = new Mat();
			Mat idx = new Mat();
			Mat a64 = new Mat();
			Mat i32 = new Mat();
			for (int i = 0; i < pairs; i++) {
				rho[i] = svm.getDecisionFunction(i, a, idx);
				a.convertTo(a64, CvType.CV_64F);
				alpha[i] = new double[(int) a64.total()];
				a64.get(0, 0, alpha[i]);
				idx.convertTo(i32, CvType.CV_32S);
				index[i] = new int[(int) i32.total()];
				i32.get(0, 0, index[i]);
			}
			a64.release();
			i32.release();
			a.release();
			idx.release();
		}

		/** The pairwise decision values of the vector at {@code x[offset .. offset+d)}, in OpenCV's pair order. */
		double[] values(float[] x, int offset, int d) {
			if (d != length) {
				throw new IllegalArgumentException("vectors of length " + d + " for support vectors of length " + length);
			}
			int svCount = vectors.length / Math.max(1, length);
			double[] kernel = new double[svCount];
			for (int s = 0; s < svCount; s++) {
				int base = s * length;
				double k = 0;
				if (rbf) {
					for (int t = 0; t < length; t++) {
						double diff = x[offset + t] - vectors[base + t];
						k += diff * diff;
					}
					k = Math.exp(-gamma * k);
				} else {
					for (int t = 0; t < length; t++) {
						k += (double) x[offset + t] * vectors[base + t];
					}
				}
				kernel[s] = k;
			}
			double[] out = new double[rho.length];
			for (int f = 0; f < rho.length; f++) {
				double sum = -rho[f];
				for (int s = 0; s < alpha[f].length; s++) {
					sum += alpha[f][s] * kernel[index[f][s]];
				}
				out[f] = sum;
			}
			return out;
		}
	}
}
