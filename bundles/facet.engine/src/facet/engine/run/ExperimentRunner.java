package facet.engine.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

import com.google.gson.JsonObject;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import facet.core.Progress;
import facet.core.experiment.ExperimentException;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.experiment.ExperimentValidator;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.Run;
import facet.core.runs.RunEnvironment;
import facet.core.runs.RunStatus;
import facet.core.runs.RunStore;
import facet.core.spi.Dataset;
import facet.core.spi.DatasetFactory;
import facet.engine.ComputeEngine;
import facet.engine.ComputeEngines;
import facet.engine.data.DataPipeline;
import facet.engine.data.PipelineModules;
import facet.engine.eval.EvaluationFiles;
import facet.engine.eval.Flops;
import facet.engine.train.Checkpoints;
import facet.engine.train.TrainingException;
import facet.engine.train.TrainingLoop;
import facet.engine.traditional.TraditionalRunner;
import facet.nn.api.ExpressionNetwork;
import facet.nn.api.WeightedSumLoss;

/**
 * Runs an experiment end to end, the same for the command line and the workbench: validate,
 * create the run, build data pipelines and the network from the installed modules, train with
 * checkpoints, evaluate the best checkpoint on the validation and test splits, and record
 * everything in the run folder. A failure or a cancel is recorded in the run, never lost.
 */
public final class ExperimentRunner {

	/** The split names the runner uses; datasets without them get stratified splits from their readers. */
	public static final String TRAIN = "train";
	public static final String VALIDATION = "val";
	public static final String TEST = "test";

	private final ModuleRegistry registry;
	private final int threads;

	public ExperimentRunner(ModuleRegistry registry) {
		this(registry, Math.max(1, Runtime.getRuntime().availableProcessors()));
	}

	/** @param threads data pipeline threads */
	public ExperimentRunner(ModuleRegistry registry, int threads) {
		this.registry = registry;
		this.threads = threads;
	}

	/** The result of {@link #train} or {@link #resume}. */
	public record Result(Run run, RunStatus status, String message, Map<String, Double> testMetrics) {
	}

	/**
	 * Creates a run for the experiment and trains it.
	 *
	 * @throws ExperimentException when the experiment is invalid (no run is created)
	 */
	public Result train(ExperimentSpec spec, RunStore store, Progress progress) throws ExperimentException, IOException {
		if (spec.isTraditional()) {
			// features -> classifier experiments write the same run folder through their own runner
			try {
				Run run = new TraditionalRunner(registry, threads).run(spec, store, progress);
				return new Result(run, run.info().status(), run.info().message().orElse(""), readTestMetrics(run));
			} catch (ModuleException e) {
				throw new IOException(e.getMessage(), e);
			}
		}
		new ExperimentValidator(registry).requireValid(spec, spec.name());
		ComputeEngine engine = ComputeEngines.open();
		Run run = store.create(spec, RunEnvironment.current(engine.name(), engine.version(), moduleBundles(spec)));
		return execute(run, spec, progress);
	}

	/** Continues a run from its last checkpoint (or starts it, if it had none). */
	public Result resume(Run run, Progress progress) throws ExperimentException, IOException {
		ExperimentSpec spec = ExperimentFormat.read(run.folder().resolve(Run.EXPERIMENT_FILE));
		new ExperimentValidator(registry).requireValid(spec, run.folder().resolve(Run.EXPERIMENT_FILE).toString());
		if (spec.isTraditional()) {
			throw new IOException(run.id() + " is a features -> classifier run, which trains in one step and has no checkpoint to resume from; train it again");
		}
		if (run.info().status() == RunStatus.COMPLETED) {
			return new Result(run, RunStatus.COMPLETED, "already completed", readTestMetrics(run));
		}
		run.restart();
		return execute(run, spec, progress);
	}

