package facet.detect.adaboost.internal;

import facet.core.image.IntegralImage;
import facet.core.detection.FaceAnnotations;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import facet.core.FaceBox;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.Progress;
import facet.core.detection.FaceAnnotations.AnnotatedImage;

/**
 * Trains a {@link Cascade} as in Viola and Jones (2004), table 2: stage after stage, AdaBoost adds
 * stumps until the stage, with its threshold lowered to keep {@code hitRate} of the training
 * faces, passes at most {@code falseAlarm} of its negatives. The negatives of each stage are
 * windows of the training scenes away from every face that all earlier stages still take for a
 * face (bootstrapping), so each stage learns the background the cascade so far gets wrong; they
 * also come from face-free background photos, if given, seen mirrored and turned by 90° too.
 * Each training face is used as it is, mirrored and in {@code jitter} randomly shifted, scaled,
 * turned and gamma-changed copies, as few real faces otherwise leave every stage starved.
 * <p>
 * The same scenes, backgrounds and options give the same cascade, whatever the number of threads:
 * every random draw is made in one sequence, parallel work only fills slots by index and nothing
 * depends on which thread finishes first.
 */
public final class CascadeTrainer {

	/**
	 * @param stages most stages
	 * @param hitRate share of training faces each stage must keep
	 * @param falseAlarm share of its negatives each stage may pass
	 * @param targetFalseAlarm stop once the product of the stages' false-alarm rates is below
	 * @param features size of the random feature pool (of 162,336 at 24×24)
	 * @param negatives negatives per stage
	 * @param maxStumps most stumps in one stage
	 * @param seed for the feature pool, the jitter of the faces and the negative windows
	 * @param jitter randomly changed copies of each training face (and of its mirror image, every
	 *            other copy)
	 * @param backgrounds face-free images to mine negatives from, besides the scenes
	 * @param threads worker threads; 0: one per processor. The cascade does not depend on it.
	 */
	public record Options(int window, int stages, double hitRate, double falseAlarm, double targetFalseAlarm, int features, int negatives,
			int maxStumps, long seed, int jitter, List<Path> backgrounds, int threads) {

		public Options {
			backgrounds = List.copyOf(backgrounds);
		}

		/** Without jitter or background images, on every processor. */
		public Options(int window, int stages, double hitRate, double falseAlarm, double targetFalseAlarm, int features, int negatives,
				int maxStumps, long seed) {
			this(window, stages, hitRate, falseAlarm, targetFalseAlarm, features, negatives, maxStumps, seed, 0, List.of(), 0);
		}
	}

	/** A training scene in memory. */
	record Scene(IntegralImage image, List<FaceBox> faces) {
	}

	/** A candidate negative window, drawn before the cascade looks at it. */
	private record Candidate(Scene scene, double x, double y, double side) {
	}

	/** Windows drawn between two looks at how many negatives were found. */
	private static final int MINING_BATCH = 8192;

	private final Options options;
	private final Progress progress;
	private final List<String> log = new ArrayList<>();

	public CascadeTrainer(Options options, Progress progress) {
		this.options = options;
		this.progress = progress;
	}

	/** Lines describing each stage, for the caller's summary. */
	public List<String> log() {
		return log;
	}

	public Cascade train(List<AnnotatedImage> annotations) throws IOException {
		int threads = options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
		ForkJoinPool pool = new ForkJoinPool(threads);
		try {
			return pool.submit(() -> trainInPool(annotations)).get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new java.io.InterruptedIOException("training interrupted");
		} catch (java.util.concurrent.ExecutionException e) {
			if (e.getCause() instanceof IOException io) {
				throw io;
			}
			if (e.getCause() instanceof RuntimeException r) {
				throw r;
			}
			throw new IOException(e.getCause());
		} finally {
			pool.shutdown();
		}
	}

