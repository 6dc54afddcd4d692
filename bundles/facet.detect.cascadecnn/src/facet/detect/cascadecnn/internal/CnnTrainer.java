package facet.detect.cascadecnn.internal;

import facet.core.Permutations;
import facet.core.image.IntegralImage;
import facet.core.detection.FaceAnnotations;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import facet.core.FaceBox;
import facet.core.ImageFiles;
import facet.core.Progress;
import facet.core.detection.FaceAnnotations.AnnotatedImage;

/**
 * The training recipe: each detection net learns face windows (the annotated boxes as squares,
 * mirrored) against background windows away from every face (IoU below 0.3); the 24-net's and
 * 48-net's background is mined among the windows that the smaller nets still pass, as the
 * paper's cascade training does. Each calibration net learns which of the 45 patterns turned a
 * face box into the window it sees. Softmax cross-entropy, Adam. The detection nets also see
 * {@code jitter} copies of each face, shifted by up to 5 % of its side, scaled by 0.9 to 1.1 and
 * gamma-changed (0.7 to 1.4), drawn from their own seeded sequence: the 100 faces of a small set
 * otherwise leave the nets starved. The calibration nets see only the exact patterns.
 */
public final class CnnTrainer {

	/**
	 * Training settings.
	 *
	 * @param jitter randomly shifted, scaled and gamma-changed copies of each training face for the
	 *            detection nets (every other one mirrored), besides the face and its mirror image
	 */
	public record Options(int epochs, int negatives, float learningRate, int batchSize, long seed, int jitter) {

		/** Without jitter. */
		public Options(int epochs, int negatives, float learningRate, int batchSize, long seed) {
			this(epochs, negatives, learningRate, batchSize, seed, 0);
		}
	}

	/** Share of training faces each detection net keeps when its threshold is chosen. */
	private static final double[] KEEP = { 0.99, 0.98, 0.95 };
	private static final int PATTERNS_PER_FACE = 12;

	private final Options options;
	private final Progress progress;
	private final List<String> log = new ArrayList<>();
	private final Map<Networks.Net, double[]> losses = new EnumMap<>(Networks.Net.class);

	public CnnTrainer(Options options, Progress progress) {
		this.options = options;
		this.progress = progress;
	}

	public List<String> log() {
		return log;
	}

	/** Mean training loss of each epoch, per net. */
	public Map<Networks.Net, double[]> losses() {
		return losses;
	}

	record Scene(IntegralImage image, List<FaceBox> faces) {
	}

