package facet.classifiers;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.TermCriteria;
import org.opencv.ml.Ml;
import org.opencv.ml.RTrees;

import facet.core.Progress;

/**
 * OpenCV's random trees (Breiman's random forests); a class's probability is its share of the
 * trees' votes.
 */
public final class RandomForest extends OpenCvClassifier<RTrees> {

	private final int trees;
	private final int maxDepth;
	private final int minSamples;
	private final int activeVariables;

	/** @param activeVariables features tried per split; 0 for √d */
	public RandomForest(int trees, int maxDepth, int minSamples, int activeVariables) {
		super("rtrees");
		this.trees = trees;
		this.maxDepth = maxDepth;
		this.minSamples = minSamples;
		this.activeVariables = activeVariables;
	}

	@Override
	protected RTrees train(Mat samples, Mat responses, Progress progress) {
		RTrees forest = RTrees.create();
		forest.setMaxDepth(maxDepth);
		forest.setMinSampleCount(minSamples);
		forest.setActiveVarCount(activeVariables);
		forest.setCVFolds(0);
		forest.setUseSurrogates(false);
		forest.setMaxCategories(16);
		forest.setTermCriteria(new TermCriteria(TermCriteria.MAX_ITER, trees, 0));
		// integer (CV_32S) responses make it a classification forest
		forest.train(samples, Ml.ROW_SAMPLE, responses);
		return forest;
	}

	@Override
	protected RTrees read(String file) {
		return RTrees.load(file);
	}

	@Override
	protected float[][] probabilities(Mat samples) {
		Mat votes = new Mat();
		try {
			model.getVotes(samples, votes, 0);
			Mat ints = new Mat();
			votes.convertTo(ints, CvType.CV_32S);
			int rows = ints.rows();
			int cols = ints.cols();
			int[] v = new int[rows * cols];
			ints.get(0, 0, v);
			ints.release();
			float[][] out = new float[samples.rows()][classes];
			for (int i = 0; i < samples.rows(); i++) {
				double total = 0;
				for (int j = 0; j < cols; j++) {
					total += v[(i + 1) * cols + j];
				}
				for (int j = 0; j < cols; j++) {
					// the first row of OpenCV's vote matrix holds the class labels
					int label = v[j];
					if (label >= 0 && label < classes && total > 0) {
						out[i][label] += (float) (v[(i + 1) * cols + j] / total);
					}
				}
			}
			return out;
		} finally {
			votes.release();
		}
	}
}
