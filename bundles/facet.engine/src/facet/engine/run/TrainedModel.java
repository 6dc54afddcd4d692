package facet.engine.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import facet.core.ExpressionClass;
import facet.core.FaceBox;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.Progress;
import facet.core.Sample;
import facet.core.experiment.ExperimentException;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.Run;
import facet.core.spi.Dataset;
import facet.core.spi.ImageOperation;
import facet.engine.data.DataPipeline;
import facet.engine.data.HostBatch;
import facet.engine.data.PipelineDataset;
import facet.engine.data.PipelineModules;
import facet.engine.train.Checkpoints;
import facet.nn.api.ClassifierHead;
import facet.nn.api.ExpressionNetwork;
import facet.platform.djl.graph.LayerGraph;

/**
 * A trained network ready to classify face crops: rebuilt from a run's experiment and
 * {@code model.json}, with the parameters of its best checkpoint, fed exactly as in training
 * (the experiment's preprocessors, the training split's normalization). Not thread-safe; close it.
 */
public final class TrainedModel implements AutoCloseable {

	private final ExperimentSpec spec;
	private final ModelInfo info;
	private final List<ImageOperation> preprocessors;
	/** The network as one graph for {@link #predict}, when all its blocks are {@code GraphLayers}; else null. */
	private final LayerGraph compiled;
	private final Model model;
	private final Trainer trainer;
	private final ExpressionNetwork network;
	private final String source;
	private final Optional<Path> checkpoint;

	private TrainedModel(ExperimentSpec spec, ModelInfo info, List<ImageOperation> preprocessors, Model model, Trainer trainer,
			ExpressionNetwork network, LayerGraph compiled, String source, Optional<Path> checkpoint) {
		this.checkpoint = checkpoint;
		this.spec = spec;
		this.info = info;
		this.preprocessors = preprocessors;
		this.model = model;
		this.trainer = trainer;
		this.network = network;
		this.compiled = compiled;
		this.source = source;
	}

	/**
	 * Opens a run's best checkpoint (or its last, when no best was kept).
	 *
	 * @throws IOException naming the run folder and what is missing or does not fit
	 */
	public static TrainedModel open(Path runFolder, ModuleRegistry registry) throws IOException {
		Path experiment = runFolder.resolve(Run.EXPERIMENT_FILE);
		if (!Files.isRegularFile(experiment)) {
			throw new IOException(runFolder + " is not a run: it has no " + Run.EXPERIMENT_FILE);
		}
		ExperimentSpec spec;
		try {
			spec = ExperimentFormat.read(experiment);
		} catch (ExperimentException e) {
			throw new IOException(e.getMessage(), e);
		}
		ModelInfo info = ModelInfo.read(runFolder);
		Path checkpoint = runFolder.resolve("checkpoints/best");
		if (!Files.isDirectory(checkpoint)) {
			Optional<Path> last = new Checkpoints(runFolder).last();
			checkpoint = last.orElseThrow(() -> new IOException(runFolder + " has no checkpoint yet: train or resume it first"));
		}
		return build(spec, info, Optional.of(checkpoint), registry, runFolder.toString());
	}

	/**
	 * Builds a model whose weights come with its modules (a pretrained backbone), from an
	 * experiment file and a fixed input shape, without any checkpoint.
	 */
	public static TrainedModel pretrained(ExperimentSpec spec, ModelInfo info, ModuleRegistry registry, String source) throws IOException {
		return build(spec, info, Optional.empty(), registry, source);
	}

