package facet.bench.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.Batchifier;
import facet.core.FaceBox;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.Progress;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.Run;
import facet.core.runs.RunEnvironment;
import facet.core.runs.RunStore;
import facet.core.spi.Dataset;
import facet.core.spi.DatasetFactory;
import facet.core.spi.DetectorFactory;
import facet.core.spi.FaceDetector;
import facet.engine.ComputeEngine;
import facet.engine.ComputeEngines;
import facet.engine.data.ChannelStatistics;
import facet.engine.data.DataPipeline;
import facet.engine.data.PipelineModules;
import facet.engine.analyze.FaceAnalyzer;
import facet.engine.analyze.FramePipeline;
import facet.engine.analyze.MediaInputs;
import facet.engine.run.ModelInfo;
import facet.engine.run.NetworkBuilder;
import facet.engine.run.TrainedModel;
import facet.engine.train.BatchSource;
import facet.engine.train.TrainingLoop;
import facet.nn.api.ClassifierHead;
import facet.nn.api.ExpressionNetwork;

/**
 * The measurements of one benchmark process (a "child" of {@link facet.bench.Benchmark}): each
 * group runs in its own process because MXNet reads {@code OMP_NUM_THREADS} when it loads and
 * peak memory is per process. Every result is printed as one {@code RESULT {json}} line.
 */
public final class Measurements {

	public static final String[] MODELS = { "model-1", "model-2", "vgg-baseline", "resnet18-baseline" };
	static final Gson GSON = new Gson();
	/** Prefix of the lines that carry a result. */
	public static final String RESULT = "RESULT ";

	private final ModuleRegistry registry;
	private final Path root;
	private final boolean quick;
	private final PrintStream out;

	/**
	 * @param root the Facet checkout: its examples/ hold the shipped experiments, and
	 *        bundles/facet.cli.tests/resources/demo-faces.tsv the hand-labelled demo faces
	 */
	public Measurements(ModuleRegistry registry, Path root, boolean quick, PrintStream out) {
		this.registry = registry;
		this.root = root;
		this.quick = quick;
		this.out = out;
	}

	void emit(JsonObject result) {
		out.println(RESULT + GSON.toJson(result));
		out.flush();
	}

	/** Runs one measurement group: models, raw-only, memory MODEL, scaling or detect. */
	public void run(List<String> args) throws Exception {
		ComputeEngines.open(); // loads the native engine, or says why it cannot
		switch (args.get(0)) {
			case "models" -> {
				JsonObject hw = new JsonObject();
				hw.addProperty("type", "hardware");
				hw.addProperty("cpu", RunEnvironment.readCpuModel());
				hw.addProperty("threads", String.valueOf(Runtime.getRuntime().availableProcessors()));
				ComputeEngine engine = ComputeEngines.open();
				hw.addProperty("engine", engine.name());
				hw.addProperty("engineVersion", engine.version());
				emit(hw);
				pipeline(registry);
				for (String model : models()) {
					try {
						models(registry, model, true);
					} catch (Exception e) {
						out.println(model + " failed: " + e);
						e.printStackTrace(out);
					}
				}
			}
			case "raw-only" -> {
				for (String model : models()) {
					models(registry, model, false);
				}
			}
			case "memory" -> memory(registry, args.get(1));
			case "scaling" -> scaling(registry);
			case "detect" -> detect(registry);
			default -> throw new IllegalArgumentException("unknown child " + args);
		}
	}

	ExperimentSpec experiment(String model) throws Exception {
		return ExperimentFormat.read(root.resolve("examples/" + model + ".facet.json"));
	}

	int side(ExperimentSpec spec) {
		Object size = spec.dataset().params().get("size");
		return size == null ? 48 : ((Number) size).intValue();
	}

	int channels(ExperimentSpec spec) {
		return "rgb".equals(spec.dataset().params().get("channels")) ? 3 : 1;
	}

	/**
	 * The shipped models, or those named in {@code FACET_BENCH_MODELS} (comma-separated), for
	 * looking at one model's ratio without the whole suite.
	 */
	static List<String> models() {
		String only = System.getenv("FACET_BENCH_MODELS");
		if (only == null || only.isBlank()) {
			return List.of(MODELS);
		}
		return java.util.Arrays.stream(only.split(",")).map(String::trim).filter(m -> List.of(MODELS).contains(m)).toList();
	}