	private Result execute(Run run, ExperimentSpec spec, Progress progress) throws IOException {
		try (Prepared prepared = prepare(spec, progress)) {
			ExpressionNetwork network = new NetworkBuilder(registry).network(spec, prepared.shape()[0]);
			WeightedSumLoss loss = new NetworkBuilder(registry).loss(spec);
			NetworkBuilder.checkEmbedding(loss, network);
			new ModelInfo(prepared.shape()[0], prepared.shape()[1], prepared.shape()[2], prepared.train().statistics(), 0).write(run);
			Shape input = new Shape(1, prepared.shape()[0], prepared.shape()[1], prepared.shape()[2]);
			TrainingLoop.Setup setup = new TrainingLoop.Setup(network, loss, input, spec.optimizer(), spec.schedule(), spec.epochs(),
					spec.seed(), new PipelineBatches(prepared.train(), Progress.NONE),
					prepared.validation().map(v -> new PipelineBatches(v, Progress.NONE)), spec.earlyStopping().patience(),
					spec.earlyStopping().metric());
			TrainingLoop.Outcome outcome = new TrainingLoop().train(setup, run, progress);
			if (outcome.cancelled()) {
				run.finish(RunStatus.CANCELLED, "cancelled after " + outcome.completedEpochs() + " of " + spec.epochs()
						+ " epochs; resume with: facet resume " + run.id());
				return new Result(run, RunStatus.CANCELLED, run.info().message().orElse(""), Map.of());
			}
			Map<String, Double> test = evaluateBest(run, spec, prepared, network, loss);
			String message = outcome.stoppedEarly() ? "stopped early after " + outcome.completedEpochs() + " of " + spec.epochs() + " epochs: validation "
					+ spec.earlyStopping().metric() + " did not improve for " + spec.earlyStopping().patience() + " epochs (best: epoch "
					+ outcome.bestEpoch() + ")" : null;
			run.finish(RunStatus.COMPLETED, message);
			return new Result(run, RunStatus.COMPLETED, message == null ? "" : message, test);
		} catch (CancellationException e) {
			run.finish(RunStatus.CANCELLED, "cancelled while preparing the data; resume with: facet resume " + run.id());
			return new Result(run, RunStatus.CANCELLED, run.info().message().orElse(""), Map.of());
		} catch (TrainingException | ModuleException | IllegalArgumentException | IllegalStateException e) {
			run.finish(RunStatus.FAILED, e.getMessage());
			return new Result(run, RunStatus.FAILED, e.getMessage(), Map.of());
		} catch (IOException | RuntimeException e) {
			run.finish(RunStatus.FAILED, e.toString());
			throw e;
		}
	}

	/** The pipelines of the three splits. */
	private record Prepared(DataPipeline train, Optional<DataPipeline> validation, Optional<DataPipeline> test, int[] shape)
			implements AutoCloseable {
		@Override
		public void close() {
			train.close();
			validation.ifPresent(DataPipeline::close);
			test.ifPresent(DataPipeline::close);
		}
	}

	private Prepared prepare(ExperimentSpec spec, Progress progress) throws ModuleException, IOException {
		ModuleDescriptor datasetModule = registry.get(ModuleKind.DATASET, spec.dataset().id());
		Dataset dataset = datasetModule.factory(DatasetFactory.class).create(datasetModule.settings(spec.dataset().params()));
		Map<String, ?> splits = dataset.splits();
		if (!splits.containsKey(TRAIN)) {
			throw new ModuleException("dataset '" + spec.dataset().id() + "' has no \"train\" split (it has " + splits.keySet()
					+ "); use its resplit parameter to divide it");
		}
		var pre = PipelineModules.operations(registry, ModuleKind.PREPROCESSOR, spec.preprocessors());
		var aug = PipelineModules.operations(registry, ModuleKind.AUGMENTATION, spec.augmentations());
		DataPipeline train = DataPipeline.builder(dataset).split(TRAIN).preprocessors(pre).augmentations(aug).batchSize(spec.batchSize())
				.seed(spec.seed()).threads(threads).build();
		train.prepare(progress);
		Optional<DataPipeline> validation = Optional.empty();
		Optional<DataPipeline> test = Optional.empty();
		if (splits.containsKey(VALIDATION)) {
			validation = Optional.of(DataPipeline.builder(dataset).split(VALIDATION).preprocessors(pre).augment(false).shuffle(false)
					.batchSize(spec.batchSize()).seed(spec.seed()).threads(threads).statistics(train.statistics()).build());
		}
		if (splits.containsKey(TEST)) {
			test = Optional.of(DataPipeline.builder(dataset).split(TEST).preprocessors(pre).augment(false).shuffle(false)
					.batchSize(spec.batchSize()).seed(spec.seed()).threads(threads).statistics(train.statistics()).build());
		}
		return new Prepared(train, validation, test, train.shape());
	}

