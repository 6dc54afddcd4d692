package facet.classifiers;

import org.opencv.core.Mat;
import org.opencv.ml.KNearest;
import org.opencv.ml.Ml;

import facet.core.Progress;

/**
 * OpenCV's brute-force k-nearest neighbours (Euclidean); a class's probability is its share of
 * the k neighbours' votes.
 */
public final class NearestNeighbours extends OpenCvClassifier<KNearest> {

	private final int k;

	public NearestNeighbours(int k) {
		super("knn");
		this.k = k;
	}

	@Override
	protected KNearest train(Mat samples, Mat responses, Progress progress) {
		KNearest knn = KNearest.create();
		knn.setIsClassifier(true);
		knn.setDefaultK(k);
		Mat floatResponses = new Mat();
		responses.convertTo(floatResponses, org.opencv.core.CvType.CV_32F);
		knn.train(samples, Ml.ROW_SAMPLE, floatResponses);
		floatResponses.release();
		return knn;
	}

	@Override
	protected KNearest read(String file) {
		return KNearest.load(file);
	}

	@Override
	protected float[][] probabilities(Mat samples) {
		Mat results = new Mat();
		Mat neighbours = new Mat();
		try {
			int used = Math.max(1, Math.min(k, model.getDefaultK()));
			model.findNearest(samples, used, results, neighbours);
			float[] votes = new float[neighbours.rows() * neighbours.cols()];
			neighbours.get(0, 0, votes);
			float[][] out = new float[samples.rows()][classes];
			for (int i = 0; i < out.length; i++) {
				for (int j = 0; j < neighbours.cols(); j++) {
					int label = Math.round(votes[i * neighbours.cols() + j]);
					out[i][label] += 1f / neighbours.cols();
				}
			}
			return out;
		} finally {
			results.release();
			neighbours.release();
		}
	}
}