	public CnnModel train(List<AnnotatedImage> annotations, NDManager parent) throws IOException {
		progress.begin("Reading " + annotations.size() + " training images", annotations.size());
		List<Scene> scenes = new ArrayList<>();
		for (AnnotatedImage a : annotations) {
			checkCanceled();
			scenes.add(new Scene(IntegralImage.of(ImageFiles.read(a.image(), true)), a.faces()));
			progress.worked(1, null);
		}
		List<FaceBox> faces = new ArrayList<>();
		List<IntegralImage> faceImages = new ArrayList<>();
		double[] box = new double[4];
		for (Scene s : scenes) {
			for (FaceBox f : s.faces()) {
				FaceBox q = Windows.square(f);
				if (q.width() < 10) {
					continue;
				}
				faces.add(q);
				faceImages.add(s.image());
				box[0] += (f.x1() - q.x1()) / q.width();
				box[1] += (f.y1() - q.y1()) / q.width();
				box[2] += f.width() / q.width();
				box[3] += f.height() / q.width();
			}
		}
		if (faces.size() < 5) {
			throw new IOException("only " + faces.size() + " face(s) of at least 10 pixels in the annotations: too few to train on");
		}
		for (int i = 0; i < 4; i++) {
			box[i] /= faces.size();
		}
		Engine.getInstance().setRandomSeed((int) options.seed());
		SplittableRandom random = new SplittableRandom(options.seed());
		Map<Networks.Net, byte[]> parameters = new EnumMap<>(Networks.Net.class);
		JsonObject thresholds = new JsonObject();
		progress.begin("Training the six nets of the cascade on " + faces.size() + " faces", Networks.Net.values().length);
		NDManager manager = parent.newSubManager();
		Map<Networks.Net, Block> trained = new EnumMap<>(Networks.Net.class);
		CnnModel partial = new CnnModel(manager, trained, new JsonObject());
		try {
			Networks.Net[] detection = { Networks.Net.NET12, Networks.Net.NET24, Networks.Net.NET48 };
			Networks.Net[] calibration = { Networks.Net.CAL12, Networks.Net.CAL24, Networks.Net.CAL48 };
			for (int stage = 0; stage < 3; stage++) {
				Networks.Net net = detection[stage];
				int size = net.size();
				List<float[]> x = new ArrayList<>();
				List<Integer> y = new ArrayList<>();
				SplittableRandom jitterRandom = new SplittableRandom(options.seed() ^ 0x5DEECE66DL);
				for (int i = 0; i < faces.size(); i++) {
					float[] w = Windows.cut(faceImages.get(i), faces.get(i), size);
					x.add(w);
					x.add(Windows.mirror(w, size));
					y.add(1);
					y.add(1);
					for (int j = 0; j < options.jitter(); j++) {
						float[] changed = jittered(faceImages.get(i), faces.get(i), size, jitterRandom);
						x.add(j % 2 == 0 ? changed : Windows.mirror(changed, size));
						y.add(1);
					}
				}
				int positives = x.size();
				long[] tries = new long[1];
				List<float[]> negatives = mine(scenes, partial, thresholds, Arrays.copyOf(detection, stage), size, random.split(), tries);
				for (float[] n : negatives) {
					x.add(n);
					y.add(0);
				}
				byte[] p = fit(net, x, y, random.split());
				parameters.put(net, p);
				trained.put(net, load(net, p, manager));
				float[][] prob = partial.classify(net, x.subList(0, positives));
				double[] faceProb = new double[positives];
				for (int i = 0; i < positives; i++) {
					faceProb[i] = prob[i][1];
				}
				Arrays.sort(faceProb);
				double threshold = Math.min(0.5, faceProb[(int) Math.floor((1 - KEEP[stage]) * positives)]);
				thresholds.addProperty(net.id(), threshold);
				int passed = 0;
				float[][] negProb = partial.classify(net, negatives);
				for (float[] n : negProb) {
					passed += n[1] >= threshold ? 1 : 0;
				}
				String line = String.format(Locale.ROOT, "%s: loss %.4f -> %.4f, threshold %.3f keeps %.0f%% of %d face windows, passes %.1f%% of %d negatives (mined from %d windows)",
						net.id(), losses.get(net)[0], losses.get(net)[options.epochs() - 1], threshold, 100 * KEEP[stage], positives,
						100.0 * passed / Math.max(1, negatives.size()), negatives.size(), tries[0]);
				log.add(line);
				progress.worked(1, line);

				Networks.Net cal = calibration[stage];
				List<float[]> cx = new ArrayList<>();
				List<Integer> cy = new ArrayList<>();
				for (int i = 0; i < faces.size(); i++) {
					FaceBox f = faces.get(i);
					for (int k = 0; k < PATTERNS_PER_FACE; k++) {
						int n = random.nextInt(Calibration.CLASSES);
						double[] w = Calibration.perturb(f.x1(), f.y1(), f.width(), f.height(), n);
						cx.add(Windows.cut(faceImages.get(i), w[0], w[1], w[2], size));
						cy.add(n);
					}
				}
				byte[] cp = fit(cal, cx, cy, random.split());
				parameters.put(cal, cp);
				trained.put(cal, load(cal, cp, manager));
				String calLine = String.format(Locale.ROOT, "%s: loss %.4f -> %.4f on %d perturbed face windows", cal.id(), losses.get(cal)[0],
						losses.get(cal)[options.epochs() - 1], cx.size());
				log.add(calLine);
				progress.worked(1, calLine);
			}
		} finally {
			manager.close();
		}
		JsonObject info = new JsonObject();
		info.add("thresholds", thresholds);
		info.addProperty("calibrationThreshold", 0.1);
		JsonArray b = new JsonArray();
		for (double v : box) {
			b.add(v);
		}
		info.add("box", b);
		JsonObject training = new JsonObject();
		training.addProperty("images", scenes.size());
		training.addProperty("faces", faces.size());
		training.addProperty("epochs", options.epochs());
		training.addProperty("negatives", options.negatives());
		training.addProperty("learningRate", options.learningRate());
		training.addProperty("batchSize", options.batchSize());
		training.addProperty("seed", options.seed());
		training.addProperty("jitter", options.jitter());
		JsonObject lossInfo = new JsonObject();
		losses.forEach((net, l) -> {
			JsonArray a = new JsonArray();
			for (double v : l) {
				a.add(Math.round(v * 1e5) / 1e5);
			}
			lossInfo.add(net.id(), a);
		});
		training.add("losses", lossInfo);
		info.add("training", training);
		NDManager modelManager = parent.newSubManager();
		Map<Networks.Net, Block> blocks = new EnumMap<>(Networks.Net.class);
		for (Map.Entry<Networks.Net, byte[]> e : parameters.entrySet()) {
			blocks.put(e.getKey(), load(e.getKey(), e.getValue(), modelManager));
		}
		return new CnnModel(modelManager, blocks, info);
	}