	private Map<String, Double> evaluateBest(Run run, ExperimentSpec spec, Prepared prepared, ExpressionNetwork network,
			WeightedSumLoss loss) throws IOException {
		Path best = run.folder().resolve("checkpoints/best");
		Map<String, Double> result = new LinkedHashMap<>();
		try (Model model = Model.newInstance("facet-eval")) {
			model.setBlock(network);
			if (Files.isDirectory(best)) {
				// the loss reported for the best checkpoint uses the centres it was trained with
				Checkpoints.load(best, network, null, loss, model.getNDManager());
			}
			try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss))) {
				int[] s = prepared.shape();
				trainer.initialize(new Shape(1, s[0], s[1], s[2]));
				long parameters = network.getParameters().values().stream().filter(p -> p.getArray() != null)
						.mapToLong(p -> p.getArray().size()).sum();
				for (var split : List.of(Map.entry(VALIDATION, prepared.validation()), Map.entry(TEST, prepared.test()))) {
					if (split.getValue().isEmpty()) {
						continue;
					}
					long start = System.nanoTime();
					TrainingLoop.Evaluation evaluation = TrainingLoop.evaluate(trainer, loss, new PipelineBatches(split.getValue().get(), Progress.NONE));
					double seconds = (System.nanoTime() - start) / 1e9;
					JsonObject extra = new JsonObject();
					extra.addProperty("loss", evaluation.loss());
					extra.addProperty("parameters", parameters);
					extra.addProperty("flops", Flops.perImage(network));
					extra.addProperty("msPerImage", 1000 * seconds / Math.max(1, evaluation.predictions().size()));
					extra.addProperty("checkpoint", Files.isDirectory(best) ? "best" : "last");
					EvaluationFiles.write(run, split.getKey(), evaluation.predictions(), extra);
					if (split.getKey().equals(TEST)) {
						result.put("accuracy", evaluation.metrics().accuracy());
						result.put("macroF1", evaluation.metrics().macroF1());
					}
				}
				ModelInfo info = ModelInfo.read(run.folder());
				new ModelInfo(info.channels(), info.height(), info.width(), info.statistics(), parameters).write(run);
			}
		}
		return result;
	}

	/**
	 * Evaluates a run's best checkpoint on a split of its own dataset or of another experiment's
	 * dataset, and writes the evaluation files under {@code name}.
	 *
	 * @param dataFrom the experiment whose dataset to use; empty for the run's own
	 * @param split the split of that dataset
	 * @param name the name of the evaluation files ({@code evaluation-NAME.json}, {@code predictions-NAME.csv})
	 */
	public ClassificationResult evaluate(Run run, Optional<ExperimentSpec> dataFrom, String split, String name, Progress progress)
			throws IOException, ModuleException {
		ModelInfo info = ModelInfo.read(run.folder());
		try (TrainedModel model = TrainedModel.open(run.folder(), registry)) {
			ExperimentSpec spec = model.experiment();
			ExperimentSpec data = dataFrom.orElse(spec);
			ModuleDescriptor datasetModule = registry.get(ModuleKind.DATASET, data.dataset().id());
			Dataset dataset = datasetModule.factory(DatasetFactory.class).create(datasetModule.settings(data.dataset().params()));
			if (!dataset.splits().containsKey(split)) {
				throw new ModuleException("dataset '" + data.dataset().id() + "' has no split \"" + split + "\"; it has " + dataset.splits().keySet());
			}
			var pre = PipelineModules.operations(registry, ModuleKind.PREPROCESSOR, spec.preprocessors());
			try (DataPipeline pipeline = DataPipeline.builder(dataset).split(split).preprocessors(pre).augment(false).shuffle(false)
					.batchSize(spec.batchSize()).threads(threads).channels(info.channels()).statistics(info.statistics()).build()) {
				pipeline.prepare(progress);
				int[] shape = pipeline.shape();
				if (shape[1] != info.height() || shape[2] != info.width()) {
					throw new ModuleException("the " + split + " images are " + shape[2] + "x" + shape[1] + " after preprocessing; the network of "
							+ run.id() + " takes " + info.width() + "x" + info.height() + " (add a resize preprocessor)");
				}
				WeightedSumLoss loss = new NetworkBuilder(registry).loss(spec);
				if (model.checkpoint().isPresent()) {
					// a center loss's value needs the centres learned with these parameters
					Checkpoints.loadLossState(model.checkpoint().get(), loss);
				}
				long start = System.nanoTime();
				TrainingLoop.Evaluation evaluation = TrainingLoop.evaluate(model.trainer(), loss, new PipelineBatches(pipeline, progress));
				double seconds = (System.nanoTime() - start) / 1e9;
				JsonObject extra = new JsonObject();
				extra.addProperty("loss", evaluation.loss());
				extra.addProperty("parameters", info.parameters());
				extra.addProperty("flops", Flops.perImage(model.network()));
				extra.addProperty("msPerImage", 1000 * seconds / Math.max(1, evaluation.predictions().size()));
				extra.addProperty("dataset", data.dataset().id());
				EvaluationFiles.write(run, name, evaluation.predictions(), extra);
				return new ClassificationResult(evaluation.metrics().accuracy(), evaluation.metrics().macroF1(), evaluation.predictions().size());
			}
		}
	}

	/** Headline numbers of an evaluation. */
	public record ClassificationResult(double accuracy, double macroF1, int count) {
	}

	private static Map<String, Double> readTestMetrics(Run run) {
		try {
			JsonObject o = EvaluationFiles.readEvaluation(run.folder(), TEST);
			return Map.of("accuracy", o.get("accuracy").getAsDouble(), "macroF1", o.get("macroF1").getAsDouble());
		} catch (IOException | RuntimeException e) {
			return Map.of();
		}
	}

	/** The contributing bundle and version of every module the experiment uses. */
	private Map<String, String> moduleBundles(ExperimentSpec spec) {
		Map<String, String> bundles = new LinkedHashMap<>();
		java.util.function.BiConsumer<ModuleKind, String> add = (kind, id) -> registry.find(kind, id)
				.ifPresent(m -> bundles.put(m.bundle(), m.version()));
		add.accept(ModuleKind.DATASET, spec.dataset().id());
		spec.detector().ifPresent(d -> add.accept(ModuleKind.DETECTOR, d.id()));
		spec.preprocessors().forEach(m -> add.accept(ModuleKind.PREPROCESSOR, m.id()));
		spec.augmentations().forEach(m -> add.accept(ModuleKind.AUGMENTATION, m.id()));
		add.accept(ModuleKind.BACKBONE, spec.backbone().module().id());
		spec.backbone().attention().forEach(a -> add.accept(ModuleKind.ATTENTION, a.module().id()));
		add.accept(ModuleKind.HEAD, spec.head().id());
		spec.loss().forEach(t -> add.accept(ModuleKind.LOSS, t.module().id()));
		return bundles;
	}
}
