package facet.classifiers;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.TermCriteria;
import org.opencv.ml.Ml;
import org.opencv.ml.ParamGrid;
import org.opencv.ml.SVM;

import facet.core.Progress;

/**
 * OpenCV's C-SVC (libsvm's algorithm; several classes one-versus-one) with a linear or RBF
 * kernel. With {@code autoTune} OpenCV's {@code trainAuto} picks C (and gamma for RBF) by
 * k-fold cross-validation on the training split over its default logarithmic grids. OpenCV
 * gives no class probabilities for several classes: the probability vector is the one-hot
 * decision ({@link #probabilitiesAreHard()}).
 */
public final class SupportVectorMachine extends OpenCvClassifier<SVM> {

	private final boolean rbf;
	private final double c;
	private final double gamma;
	private final boolean autoTune;
	private final int folds;

	/**
	 * @param gamma RBF width; 0 chooses {@code 1 / (d · variance of the training values)}
	 */
	public SupportVectorMachine(boolean rbf, double c, double gamma, boolean autoTune, int folds) {
		super("svm");
		this.rbf = rbf;
		this.c = c;
		this.gamma = gamma;
		this.autoTune = autoTune;
		this.folds = folds;
	}

	@Override
	protected SVM train(Mat samples, Mat responses, Progress progress) {
		SVM svm = SVM.create();
		svm.setType(SVM.C_SVC);
		svm.setKernel(rbf ? SVM.RBF : SVM.LINEAR);
		svm.setC(c);
		double g = gamma;
		if (rbf && g <= 0) {
			MatOfDouble mean = new MatOfDouble();
			MatOfDouble std = new MatOfDouble();
			Core.meanStdDev(samples.reshape(1, 1), mean, std);
			double variance = std.get(0, 0)[0] * std.get(0, 0)[0];
			g = variance > 0 ? 1.0 / (samples.cols() * variance) : 1.0;
		}
		svm.setGamma(g);
		svm.setTermCriteria(new TermCriteria(TermCriteria.MAX_ITER + TermCriteria.EPS, 10_000, 1e-6));
		if (autoTune) {
			ParamGrid cGrid = SVM.getDefaultGridPtr(SVM.C);
			ParamGrid gammaGrid = rbf ? SVM.getDefaultGridPtr(SVM.GAMMA) : ParamGrid.create(g, g, 0);
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
		return svm;
	}

	@Override
	protected SVM read(String file) {
		return SVM.load(file);
	}

	@Override
	protected float[][] probabilities(Mat samples) {
		Mat predicted = new Mat();
		model.predict(samples, predicted, 0);
		try {
			return oneHot(predicted);
		} finally {
			predicted.release();
		}
	}

	@Override
	public boolean probabilitiesAreHard() {
		return true;
	}
}