	/**
	 * Background windows away from every face; for the later nets only those that all the
	 * earlier nets pass (up to 30 tries per wanted window, then filled with unfiltered ones).
	 */
	private List<float[]> mine(List<Scene> scenes, CnnModel partial, JsonObject thresholds, Networks.Net[] earlier, int size,
			SplittableRandom r, long[] tries) throws IOException {
		int wanted = options.negatives();
		List<float[]> found = new ArrayList<>();
		List<float[]> fallback = new ArrayList<>();
		long limit = earlier.length == 0 ? wanted : 30L * wanted;
		int chunk = 2048;
		while (found.size() < wanted && tries[0] < limit) {
			checkCanceled();
			List<FaceBox> boxes = new ArrayList<>();
			List<IntegralImage> images = new ArrayList<>();
			while (boxes.size() < chunk && tries[0] < limit) {
				tries[0]++;
				Scene s = scenes.get(r.nextInt(scenes.size()));
				int largest = Math.min(s.image().width(), s.image().height());
				if (largest < 12) {
					continue;
				}
				double side = Math.exp(Math.log(12) + r.nextDouble() * (Math.log(largest) - Math.log(12)));
				double x = r.nextDouble() * (s.image().width() - side);
				double y = r.nextDouble() * (s.image().height() - side);
				FaceBox w = FaceBox.of(x, y, x + side, y + side, 0);
				if (s.faces().stream().anyMatch(f -> w.iou(f) > 0.3)) {
					continue;
				}
				boxes.add(w);
				images.add(s.image());
			}
			boolean[] pass = new boolean[boxes.size()];
			Arrays.fill(pass, true);
			for (Networks.Net net : earlier) {
				List<float[]> cut = new ArrayList<>();
				for (int i = 0; i < boxes.size(); i++) {
					cut.add(Windows.cut(images.get(i), boxes.get(i), net.size()));
				}
				float[][] p = partial.classify(net, cut);
				double t = thresholds.get(net.id()).getAsDouble();
				for (int i = 0; i < boxes.size(); i++) {
					pass[i] &= p[i][1] >= t;
				}
			}
			for (int i = 0; i < boxes.size() && found.size() < wanted; i++) {
				float[] w = Windows.cut(images.get(i), boxes.get(i), size);
				if (pass[i]) {
					found.add(w);
				} else if (fallback.size() < wanted) {
					fallback.add(w);
				}
			}
		}
		for (int i = 0; found.size() < wanted && i < fallback.size(); i++) {
			found.add(fallback.get(i));
		}
		return found;
	}