	/** Runs in the trainer's own pool, so that every parallel stream below uses its threads. */
	private Cascade trainInPool(List<AnnotatedImage> annotations) throws IOException {
		int window = options.window();
		progress.begin("Reading " + annotations.size() + " training images", annotations.size());
		List<Scene> scenes = new ArrayList<>();
		for (AnnotatedImage a : annotations) {
			checkCanceled();
			ImageRaster raster = ImageFiles.read(a.image(), true);
			scenes.add(new Scene(IntegralImage.of(raster), a.faces()));
			progress.worked(1, null);
		}
		List<Scene> backgrounds = backgrounds();
		List<float[]> positives = new ArrayList<>();
		double[] box = new double[4];
		int faceCount = 0;
		SplittableRandom jitterRandom = new SplittableRandom(options.seed() ^ 0x5DEECE66DL);
		for (Scene s : scenes) {
			for (FaceBox f : s.faces()) {
				double side = square(f);
				if (side < window * 0.75) {
					continue;
				}
				double x = 0.5 * (f.x1() + f.x2()) - side / 2;
				double y = 0.5 * (f.y1() + f.y2()) - side / 2;
				float[] patch = s.image().resample(x, y, side, window);
				positives.add(patch);
				positives.add(mirror(patch, window));
				for (int j = 0; j < options.jitter(); j++) {
					float[] changed = jittered(s.image(), x + side / 2, y + side / 2, side, jitterRandom);
					positives.add(j % 2 == 0 ? changed : mirror(changed, window));
				}
				faceCount++;
				box[0] += (f.x1() - x) / side;
				box[1] += (f.y1() - y) / side;
				box[2] += f.width() / side;
				box[3] += f.height() / side;
			}
		}
		if (faceCount < 5) {
			throw new IOException("only " + faceCount + " face(s) of at least " + Math.round(window * 0.75)
					+ " pixels in the annotations: too few to train on");
		}
		for (int i = 0; i < 4; i++) {
			box[i] /= faceCount;
		}
		List<HaarFeature> features = HaarFeature.sample(window, options.features(), options.seed());
		Cascade cascade = new Cascade(window, box, List.of(), null);
		SplittableRandom random = new SplittableRandom(options.seed() ^ 0x9E3779B97F4A7C15L);
		double overallFalseAlarm = 1;
		progress.begin("Training up to " + options.stages() + " stages on " + positives.size() + " face windows (" + faceCount
				+ " faces, mirrored, " + options.jitter() + " jittered copies each)", options.stages());
		JsonArray stageInfo = new JsonArray();
		for (int stage = 0; stage < options.stages(); stage++) {
			checkCanceled();
			List<float[]> faces = passing(cascade, positives);
			long[] attempts = new long[1];
			List<float[]> negatives = mine(cascade, scenes, backgrounds, random.split(), attempts);
			if (negatives.size() < Math.max(10, options.negatives() / 10)) {
				log.add(String.format(Locale.ROOT, "stopped before stage %d: only %d of %d sampled background windows pass the cascade", stage + 1,
						negatives.size(), attempts[0]));
				break;
			}
			StageResult result = trainStage(features, faces, negatives);
			cascade = cascade.with(result.stage());
			overallFalseAlarm *= result.falseAlarm();
			String line = String.format(Locale.ROOT,
					"stage %d: %d stumps, hit rate %.4f on %d faces, false alarms %.3f on %d negatives (mined from %d windows: cascade so far passes %.2e)",
					stage + 1, result.stage().stumps().size(), result.hitRate(), faces.size(), result.falseAlarm(), negatives.size(), attempts[0],
					negatives.size() / (double) attempts[0]);
			log.add(line);
			JsonObject info = new JsonObject();
			info.addProperty("stumps", result.stage().stumps().size());
			info.addProperty("hitRate", result.hitRate());
			info.addProperty("falseAlarm", result.falseAlarm());
			info.addProperty("faces", faces.size());
			info.addProperty("negatives", negatives.size());
			info.addProperty("minedFrom", attempts[0]);
			stageInfo.add(info);
			progress.worked(1, line);
			if (overallFalseAlarm <= options.targetFalseAlarm()) {
				log.add(String.format(Locale.ROOT, "stopped: estimated false-alarm rate %.2e reached the target %.2e", overallFalseAlarm,
						options.targetFalseAlarm()));
				break;
			}
		}
		if (cascade.stages().isEmpty()) {
			throw new IOException("no stage could be trained: the training scenes hold too little background away from the faces");
		}
		JsonObject training = new JsonObject();
		training.addProperty("images", scenes.size());
		training.addProperty("faces", faceCount);
		training.addProperty("faceWindows", positives.size());
		training.addProperty("jitter", options.jitter());
		JsonArray backgroundNames = new JsonArray();
		options.backgrounds().forEach(b -> backgroundNames.add(b.getFileName().toString()));
		training.add("backgrounds", backgroundNames);
		training.addProperty("featurePool", features.size());
		training.addProperty("hitRate", options.hitRate());
		training.addProperty("falseAlarm", options.falseAlarm());
		training.addProperty("negativesPerStage", options.negatives());
		training.addProperty("maxStumps", options.maxStumps());
		training.addProperty("seed", options.seed());
		training.add("stages", stageInfo);
		return cascade.withTraining(training);
	}