	/** Throughput of one shipped model through Facet and raw DJL, with its parameters and FLOPs. */
	void models(ModuleRegistry registry, String model, boolean facet) throws Exception {
		ExperimentSpec spec = experiment(model);
		int c = channels(spec), s = side(spec), b = spec.batchSize();
		NetworkBuilder builder = new NetworkBuilder(registry);
		JsonObject r = new JsonObject();
		r.addProperty("type", facet ? "model" : "raw-only");
		r.addProperty("model", model);
		r.addProperty("input", c + "×" + s + "×" + s + ", batch " + b);
		int steps = quick ? (facet ? 4 : 3) : Integer.parseInt(System.getenv().getOrDefault("FACET_BENCH_STEPS", "20"));
		int rounds = quick ? 1 : 3;
		Shape shape = new Shape(b, c, s, s);
		double[] raw = rawThroughput(builder.network(spec, c), shape, steps, rounds, r);
		double facetTrain = 0, facetInfer = 0;
		if (facet) {
			// raw, Facet, raw, Facet, the best of each kept: the machine drifts by ±15 % over a run,
			// and measuring each side once would let the drift decide the ratio
			for (int pass = 0; pass < (quick ? 1 : 2); pass++) {
				if (pass > 0) {
					double[] again = rawThroughput(builder.network(spec, c), shape, steps, rounds, null);
					raw[0] = Math.max(raw[0], again[0]);
					raw[1] = Math.max(raw[1], again[1]);
				}
				facetTrain = Math.max(facetTrain, facetTraining(spec, builder, shape, steps, rounds + 1));
				facetInfer = Math.max(facetInfer, facetInference(spec, registry, c, s, b, steps, rounds));
			}
			r.addProperty("facetTrain", facetTrain);
			r.addProperty("facetInfer", facetInfer);
		}
		r.addProperty("rawTrain", raw[0]);
		r.addProperty("rawInfer", raw[1]);
		out.printf(Locale.ROOT, "%s: %s%n", model, r);
		emit(r);
	}

