package facet.core.eval;

import java.util.List;

import facet.core.ExpressionClass;

/**
 * The metrics of one evaluation, computed from per-sample predictions: accuracy, top-2
 * accuracy, per-class precision/recall/F1, macro-F1, the confusion matrix and the expected
 * calibration error.
 *
 * @param count number of samples
 * @param confusion rows are true classes, columns predicted classes, canonical order
 * @param accuracy share of correct predictions
 * @param top2Accuracy share with the true class among the two most probable
 * @param precision per class; NaN where a class was never predicted
 * @param recall per class; NaN where a class never occurs
 * @param f1 per class; 0 where precision or recall is undefined
 * @param macroF1 mean of the per-class F1 over the classes that occur
 * @param calibrationError expected calibration error over {@link #CALIBRATION_BINS} equal-width bins
 */
public record ClassificationMetrics(int count, int[][] confusion, double accuracy, double top2Accuracy, double[] precision,
		double[] recall, double[] f1, double macroF1, double calibrationError) {

	public static final int CALIBRATION_BINS = 15;

	public static ClassificationMetrics of(List<Prediction> predictions) {
		if (predictions.isEmpty()) {
			throw new IllegalArgumentException("no predictions to evaluate");
		}
		int k = ExpressionClass.COUNT;
		int[][] confusion = new int[k][k];
		int correct = 0;
		int top2 = 0;
		double[] binConfidence = new double[CALIBRATION_BINS];
		double[] binCorrect = new double[CALIBRATION_BINS];
		int[] binCount = new int[CALIBRATION_BINS];
		for (Prediction p : predictions) {
			int predicted = p.predicted().ordinal();
			confusion[p.label().ordinal()][predicted]++;
			if (p.correct()) {
				correct++;
			}
			if (p.inTop(2)) {
				top2++;
			}
			double confidence = p.probabilities()[predicted];
			int bin = Math.min(CALIBRATION_BINS - 1, (int) (confidence * CALIBRATION_BINS));
			binConfidence[bin] += confidence;
			binCorrect[bin] += p.correct() ? 1 : 0;
			binCount[bin]++;
		}
		double[] precision = new double[k];
		double[] recall = new double[k];
		double[] f1 = new double[k];
		double f1Sum = 0;
		int present = 0;
		for (int c = 0; c < k; c++) {
			int truePositive = confusion[c][c];
			int predictedAs = 0;
			int actual = 0;
			for (int i = 0; i < k; i++) {
				predictedAs += confusion[i][c];
				actual += confusion[c][i];
			}
			precision[c] = predictedAs == 0 ? Double.NaN : truePositive / (double) predictedAs;
			recall[c] = actual == 0 ? Double.NaN : truePositive / (double) actual;
			f1[c] = Double.isNaN(precision[c]) || Double.isNaN(recall[c]) || precision[c] + recall[c] == 0 ? 0
					: 2 * precision[c] * recall[c] / (precision[c] + recall[c]);
			if (actual > 0) {
				f1Sum += f1[c];
				present++;
			}
		}
		double ece = 0;
		for (int b = 0; b < CALIBRATION_BINS; b++) {
			if (binCount[b] > 0) {
				ece += Math.abs(binCorrect[b] / binCount[b] - binConfidence[b] / binCount[b]) * binCount[b] / predictions.size();
			}
		}
		int n = predictions.size();
		return new ClassificationMetrics(n, confusion, correct / (double) n, top2 / (double) n, precision, recall, f1,
				present == 0 ? 0 : f1Sum / present, ece);
	}
}