	/** One stage and how it did on its own training windows. */
	public record StageResult(Cascade.Stage stage, double hitRate, double falseAlarm) {
	}

	/**
	 * AdaBoost (table 1 of the paper) over stumps of the feature pool until the stage, with its
	 * threshold set to keep {@code hitRate} of the faces, passes at most {@code falseAlarm} of the
	 * negatives, or has {@code maxStumps} stumps.
	 */
	public StageResult trainStage(List<HaarFeature> features, List<float[]> faces, List<float[]> negatives) {
		int window = options.window();
		int n = faces.size() + negatives.size();
		boolean[] positive = new boolean[n];
		IntegralImage[] images = new IntegralImage[n];
		double[] deviations = new double[n];
		for (int i = 0; i < n; i++) {
			positive[i] = i < faces.size();
			images[i] = IntegralImage.of(positive[i] ? faces.get(i) : negatives.get(i - faces.size()), window, window);
			deviations[i] = images[i].deviation(0, 0, window, window);
		}
		int f = features.size();
		float[][] values = new float[f][];
		int[][] orders = new int[f][];
		IntStream.range(0, f).parallel().forEach(k -> {
			HaarFeature feature = features.get(k);
			float[] v = new float[n];
			long[] keys = new long[n];
			for (int i = 0; i < n; i++) {
				v[i] = feature.value(images[i], 0, 0, deviations[i]);
				int bits = Float.floatToIntBits(v[i]);
				// order-preserving map of float bits to int, then the index below
				int sortable = bits >= 0 ? bits : bits ^ 0x7fffffff;
				keys[i] = ((long) sortable << 32) | i;
			}
			Arrays.sort(keys);
			int[] order = new int[n];
			for (int i = 0; i < n; i++) {
				order[i] = (int) keys[i];
			}
			values[k] = v;
			orders[k] = order;
		});
		double[] weights = new double[n];
		for (int i = 0; i < n; i++) {
			weights[i] = positive[i] ? 0.5 / faces.size() : 0.5 / negatives.size();
		}
		List<Stump> stumps = new ArrayList<>();
		double[] scores = new double[n];
		double threshold = 0;
		double hitRate = 1;
		double falseAlarm = 1;
		while (stumps.size() < options.maxStumps()) {
			double total = Arrays.stream(weights).sum();
			for (int i = 0; i < n; i++) {
				weights[i] /= total;
			}
			double[][] best = new double[f][];
			IntStream.range(0, f).parallel().forEach(k -> best[k] = Stump.best(values[k], orders[k], positive, weights));
			int chosen = 0;
			for (int k = 1; k < f; k++) {
				if (best[k][0] < best[chosen][0]) {
					chosen = k;
				}
			}
			double error = Math.max(1e-10, best[chosen][0]);
			double beta = error / (1 - error);
			Stump stump = new Stump(features.get(chosen), best[chosen][1], (int) best[chosen][2], Math.log(1 / beta));
			stumps.add(stump);
			float[] v = values[chosen];
			for (int i = 0; i < n; i++) {
				boolean face = stump.face(v[i]);
				if (face == positive[i]) {
					weights[i] *= beta;
				}
				if (face) {
					scores[i] += stump.alpha();
				}
			}
			double[] faceScores = Arrays.copyOf(scores, faces.size());
			Arrays.sort(faceScores);
			int missed = (int) Math.floor((1 - options.hitRate()) * faces.size());
			// slightly below the score of the face at the rank that may be missed
			threshold = faceScores[missed] - 1e-9;
			int kept = 0;
			for (int i = 0; i < faces.size(); i++) {
				if (scores[i] >= threshold) {
					kept++;
				}
			}
			int passed = 0;
			for (int i = faces.size(); i < n; i++) {
				if (scores[i] >= threshold) {
					passed++;
				}
			}
			hitRate = kept / (double) faces.size();
			falseAlarm = passed / (double) negatives.size();
			if (falseAlarm <= options.falseAlarm()) {
				break;
			}
		}
		return new StageResult(new Cascade.Stage(stumps, threshold), hitRate, falseAlarm);
	}

