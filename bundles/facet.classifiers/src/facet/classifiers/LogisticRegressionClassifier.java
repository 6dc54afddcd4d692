package facet.classifiers;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.TermCriteria;
import org.opencv.ml.LogisticRegression;
import org.opencv.ml.Ml;
import org.opencv.ml.StatModel;

import facet.core.Progress;

/**
 * OpenCV's logistic regression (one-versus-rest sigmoids trained by gradient descent); the
 * sigmoid outputs of the classes, normalised to sum 1, are the probabilities. Works best on
 * standardised features.
 */
public final class LogisticRegressionClassifier extends OpenCvClassifier<LogisticRegression> {

	private final double learningRate;
	private final int iterations;
	private final int regularization;
	private final int miniBatch;

	/**
	 * @param regularization {@link LogisticRegression#REG_DISABLE}, {@code REG_L1} or {@code REG_L2}
	 * @param miniBatch samples per mini-batch; 0 for full-batch gradient descent
	 */
	public LogisticRegressionClassifier(double learningRate, int iterations, int regularization, int miniBatch) {
		super("logistic");
		this.learningRate = learningRate;
		this.iterations = iterations;
		this.regularization = regularization;
		this.miniBatch = miniBatch;
	}

	@Override
	protected LogisticRegression train(Mat samples, Mat responses, Progress progress) {
		LogisticRegression lr = LogisticRegression.create();
		lr.setLearningRate(learningRate);
		lr.setIterations(iterations);
		lr.setRegularization(regularization);
		if (miniBatch > 0) {
			lr.setTrainMethod(LogisticRegression.MINI_BATCH);
			lr.setMiniBatchSize(miniBatch);
		} else {
			lr.setTrainMethod(LogisticRegression.BATCH);
		}
		lr.setTermCriteria(new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, iterations, 1e-6));
		Mat floatResponses = new Mat();
		// OpenCV's logistic regression wants float labels
		responses.convertTo(floatResponses, CvType.CV_32F);
		lr.train(samples, Ml.ROW_SAMPLE, floatResponses);
		floatResponses.release();
		return lr;
	}

	@Override
	protected LogisticRegression read(String file) {
		return LogisticRegression.load(file);
	}

	@Override
	protected float[][] probabilities(Mat samples) {
		Mat raw = new Mat();
		try {
			model.predict(samples, raw, StatModel.RAW_OUTPUT);
			int n = samples.rows();
			Mat doubles = new Mat();
			raw.convertTo(doubles, CvType.CV_64F);
			double[] values = new double[doubles.rows() * doubles.cols()];
			doubles.get(0, 0, values);
			int cols = doubles.cols();
			doubles.release();
			float[][] out = new float[n][];
			for (int i = 0; i < n; i++) {
				double[] scores = new double[labels.length];
				if (labels.length == 2 && cols == 1) {
					// two classes: one sigmoid, the chance of the second label
					scores[1] = values[i];
					scores[0] = 1 - values[i];
				} else {
					for (int j = 0; j < labels.length; j++) {
						scores[j] = values[i * cols + j];
					}
				}
				out[i] = spread(scores);
			}
			return out;
		} finally {
			raw.release();
		}
	}
}
