package facet.core.detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import facet.core.FaceBox;

/**
 * Scores a detector's boxes against ground truth, image by image, then over the whole set.
 * <p>
 * Matching, per image: detections are taken by descending score; each takes the unmatched,
 * scored ground-truth face it overlaps most, if that overlap reaches the IoU threshold (a true
 * positive). A detection that reaches no such face but overlaps an ignored face by the threshold
 * is ignored (neither true nor false); any other is a false positive. Each ground-truth face is
 * matched at most once, so a second box on a face is a false positive.
 * <p>
 * Ignored faces: those the annotation marks ({@link AnnotatedFace#ignored()}, WIDER FACE's
 * {@code invalid}) and those whose shorter side is below the minimum face size (default
 * {@value #DEFAULT_MIN_FACE_SIZE} px). They count neither as found nor as missed.
 * <p>
 * Over the set: detections of all images are sorted by score; the precision–recall curve has
 * one point per distinct score (equal scores enter together, so a detector with one constant
 * score has one point), and average precision is the VOC all-point interpolated area under it.
 */
public final class DetectionEvaluation {

	/** Faces with a shorter side below this many pixels are ignored unless told otherwise. */
	public static final double DEFAULT_MIN_FACE_SIZE = 10;

	/** What a detection turned out to be. */
	public enum Outcome {
		TRUE_POSITIVE, FALSE_POSITIVE, IGNORED
	}

	/** A detection with its outcome and the IoU with the face it matched (or overlapped most). */
	public record MatchedDetection(FaceBox box, Outcome outcome, double iou) {
	}

	/** The matching of one image: every detection's outcome and the faces no detection found. */
	public record ImageMatch(String image, List<MatchedDetection> detections, List<AnnotatedFace> missed, int scoredFaces) {
	}

	/** One point of the precision–recall curve: all detections scoring at least {@code threshold}. */
	public record CurvePoint(double threshold, int truePositives, int falsePositives, double precision, double recall) {
	}

	private final double iouThreshold;
	private final double minFaceSize;
	private final List<ImageMatch> matches = new ArrayList<>();

	public DetectionEvaluation(double iouThreshold, double minFaceSize) {
		if (!(iouThreshold > 0 && iouThreshold <= 1)) {
			throw new IllegalArgumentException("the IoU threshold must be in (0, 1], got " + iouThreshold);
		}
		if (!(minFaceSize >= 0)) {
			throw new IllegalArgumentException("the minimum face size must be >= 0, got " + minFaceSize);
		}
		this.iouThreshold = iouThreshold;
		this.minFaceSize = minFaceSize;
	}

	public DetectionEvaluation(double iouThreshold) {
		this(iouThreshold, DEFAULT_MIN_FACE_SIZE);
	}

	public double iouThreshold() {
		return iouThreshold;
	}

	public double minFaceSize() {
		return minFaceSize;
	}

	/** Whether a face is left out of the score: marked so, or smaller than the minimum size. */
	public boolean isIgnored(AnnotatedFace face) {
		return face.ignored() || Math.min(face.box().width(), face.box().height()) < minFaceSize;
	}

	/** Matches one image's detections to its faces and keeps the result for the totals. */
	public ImageMatch add(String image, List<AnnotatedFace> truth, List<FaceBox> detections) {
		List<FaceBox> sorted = new ArrayList<>(detections);
		sorted.sort(Comparator.comparingDouble(FaceBox::score).reversed());
		boolean[] taken = new boolean[truth.size()];
		boolean[] ignored = new boolean[truth.size()];
		int scored = 0;
		for (int t = 0; t < truth.size(); t++) {
			ignored[t] = isIgnored(truth.get(t));
			scored += ignored[t] ? 0 : 1;
		}
		List<MatchedDetection> result = new ArrayList<>();
		for (FaceBox detection : sorted) {
			int best = -1;
			double bestIou = -1;
			double ignoredIou = 0;
			double anyIou = 0;
			for (int t = 0; t < truth.size(); t++) {
				double iou = detection.iou(truth.get(t).box());
				anyIou = Math.max(anyIou, iou);
				if (ignored[t]) {
					ignoredIou = Math.max(ignoredIou, iou);
				} else if (!taken[t] && iou > bestIou) {
					best = t;
					bestIou = iou;
				}
			}
			if (best >= 0 && bestIou >= iouThreshold) {
				taken[best] = true;
				result.add(new MatchedDetection(detection, Outcome.TRUE_POSITIVE, bestIou));
			} else if (ignoredIou >= iouThreshold) {
				result.add(new MatchedDetection(detection, Outcome.IGNORED, ignoredIou));
			} else {
				result.add(new MatchedDetection(detection, Outcome.FALSE_POSITIVE, anyIou));
			}
		}
		List<AnnotatedFace> missed = new ArrayList<>();
		for (int t = 0; t < truth.size(); t++) {
			if (!ignored[t] && !taken[t]) {
				missed.add(truth.get(t));
			}
		}
		ImageMatch match = new ImageMatch(image, result, missed, scored);
		matches.add(match);
		return match;
	}