	private List<float[]> passing(Cascade cascade, List<float[]> patches) {
		int window = options.window();
		if (cascade.stages().isEmpty()) {
			return patches;
		}
		return patches.parallelStream().filter(p -> cascade.face(IntegralImage.of(p, window, window), 0, 0)).toList();
	}

	/**
	 * Random windows of random size and place that the cascade so far accepts: from the scenes,
	 * away from every face (IoU below 0.25), and as often from the background images, if any;
	 * stops after {@code 1000 × negatives} tries. Windows are drawn in batches in one random
	 * sequence and judged in parallel, and the first {@code negatives} accepted in drawing order
	 * are kept, so the result does not depend on the threads.
	 */
	private List<float[]> mine(Cascade cascade, List<Scene> scenes, List<Scene> backgrounds, SplittableRandom random, long[] attempts) {
		int window = options.window();
		int wanted = options.negatives();
		long limit = 1000L * wanted;
		List<float[]> found = new ArrayList<>();
		long tries = 0;
		while (found.size() < wanted && tries < limit && !progress.isCanceled()) {
			int batch = (int) Math.min(MINING_BATCH, limit - tries);
			Candidate[] candidates = new Candidate[batch];
			for (int i = 0; i < batch; i++) {
				candidates[i] = draw(backgrounds.isEmpty() || random.nextBoolean() ? scenes : backgrounds, random);
			}
			float[][] accepted = new float[batch][];
			IntStream.range(0, batch).parallel().forEach(i -> {
				Candidate c = candidates[i];
				if (c != null) {
					float[] patch = c.scene().image().resample(c.x(), c.y(), c.side(), window);
					if (cascade.stages().isEmpty() || cascade.face(IntegralImage.of(patch, window, window), 0, 0)) {
						accepted[i] = patch;
					}
				}
			});
			for (int i = 0; i < batch && found.size() < wanted; i++) {
				tries++;
				if (accepted[i] != null) {
					found.add(accepted[i]);
				}
			}
		}
		attempts[0] = tries;
		return found;
	}

	/** A random window of a random one of the images, or null if it is too close to a face or the image too small. */
	private Candidate draw(List<Scene> images, SplittableRandom r) {
		int window = options.window();
		Scene s = images.get(r.nextInt(images.size()));
		int width = s.image().width();
		int height = s.image().height();
		int largest = Math.min(width, height);
		if (largest < window) {
			return null;
		}
		double side = Math.exp(Math.log(window) + r.nextDouble() * (Math.log(largest) - Math.log(window)));
		double x = r.nextDouble() * (width - side);
		double y = r.nextDouble() * (height - side);
		FaceBox candidate = FaceBox.of(x, y, x + side, y + side, 0);
		for (FaceBox face : s.faces()) {
			if (candidate.iou(face) > 0.25) {
				return null;
			}
		}
		return new Candidate(s, x, y, side);
	}