	/** {train, infer} images/s of a bare DJL loop: best of rounds of steps each, after a warm-up round. */
	double[] rawThroughput(ExpressionNetwork network, Shape shape, int steps, int rounds, JsonObject info) {
		try (Model model = Model.newInstance("raw")) {
			model.setBlock(network);
			Loss loss = Loss.softmaxCrossEntropyLoss();
			try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(Optimizer.adam().build()))) {
				trainer.initialize(shape);
				if (info != null) {
					info.addProperty("parameters", parameters(network));
					info.addProperty("flops", flops(network));
				}
				NDManager manager = trainer.getManager();
				NDArray x = manager.randomUniform(0, 1, shape);
				NDArray y = manager.randomInteger(0, 7, new Shape(shape.get(0)), DataType.INT32).toType(DataType.FLOAT32, false);
				double bestTrain = 0;
				for (int round = 0; round <= rounds; round++) {
					long start = System.nanoTime();
					for (int i = 0; i < steps; i++) {
						try (NDManager sub = manager.newSubManager()) {
							// results attach to their input's manager: inputs in the step's manager, or every
							// step's activations and gradients would pile up until the trainer closes
							NDArray xs = inScope(x, sub);
							NDArray l;
							try (GradientCollector collector = trainer.newGradientCollector()) {
								NDList out = trainer.forward(new NDList(xs));
								l = loss.evaluate(new NDList(inScope(y, sub)), new NDList(ClassifierHead.logits(out)));
								collector.backward(l);
							}
							trainer.step();
							l.getFloat();
						}
					}
					if (round > 0) {
						bestTrain = Math.max(bestTrain, steps * shape.get(0) / ((System.nanoTime() - start) / 1e9));
					}
				}
				double bestInfer = 0;
				for (int round = 0; round <= rounds; round++) {
					long start = System.nanoTime();
					for (int i = 0; i < steps; i++) {
						try (NDManager sub = manager.newSubManager()) {
							NDList out = trainer.evaluate(new NDList(inScope(x, sub)));
							ClassifierHead.logits(out).softmax(1).toFloatArray();
							out.close();
						}
					}
					if (round > 0) {
						bestInfer = Math.max(bestInfer, steps * shape.get(0) / ((System.nanoTime() - start) / 1e9));
					}
				}
				return new double[] { bestTrain, bestInfer };
			}
		}
	}

	/** A copy of {@code array} owned by {@code scope}, so that what is computed from it is freed with the scope. */
	private static NDArray inScope(NDArray array, NDManager scope) {
		NDArray copy = array.duplicate();
		copy.attach(scope);
		return copy;
	}

	long parameters(Block block) {
		long n = 0;
		for (var p : block.getParameters()) {
			if (p.getValue().isInitialized()) {
				n += p.getValue().getArray().size();
			}
		}
		return n;
	}

	/**
	 * FLOPs per image of the convolution and linear layers: 2 per multiply-add, from the input
	 * shape each block was initialized with (out H × out W × out channels × in channels/groups ×
	 * kernel area; in features × out features).
	 */
	double flops(Block block) {
		double total = 0;
		if (block instanceof Convolution conv) {
			Shape[] in = conv.getInputShapes();
			if (in != null && in.length > 0) {
				Shape out = conv.getOutputShapes(in)[0];
				long spatial = out.size() / out.get(0) / out.get(1); // per image, whatever the batch it was initialized with
				Shape weight = conv.getParameters().get("weight").getArray().getShape();
				long kernel = weight.size() / weight.get(0); // in/groups × kernel area
				total += 2.0 * spatial * out.get(1) * kernel;
			}
		} else if (block instanceof Linear linear) {
			Shape weight = linear.getParameters().get("weight").getArray().getShape();
			total += 2.0 * weight.get(0) * weight.get(1);
		}
		for (var child : block.getChildren().values()) {
			total += flops(child);
		}
		return total;
	}

	/** Random batches of a fixed shape as a BatchSource, as the training loop takes them. */
	BatchSource randomBatches(Shape shape, int batches, long seed) {
		int n = (int) shape.get(0);
		float[][] data = new float[batches][];
		float[][] labels = new float[batches][];
		java.util.Random random = new java.util.Random(seed);
		for (int i = 0; i < batches; i++) {
			data[i] = new float[(int) shape.size()];
			labels[i] = new float[n];
			for (int j = 0; j < data[i].length; j++) {
				data[i][j] = random.nextFloat();
			}
			for (int j = 0; j < n; j++) {
				labels[i][j] = random.nextInt(7);
			}
		}
		return new BatchSource() {
			@Override
			public int batchesPerEpoch() {
				return batches;
			}

			@Override
			public int size() {
				return batches * n;
			}

			@Override
			public Iterator<Batch> epoch(NDManager manager, int epoch) {
				return new Iterator<>() {
					int index;

					@Override
					public boolean hasNext() {
						return index < batches;
					}

					@Override
					public Batch next() {
						NDManager sub = manager.newSubManager();
						List<String> ids = new ArrayList<>();
						for (int j = 0; j < n; j++) {
							ids.add("s" + (index * n + j));
						}
						Batch batch = new Batch(sub, new NDList(sub.create(data[index], shape)), new NDList(sub.create(labels[index], new Shape(n))), n,
								Batchifier.STACK, Batchifier.STACK, index, batches, ids);
						index++;
						return batch;
					}
				};
			}
		};
	}

	/** Best epoch images/s of Facet's TrainingLoop (the first epoch is warm-up), read from the run's metrics. */
	double facetTraining(ExperimentSpec spec, NetworkBuilder builder, Shape shape, int steps, int epochs) throws Exception {
		Path dir = Files.createTempDirectory("facet-bench-run");
		try {
			ExpressionNetwork network = builder.network(spec, (int) shape.get(1));
			var loss = builder.loss(spec);
			Run run = new RunStore(dir).create(spec, RunEnvironment.current("MXNet", Engine.getInstance().getVersion(), Map.of()));
			TrainingLoop.Setup setup = new TrainingLoop.Setup(network, loss, shape, spec.optimizer(), spec.schedule(), epochs, spec.seed(),
					randomBatches(shape, steps, spec.seed()), Optional.empty(), 0);
			new TrainingLoop().train(setup, run, Progress.NONE);
			double best = 0;
			List<JsonObject> metrics = run.readMetrics();
			for (int i = 1; i < metrics.size(); i++) {
				best = Math.max(best, metrics.get(i).get("imagesPerSecond").getAsDouble());
			}
			return best;
		} finally {
			delete(dir);
		}
	}

	/** Images/s of TrainedModel.predict on face crops, in batches of the experiment's size. */
	double facetInference(ExperimentSpec spec, ModuleRegistry registry, int c, int s, int b, int steps, int rounds) throws Exception {
		double[] mean = new double[c], std = new double[c];
		java.util.Arrays.fill(mean, 0.5);
		java.util.Arrays.fill(std, 0.25);
		ModelInfo info = new ModelInfo(c, s, s, new ChannelStatistics(mean, std), 0);
		List<ImageRaster> faces = new ArrayList<>();
		java.util.Random random = new java.util.Random(1);
		for (int i = 0; i < b; i++) {
			byte[] pixels = new byte[s * s * c];
			random.nextBytes(pixels);
			faces.add(new ImageRaster(s, s, c, pixels));
		}
		try (TrainedModel model = TrainedModel.pretrained(spec, info, registry, "benchmark")) {
			double best = 0;
			for (int round = 0; round <= rounds; round++) {
				long start = System.nanoTime();
				for (int i = 0; i < steps; i++) {
					model.predict(faces);
				}
				if (round > 0) {
					best = Math.max(best, steps * b / ((System.nanoTime() - start) / 1e9));
				}
			}
			return best;
		}
	}

	/** Images/s of DataPipeline over the synthetic set of model-1's experiment (48×48 gray), best epoch after the first. */
	void pipeline(ModuleRegistry registry) throws Exception {
		ExperimentSpec spec = experiment("model-1");
		Map<String, Object> params = new LinkedHashMap<>(spec.dataset().params());
		if (quick) {
			params.put("perClass", 60);
		}
		ModuleDescriptor module = registry.get(ModuleKind.DATASET, spec.dataset().id());
		Dataset dataset = module.factory(DatasetFactory.class).create(module.settings(params));
		int threads = Runtime.getRuntime().availableProcessors();
		JsonObject r = new JsonObject();
		r.addProperty("type", "pipeline");
		int images = 0;
		for (boolean cached : new boolean[] { true, false }) {
			DataPipeline.Builder builder = DataPipeline.builder(dataset).split("train")
					.preprocessors(PipelineModules.operations(registry, ModuleKind.PREPROCESSOR, spec.preprocessors()))
					.augmentations(PipelineModules.operations(registry, ModuleKind.AUGMENTATION, spec.augmentations())).batchSize(spec.batchSize())
					.seed(spec.seed()).threads(threads);
			if (!cached) {
				builder.cacheBytes(0);
			}
			try (DataPipeline pipeline = builder.build()) {
				pipeline.prepare(Progress.NONE);
				images = pipeline.samples().size();
				r.addProperty(cached ? "imagesPerSecond" : "uncachedImagesPerSecond", bestEpoch(pipeline));
			}
		}
		r.addProperty("note", String.format(Locale.ROOT, "Pipeline: model-1's dataset (synthetic, %d train images, 48×48 gray), its preprocessors "
				+ "and augmentations, batch %d, %d worker threads, best epoch after the first; \"cached\" with the default decoded-image cache "
				+ "(as ExperimentRunner builds it), \"uncached\" renders and preprocesses every image every epoch. Both sides run one after the "
				+ "other; during training the pipeline would share the cores with MXNet.", images, spec.batchSize(), threads));
		emit(r);
	}

	double bestEpoch(DataPipeline pipeline) {
		double best = 0;
		for (int epoch = 0; epoch < 4; epoch++) {
			long start = System.nanoTime();
			int images = 0;
			try (DataPipeline.Epoch batches = pipeline.epoch(epoch, Progress.NONE)) {
				while (batches.hasNext()) {
					images += batches.next().size();
				}
			}
			if (epoch > 0) {
				best = Math.max(best, images / ((System.nanoTime() - start) / 1e9));
			}
		}
		return best;
	}

	/** Peak resident memory (VmHWM) of this process after training a model at batch 64 through Facet's loop. */
	void memory(ModuleRegistry registry, String model) throws Exception {
		ExperimentSpec spec = experiment(model);
		int c = channels(spec), s = side(spec);
		facetTraining(spec, new NetworkBuilder(registry), new Shape(64, c, s, s), quick ? 2 : 10, quick ? 1 : 2);
		JsonObject r = new JsonObject();
		r.addProperty("type", "memory");
		r.addProperty("model", model);
		for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
			if (line.startsWith("VmHWM:")) {
				r.addProperty("vmHwmKiB", Long.parseLong(line.replaceAll("[^0-9]", "")));
			}
		}
		emit(r);
	}

	/** Raw throughput of vgg-baseline by batch (48×48) and by input side (batch 32). */
	void scaling(ModuleRegistry registry) throws Exception {
		String model = "vgg-baseline";
		ExperimentSpec spec = experiment(model);
		NetworkBuilder builder = new NetworkBuilder(registry);
		for (int b : new int[] { 1, 8, 32, 64, 128 }) {
			int steps = Math.max(quick ? 1 : 2, (quick ? 64 : 512) / b);
			double[] t = rawThroughput(builder.network(spec, 1), new Shape(b, 1, 48, 48), Math.min(steps, quick ? 8 : 64), quick ? 1 : 2, null);
			JsonObject r = new JsonObject();
			r.addProperty("type", "batch");
			r.addProperty("model", model);
			r.addProperty("batch", b);
			r.addProperty("train", t[0]);
			r.addProperty("infer", t[1]);
			emit(r);
		}
		for (int s : new int[] { 48, 96, 112 }) {
			double[] t = rawThroughput(builder.network(spec, 1), new Shape(32, 1, s, s), quick ? 2 : 8, quick ? 1 : 2, null);
			JsonObject r = new JsonObject();
			r.addProperty("type", "input");
			r.addProperty("model", model);
			r.addProperty("size", s);
			r.addProperty("train", t[0]);
			r.addProperty("infer", t[1]);
			emit(r);
		}
	}

	record Face(String image, int x1, int y1, int x2, int y2) {
	}

	void detect(ModuleRegistry registry) throws Exception {
		Path cache = Path.of(System.getProperty("facet.cache", System.getProperty("user.home") + "/.cache/facet"));
		Path demo = cache.resolve("face-api/demo");
		ImageRaster photo = ImageFiles.read(demo.resolve("sample1.jpg"), false);
		ImageRaster vga = ImageFiles.resize(photo, 640, 480);
		List<Face> faces = new ArrayList<>();
		Path labels = root.resolve("bundles/facet.cli.tests/resources/demo-faces.tsv");
		for (String line : Files.exists(labels) ? Files.readAllLines(labels) : List.<String>of()) {
			String[] f = line.split("\t");
			if (line.startsWith("#") || f.length < 5 || f[0].equals("image")) {
				continue;
			}
			faces.add(new Face(f[0], (int) Double.parseDouble(f[1]), (int) Double.parseDouble(f[2]), (int) Double.parseDouble(f[3]),
					(int) Double.parseDouble(f[4])));
		}
		List<ImageRaster> scenes = new ArrayList<>();
		for (int n = 1; n <= 6 && !faces.isEmpty(); n++) {
			scenes.add(scene(demo, faces, n));
		}
		if (System.getProperty("facet.benchmark.scenes") != null && !scenes.isEmpty()) {
			ImageFiles.writePng(scenes.get(5), Path.of(System.getProperty("facet.benchmark.scenes")));
		}
		int frames = quick ? 3 : 15;
		Map<String, Double> goals = Map.of("mtcnn", 50.0, "haar", 15.0);
		Map<String, String> models = Map.of("viola-jones", System.getenv().getOrDefault("FACET_BENCH_VIOLA_JONES", ""), "cascade-cnn",
				System.getenv().getOrDefault("FACET_BENCH_CASCADE_CNN", ""));
		for (String id : new String[] { "haar", "mtcnn", "viola-jones", "cascade-cnn" }) {
			JsonObject r = new JsonObject();
			r.addProperty("type", "detector");
			r.addProperty("detector", id);
			Map<String, Object> params = new LinkedHashMap<>();
			if (models.containsKey(id)) {
				String file = models.get(id);
				if (file.isEmpty() || !Files.exists(Path.of(file))) {
					r.addProperty("skipped", "no trained model: it ships none; train one with `facet detector train " + id
							+ "` and set FACET_BENCH_" + id.toUpperCase(Locale.ROOT).replace('-', '_') + " to it");
					emit(r);
					continue;
				}
				params.put("model", file);
			}
			ModuleDescriptor module = registry.get(ModuleKind.DETECTOR, id);
			try (FaceDetector detector = module.factory(DetectorFactory.class).create(module.settings(params))) {
				double ms = median(detector, vga, frames);
				r.addProperty("vgaMs", ms);
				r.addProperty("faces", detector.detect(vga).size());
				if (goals.containsKey(id)) {
					r.addProperty("goalMs", goals.get(id));
				}
				emit(r);
				for (int width : new int[] { 640, 1280, 1920 }) {
					JsonObject s = new JsonObject();
					s.addProperty("type", "detector-size");
					s.addProperty("detector", id);
					s.addProperty("width", width);
					s.addProperty("ms", median(detector, ImageFiles.resize(photo, width, width * 3 / 4), width > 640 ? Math.max(3, frames / 3) : frames));
					emit(s);
				}
				for (int n = 1; n <= scenes.size(); n++) {
					JsonObject s = new JsonObject();
					s.addProperty("type", "detector-faces");
					s.addProperty("detector", id);
					s.addProperty("faces", n);
					s.addProperty("ms", median(detector, scenes.get(n - 1), frames));
					s.addProperty("found", detector.detect(scenes.get(n - 1)).size());
					emit(s);
				}
			}
		}
		analyze(registry, vga, frames);
	}

	/** Detector, face crops, pretrained expression model: the whole per-frame chain of `facet predict` on a photo. */
	void analyze(ModuleRegistry registry, ImageRaster frame, int frames) throws Exception {
		JsonObject r = new JsonObject();
		r.addProperty("type", "analyze");
		if (registry.find(ModuleKind.BACKBONE, "faceapi-expression").isEmpty()) {
			r.addProperty("skipped", "facet.nn.faceapi is not built");
			emit(r);
			return;
		}
		ExperimentSpec spec = experiment("faceapi-pretrained");
		ModelInfo info = new ModelInfo(3, 112, 112, new ChannelStatistics(new double[] { 0 }, new double[] { 1 }), 323_687);
		ModuleDescriptor module = registry.get(ModuleKind.DETECTOR, "mtcnn");
		try (FaceDetector detector = module.factory(DetectorFactory.class).create(module.settings(Map.of()));
				TrainedModel model = TrainedModel.pretrained(spec, info, registry, "face-api.js expression model")) {
			double[] times = new double[frames + 1];
			double[] detectTimes = new double[frames + 1];
			int found = 0;
			for (int i = 1; i < WARM_UP_FRAMES; i++) {
				detector.detect(frame);
			}
			for (int i = 0; i <= frames; i++) {
				long start = System.nanoTime();
				List<FaceBox> boxes = detector.detect(frame);
				detectTimes[i] = (System.nanoTime() - start) / 1e6;
				List<ImageRaster> crops = new ArrayList<>();
				for (FaceBox box : boxes) {
					int x = (int) Math.max(0, box.x1()), y = (int) Math.max(0, box.y1());
					int w = (int) Math.min(frame.width() - x, box.x2() - x), h = (int) Math.min(frame.height() - y, box.y2() - y);
					if (w > 1 && h > 1) {
						crops.add(ImageFiles.crop(frame, x, y, w, h));
					}
				}
				model.predict(crops);
				times[i] = (System.nanoTime() - start) / 1e6;
				found = boxes.size();
			}
			r.addProperty("chain", "mtcnn + crop + face-api expression (TrainedModel)");
			r.addProperty("ms", median(java.util.Arrays.copyOfRange(times, 1, times.length)));
			r.addProperty("detectMs", median(java.util.Arrays.copyOfRange(detectTimes, 1, detectTimes.length)));
			r.addProperty("faces", found);
			emit(r);
			analyzeStream(new FaceAnalyzer(detector, Optional.of(model), 0), frame, Math.max(6, 2 * frames));
		}
	}

	/**
	 * What {@code facet analyze} does with a folder of VGA JPEG frames (decode, detect, crop,
	 * classify, annotate, write a PNG), once through {@link FramePipeline} and once one stage
	 * after the other on one thread, so that the report shows what the pipeline gains.
	 */
	void analyzeStream(FaceAnalyzer analyzer, ImageRaster frame, int frames) throws Exception {
		Path dir = Files.createTempDirectory("facet-bench-frames");
		try {
			List<MediaInputs.Input> inputs = new ArrayList<>();
			BufferedImage image = ImageFiles.toBufferedImage(frame);
			for (int i = 0; i < frames; i++) {
				Path file = dir.resolve(String.format(Locale.ROOT, "frame%03d.jpg", i));
				ImageIO.write(image, "jpg", file.toFile());
				inputs.add(new MediaInputs.Input(file, MediaInputs.Kind.IMAGE));
			}
			Path out = Files.createDirectories(dir.resolve("out"));
			// warm-up: the detector's and the model's first calls allocate
			FaceAnalyzer.writeAnnotated(analyzer.analyze(inputs.get(0).path()), out.resolve("warm-up.png"));
			long start = System.nanoTime();
			for (MediaInputs.Input input : inputs) {
				ImageRaster raster = ImageFiles.read(input.path(), false);
				FaceAnalyzer.writeAnnotated(analyzer.analyze(input.path(), raster), raster, out.resolve(input.path().getFileName() + ".png"));
			}
			double sequentialMs = (System.nanoTime() - start) / 1e6 / frames;
			int[] failures = { 0 };
			start = System.nanoTime();
			FramePipeline.run(inputs, false, f -> analyzer.analyze(f.file(), f.raster()), new FramePipeline.Sink<FaceAnalyzer.Analysis>() {
				@Override
				public void accept(MediaInputs.Frame f, FaceAnalyzer.Analysis analysis) throws IOException {
					FaceAnalyzer.writeAnnotated(analysis, f.raster(), out.resolve(f.file().getFileName() + ".png"));
				}

				@Override
				public void failed(Path file, Exception e) {
					failures[0]++;
				}
			}, Progress.NONE);
			double pipelinedMs = (System.nanoTime() - start) / 1e6 / frames;
			JsonObject r = new JsonObject();
			r.addProperty("type", "analyze-stream");
			r.addProperty("frames", frames);
			r.addProperty("sequentialMs", sequentialMs);
			r.addProperty("pipelinedMs", pipelinedMs);
			r.addProperty("failures", failures[0]);
			emit(r);
		} finally {
			try (Stream<Path> files = Files.walk(dir)) {
				files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	/** A gray 640×480 scene with n demo faces (with some margin) on a 3×2 grid. */
	ImageRaster scene(Path demo, List<Face> faces, int n) throws IOException {
		BufferedImage canvas = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = canvas.createGraphics();
		g.setColor(new Color(128, 128, 128));
		g.fillRect(0, 0, 640, 480);
		Map<String, BufferedImage> photos = new HashMap<>();
		for (int i = 0; i < n; i++) {
			Face f = faces.get(i * 3 % faces.size());
			BufferedImage photo = photos.computeIfAbsent(f.image(), name -> {
				try {
					return ImageIO.read(demo.resolve(name).toFile());
				} catch (IOException e) {
					throw new java.io.UncheckedIOException(e);
				}
			});
			int w = f.x2() - f.x1(), h = f.y2() - f.y1();
			int mx = w / 3, my = h / 3;
			int x1 = Math.max(0, f.x1() - mx), y1 = Math.max(0, f.y1() - my);
			int x2 = Math.min(photo.getWidth(), f.x2() + mx), y2 = Math.min(photo.getHeight(), f.y2() + my);
			int cell = 150;
			int cx = 30 + (i % 3) * 205, cy = 40 + (i / 3) * 220;
			double scale = cell / (double) Math.max(x2 - x1, y2 - y1);
			g.drawImage(photo, cx, cy, cx + (int) ((x2 - x1) * scale), cy + (int) ((y2 - y1) * scale), x1, y1, x2, y2, null);
		}
		g.dispose();
		return ImageFiles.toRaster(canvas, false);
	}

	private static final int WARM_UP_FRAMES = 15;

	double median(FaceDetector detector, ImageRaster image, int frames) throws Exception {
		// many frames, not one: the detectors' Java loops reach C2-compiled speed only after ten or more
		for (int i = 0; i < WARM_UP_FRAMES; i++) {
			detector.detect(image);
		}
		double[] times = new double[frames];
		for (int i = 0; i < frames; i++) {
			long start = System.nanoTime();
			detector.detect(image);
			times[i] = (System.nanoTime() - start) / 1e6;
		}
		return median(times);
	}

	double median(double[] values) {
		double[] sorted = values.clone();
		java.util.Arrays.sort(sorted);
		return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
	}

	void delete(Path dir) throws IOException {
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
	}
}