	/** Trains one net from scratch; returns its parameters as {@code Block.saveParameters} writes them. */
	public byte[] fit(Networks.Net net, List<float[]> x, List<Integer> y, SplittableRandom r) throws IOException {
		int n = x.size();
		int size = net.size() * net.size();
		int batch = Math.min(options.batchSize(), n);
		double[] epochLoss = new double[options.epochs()];
		try (Model model = Model.newInstance(net.id(), Device.cpu())) {
			model.setBlock(Networks.build(net));
			DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
					.optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(options.learningRate())).build())
					.optDevices(new Device[] { Device.cpu() });
			try (Trainer trainer = model.newTrainer(config)) {
				trainer.initialize(net.input(batch));
				int[] order = new int[n];
				for (int i = 0; i < n; i++) {
					order[i] = i;
				}
				for (int epoch = 0; epoch < options.epochs(); epoch++) {
					checkCanceled();
					Permutations.shuffle(order, r);
					double sum = 0;
					int batches = 0;
					for (int from = 0; from + batch <= n; from += batch) {
						float[] data = new float[batch * size];
						float[] labels = new float[batch];
						for (int i = 0; i < batch; i++) {
							System.arraycopy(x.get(order[from + i]), 0, data, i * size, size);
							labels[i] = y.get(order[from + i]);
						}
						try (NDManager scope = trainer.getManager().newSubManager()) {
							NDArray input = scope.create(data, net.input(batch));
							NDArray label = scope.create(labels);
							try (GradientCollector collector = trainer.newGradientCollector()) {
								NDList out = trainer.forward(new NDList(input));
								NDArray loss = trainer.getLoss().evaluate(new NDList(label), out);
								collector.backward(loss);
								sum += loss.getFloat();
							}
							trainer.step();
						}
						batches++;
					}
					epochLoss[epoch] = sum / Math.max(1, batches);
				}
			}
			losses.put(net, epochLoss);
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			try (DataOutputStream out = new DataOutputStream(bytes)) {
				model.getBlock().saveParameters(out);
			}
			return bytes.toByteArray();
		}
	}

	static Block load(Networks.Net net, byte[] parameters, NDManager manager) throws IOException {
		Block block = Networks.build(net);
		block.initialize(manager, DataType.FLOAT32, net.input(1));
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
			block.loadParameters(manager, in);
		} catch (MalformedModelException e) {
			throw new IOException(net.id() + ": " + e.getMessage(), e);
		}
		return block;
	}

	private void checkCanceled() throws IOException {
		if (progress.isCanceled()) {
			throw new java.io.InterruptedIOException("training cancelled");
		}
	}

	/** A face window shifted by up to 5 % of its side, scaled by 0.9 to 1.1 and gamma-changed by 0.7 to 1.4. */
	public static float[] jittered(IntegralImage image, FaceBox square, int size, SplittableRandom r) {
		double side = square.width() * (0.9 + 0.2 * r.nextDouble());
		double cx = 0.5 * (square.x1() + square.x2()) + square.width() * (-0.05 + 0.1 * r.nextDouble());
		double cy = 0.5 * (square.y1() + square.y2()) + square.width() * (-0.05 + 0.1 * r.nextDouble());
		double gamma = Math.exp(Math.log(0.7) + r.nextDouble() * Math.log(2));
		float[] v = image.resample(cx - side / 2, cy - side / 2, side, size);
		for (int i = 0; i < v.length; i++) {
			v[i] = (float) (255 * Math.pow(Math.clamp(v[i] / 255, 0, 1), gamma));
		}
		Windows.normalize(v);
		return v;
	}
}