	/** The background images as they are, mirrored, and turned by 90° both ways: textures in every direction. */
	private List<Scene> backgrounds() throws IOException {
		List<Scene> result = new ArrayList<>();
		for (Path file : options.backgrounds()) {
			checkCanceled();
			ImageRaster raster = ImageFiles.read(file, true);
			int w = raster.width();
			int h = raster.height();
			float[] gray = IntegralImage.gray(raster);
			float[] mirrored = new float[gray.length];
			float[] left = new float[gray.length];
			float[] right = new float[gray.length];
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) {
					float v = gray[y * w + x];
					mirrored[y * w + w - 1 - x] = v;
					// turned counter-clockwise: h wide, w high
					left[(w - 1 - x) * h + y] = v;
					right[x * h + h - 1 - y] = v;
				}
			}
			result.add(new Scene(IntegralImage.of(gray, w, h), List.of()));
			result.add(new Scene(IntegralImage.of(mirrored, w, h), List.of()));
			result.add(new Scene(IntegralImage.of(left, h, w), List.of()));
			result.add(new Scene(IntegralImage.of(right, h, w), List.of()));
		}
		return result;
	}

	/**
	 * A face window with the face shifted by up to 5 % of its side, scaled by 0.9 to 1.1, turned by
	 * up to 10° and its gray values raised to a power of 0.7 to 1.4 (contrast and brightness alone
	 * change nothing after variance normalization). The region around the face is first shrunk by
	 * area averaging to twice the window, so the bilinear sampling below does not alias.
	 */
	float[] jittered(IntegralImage image, double cx, double cy, double side, SplittableRandom r) {
		int window = options.window();
		int m = 2 * window;
		float[] around = image.resample(cx - side, cy - side, 2 * side, m);
		double scale = 0.9 + 0.2 * r.nextDouble();
		double angle = Math.toRadians(-10 + 20 * r.nextDouble());
		double dx = -0.05 + 0.1 * r.nextDouble();
		double dy = -0.05 + 0.1 * r.nextDouble();
		double gamma = Math.exp(Math.log(0.7) + r.nextDouble() * Math.log(2));
		double cos = Math.cos(angle) * scale;
		double sin = Math.sin(angle) * scale;
		float[] out = new float[window * window];
		for (int j = 0; j < window; j++) {
			double v = (j + 0.5) / window - 0.5;
			for (int i = 0; i < window; i++) {
				double u = (i + 0.5) / window - 0.5;
				// in face sides from the face's centre, then in pixels of the shrunk region
				double sx = (cos * u - sin * v + dx) * window + m / 2.0 - 0.5;
				double sy = (sin * u + cos * v + dy) * window + m / 2.0 - 0.5;
				double value = bilinear(around, m, sx, sy);
				out[j * window + i] = (float) (255 * Math.pow(Math.clamp(value / 255, 0, 1), gamma));
			}
		}
		return out;
	}

	private static double bilinear(float[] image, int size, double x, double y) {
		x = Math.clamp(x, 0, size - 1);
		y = Math.clamp(y, 0, size - 1);
		int x0 = Math.min((int) x, size - 2);
		int y0 = Math.min((int) y, size - 2);
		double fx = x - x0;
		double fy = y - y0;
		return (1 - fy) * ((1 - fx) * image[y0 * size + x0] + fx * image[y0 * size + x0 + 1])
				+ fy * ((1 - fx) * image[(y0 + 1) * size + x0] + fx * image[(y0 + 1) * size + x0 + 1]);
	}

	/** The side of the square window a face box is trained and detected as. */
	public static double square(FaceBox face) {
		return 0.5 * (face.width() + face.height());
	}

	static float[] mirror(float[] patch, int window) {
		float[] m = new float[patch.length];
		for (int y = 0; y < window; y++) {
			for (int x = 0; x < window; x++) {
				m[y * window + x] = patch[y * window + window - 1 - x];
			}
		}
		return m;
	}

	private void checkCanceled() throws IOException {
		if (progress.isCanceled()) {
			throw new java.io.InterruptedIOException("training cancelled");
		}
	}
}