	public List<ImageMatch> matches() {
		return List.copyOf(matches);
	}

	/** The totals over every image added so far. */
	public Result result() {
		int positives = 0;
		int tp = 0;
		int fp = 0;
		int ignoredDetections = 0;
		List<MatchedDetection> all = new ArrayList<>();
		for (ImageMatch m : matches) {
			positives += m.scoredFaces();
			for (MatchedDetection d : m.detections()) {
				switch (d.outcome()) {
				case TRUE_POSITIVE -> tp++;
				case FALSE_POSITIVE -> fp++;
				case IGNORED -> ignoredDetections++;
				}
				if (d.outcome() != Outcome.IGNORED) {
					all.add(d);
				}
			}
		}
		all.sort(Comparator.comparingDouble((MatchedDetection d) -> d.box().score()).reversed());
		List<CurvePoint> curve = new ArrayList<>();
		int cumTp = 0;
		int cumFp = 0;
		for (int i = 0; i < all.size(); i++) {
			if (all.get(i).outcome() == Outcome.TRUE_POSITIVE) {
				cumTp++;
			} else {
				cumFp++;
			}
			boolean lastOfScore = i + 1 == all.size() || all.get(i + 1).box().score() != all.get(i).box().score();
			if (lastOfScore) {
				curve.add(new CurvePoint(all.get(i).box().score(), cumTp, cumFp, cumTp / (double) (cumTp + cumFp),
						positives == 0 ? Double.NaN : cumTp / (double) positives));
			}
		}
		return new Result(matches.size(), positives, tp, fp, ignoredDetections, curve);
	}

	/**
	 * Totals over a set of images.
	 *
	 * @param images images evaluated
	 * @param positives scored (not ignored) ground-truth faces
	 * @param truePositives detections that found a face
	 * @param falsePositives detections that found none
	 * @param ignoredDetections detections on ignored faces
	 * @param curve precision–recall points by descending score threshold
	 */
	public record Result(int images, int positives, int truePositives, int falsePositives, int ignoredDetections, List<CurvePoint> curve) {

		public Result {
			curve = List.copyOf(curve);
		}

		/** Share of all (not ignored) detections that found a face; NaN without detections. */
		public double precision() {
			int n = truePositives + falsePositives;
			return n == 0 ? Double.NaN : truePositives / (double) n;
		}

		/** Share of scored faces found; NaN without faces. */
		public double recall() {
			return positives == 0 ? Double.NaN : truePositives / (double) positives;
		}

		/**
		 * VOC (2010 and later) all-point interpolated average precision: the area under the curve
		 * whose precision at recall r is the best precision at any recall ≥ r; NaN without faces.
		 */
		public double averagePrecision() {
			if (positives == 0) {
				return Double.NaN;
			}
			int n = curve.size();
			double[] recall = new double[n + 2];
			double[] precision = new double[n + 2];
			for (int i = 0; i < n; i++) {
				recall[i + 1] = curve.get(i).recall();
				precision[i + 1] = curve.get(i).precision();
			}
			recall[n + 1] = 1;
			for (int i = n; i >= 0; i--) {
				precision[i] = Math.max(precision[i], precision[i + 1]);
			}
			double ap = 0;
			for (int i = 0; i <= n; i++) {
				ap += (recall[i + 1] - recall[i]) * precision[i + 1];
			}
			return ap;
		}

		/**
		 * The highest recall reached while the false positives stay at or below
		 * {@code perImage} times the number of images (0 when even the top score exceeds it).
		 */
		public double recallAtFalsePositivesPerImage(double perImage) {
			double limit = perImage * images;
			double best = 0;
			for (CurvePoint p : curve) {
				if (p.falsePositives() <= limit) {
					best = Math.max(best, p.recall());
				}
			}
			return positives == 0 ? Double.NaN : best;
		}
	}
}