	private static TrainedModel build(ExperimentSpec spec, ModelInfo info, Optional<Path> checkpoint, ModuleRegistry registry,
			String source) throws IOException {
		Model model = Model.newInstance("facet-predict");
		try {
			NetworkBuilder builder = new NetworkBuilder(registry);
			ExpressionNetwork network = builder.network(spec, info.channels());
			model.setBlock(network);
			Shape input = new Shape(1, info.channels(), info.height(), info.width());
			if (checkpoint.isPresent()) {
				network.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, input);
				Checkpoints.load(checkpoint.get(), network, null, model.getNDManager());
			}
			Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()));
			trainer.initialize(input);
			List<ImageOperation> pre = PipelineModules.operations(registry, ModuleKind.PREPROCESSOR, spec.preprocessors());
			// networks whose blocks can say what they compute predict through one compiled graph
			LayerGraph compiled = network.compile(model.getNDManager()).orElse(null);
			return new TrainedModel(spec, info, pre, model, trainer, network, compiled, source, checkpoint);
		} catch (ModuleException | RuntimeException e) {
			model.close();
			throw new IOException(source + ": cannot rebuild the network: " + e.getMessage(), e);
		}
	}

	/** The checkpoint folder the parameters came from; empty for a pretrained model. */
	public Optional<Path> checkpoint() {
		return checkpoint;
	}

	public ExperimentSpec experiment() {
		return spec;
	}

	public ModelInfo info() {
		return info;
	}

	public ExpressionNetwork network() {
		return network;
	}

	public Trainer trainer() {
		return trainer;
	}

	/** Where the model came from (a run folder or "pretrained …"), for messages and JSON. */
	public String source() {
		return source;
	}

	/**
	 * Classifies face crops of any size: each is scaled to the network's input, converted to its
	 * channels, preprocessed and normalized as in training.
	 *
	 * @return per face, the probability of each class in canonical order
	 */
	public List<float[]> predict(List<ImageRaster> faces) throws IOException {
		if (faces.isEmpty()) {
			return new ArrayList<>();
		}
		try (DataPipeline pipeline = cropPipeline(faces, 32)) {
			return classify(pipeline);
		}
	}

	/** Preprocessor modules that place the face themselves from its box and landmarks. */
	private static final Set<String> FACE_PLACING = Set.of("align", "crop");

	/**
	 * Whether the experiment's preprocessing places the face itself ({@code align} to the
	 * landmarks, or {@code crop} to the box): such a model wants the whole picture and the
	 * detected face, as its training data came, rather than a crop (see
	 * {@link #predict(ImageRaster, List)}).
	 */
	public boolean placesFaces() {
		return spec.preprocessors().stream().anyMatch(p -> FACE_PLACING.contains(p.id()));
	}

	/**
	 * Classifies detected faces of one picture through the experiment's own preprocessing with
	 * each face's box and landmarks, so that a model trained with {@code align} sees its faces
	 * aligned exactly as in training.
	 *
	 * @return per face, the probability of each class in canonical order
	 */
	public List<float[]> predict(ImageRaster picture, List<FaceBox> faces) throws IOException {
		if (faces.isEmpty()) {
			return new ArrayList<>();
		}
		List<ImageRaster> pictures = new ArrayList<>();
		List<Optional<FaceBox>> boxes = new ArrayList<>();
		for (FaceBox face : faces) {
			pictures.add(picture);
			boxes.add(Optional.of(face));
		}
		try (DataPipeline pipeline = pipeline(pictures, boxes, 32)) {
			return classify(pipeline);
		}
	}

	private List<float[]> classify(DataPipeline pipeline) throws IOException {
		List<float[]> result = new ArrayList<>();
		try (DataPipeline.Epoch epoch = pipeline.epoch(0, Progress.NONE)) {
			while (epoch.hasNext()) {
				HostBatch batch = epoch.next();
				try (ai.djl.ndarray.NDManager sub = trainer.getManager().newSubManager()) {
					NDArray data = PipelineDataset.images(sub, batch);
					NDList output = compiled != null ? compiled.forward(data) : trainer.evaluate(new NDList(data));
					float[] p = ClassifierHead.logits(output).softmax(1).toFloatArray();
					for (int i = 0; i < batch.size(); i++) {
						float[] row = new float[ExpressionClass.COUNT];
						System.arraycopy(p, i * ExpressionClass.COUNT, row, 0, ExpressionClass.COUNT);
						result.add(row);
					}
				}
			}
		}
		return result;
	}

	/**
	 * The network's input for face crops of any size, prepared exactly as {@link #predict} prepares
	 * them: {@code (N, C, H, W)} float32 in {@code manager}, for callers that run the network
	 * themselves (heatmaps).
	 */
	public NDArray input(List<ImageRaster> faces, ai.djl.ndarray.NDManager manager) throws IOException {
		if (faces.isEmpty()) {
			throw new IllegalArgumentException("no face crops to prepare");
		}
		try (DataPipeline pipeline = cropPipeline(faces, faces.size()); DataPipeline.Epoch epoch = pipeline.epoch(0, Progress.NONE)) {
			HostBatch batch = epoch.next();
			return PipelineDataset.images(manager, batch);
		}
	}

	/** Face crops, each scaled to the network's input first, without a face box. */
	private DataPipeline cropPipeline(List<ImageRaster> crops, int batchSize) throws IOException {
		List<ImageRaster> fitted = new ArrayList<>();
		List<Optional<FaceBox>> none = new ArrayList<>();
		for (ImageRaster crop : crops) {
			fitted.add(fit(crop));
			none.add(Optional.empty());
		}
		return pipeline(fitted, none, batchSize);
	}

	private DataPipeline pipeline(List<ImageRaster> pictures, List<Optional<FaceBox>> faces, int batchSize) throws IOException {
		Map<String, ImageRaster> images = new LinkedHashMap<>();
		List<Sample> samples = new ArrayList<>();
		for (int i = 0; i < pictures.size(); i++) {
			String id = "face-" + i;
			images.put(id, pictures.get(i));
			samples.add(new Sample(id, "predict", ExpressionClass.NEUTRAL, faces.get(i)));
		}
		Dataset inMemory = new Dataset() {
			@Override
			public Map<String, List<Sample>> splits() {
				return Map.of("predict", samples);
			}

			@Override
			public ImageRaster load(Sample sample) {
				return images.get(sample.id());
			}
		};
		List<ImageOperation> operations = new ArrayList<>(preprocessors);
		// a whole picture leaves the experiment's preprocessing at the network's input size only
		// when the experiment ends in a resize or align of that size; otherwise fit it here
		operations.add((image, face, random) -> new ImageOperation.Result(
				image.width() == info.width() && image.height() == info.height() ? image : ImageFiles.resize(image, info.width(), info.height()),
				face));
		// one batch is prepared on the caller's thread: starting a worker thread per call and handing
		// it the crops costs more than preparing them (32 48×48 crops: ~1 ms against ~0.2 ms); more
		// batches get a worker that prepares the next while the network runs on this one
		return DataPipeline.builder(inMemory).split("predict").preprocessors(operations).augment(false).shuffle(false)
				.batchSize(batchSize).threads(pictures.size() > batchSize ? 1 : 0).cacheBytes(0).channels(info.channels())
				.statistics(info.statistics()).build();
	}

	/** The crop at the network's input size; the pipeline converts its channels (BT.601, as the training data saw). */
	private ImageRaster fit(ImageRaster face) {
		return ImageFiles.resize(face, info.width(), info.height());
	}

	@Override
	public void close() {
		if (compiled != null) {
			compiled.close();
		}
		trainer.close();
		model.close();
	}
}
