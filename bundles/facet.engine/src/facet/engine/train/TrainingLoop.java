package facet.engine.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import facet.core.ExpressionClass;
import facet.core.Progress;
import facet.core.eval.ClassificationMetrics;
import facet.core.eval.Prediction;
import facet.core.experiment.EarlyStoppingSpec;
import facet.core.experiment.OptimizerSpec;
import facet.core.experiment.ScheduleSpec;
import facet.core.runs.Run;
import facet.nn.api.FacetLoss;

/**
 * Facet's training loop on DJL: one pass per epoch over the training batches, evaluation on the
 * validation batches, metrics appended to the run, a checkpoint after every epoch and of the best
 * one. Resumable: with the same seed, a run resumed from a checkpoint ends with the same
 * parameters as one that never stopped, because the batch order, the engine's random state
 * (dropout) and the learning rate are functions of (seed, epoch), and the optimizer's state is in
 * the checkpoint, with the loss's own state (the centres of center and island loss).
 */
public final class TrainingLoop {

	/**
	 * What to train and how.
	 *
	 * @param earlyStoppingPatience epochs without improvement of the monitored metric before stopping; 0 never stops early
	 * @param monitor the metric ({@link EarlyStoppingSpec#METRICS}) of the validation split (of the training batches when there
	 *        is none) that picks the best checkpoint, drives the plateau schedule and early stopping
	 */
	public record Setup(Block network, Loss loss, Shape inputShape, OptimizerSpec optimizer, ScheduleSpec schedule, int epochs,
			long seed, BatchSource train, Optional<BatchSource> validation, int earlyStoppingPatience, String monitor) {

		public Setup {
			if (!EarlyStoppingSpec.METRICS.contains(monitor)) {
				throw new IllegalArgumentException("the monitored metric must be one of " + EarlyStoppingSpec.METRICS + ", got '" + monitor + "'");
			}
		}

		/** Monitoring validation accuracy. */
		public Setup(Block network, Loss loss, Shape inputShape, OptimizerSpec optimizer, ScheduleSpec schedule, int epochs, long seed,
				BatchSource train, Optional<BatchSource> validation, int earlyStoppingPatience) {
			this(network, loss, inputShape, optimizer, schedule, epochs, seed, train, validation, earlyStoppingPatience, "accuracy");
		}
	}

	/** How the run ended. */
	public record Outcome(int completedEpochs, boolean cancelled, boolean stoppedEarly, double bestMetric, int bestEpoch) {
	}

	/**
	 * Per-batch {@link Progress#metrics} keys: the batch's loss, the epoch's running training
	 * accuracy, images per second so far in the epoch, and the estimated seconds left in the run.
	 */
	public static final java.util.List<String> BATCH_METRICS = java.util.List.of("loss", "accuracy", "imagesPerSecond", "etaSeconds");

	/** Called after each optimizer step with (labels, predictions), before the batch is closed. */
	private final BiConsumer<NDList, NDList> afterStep;

	public TrainingLoop() {
		this((labels, predictions) -> {
		});
	}

	/** @param afterStep hook for losses with their own state (center loss centres) */
	public TrainingLoop(BiConsumer<NDList, NDList> afterStep) {
		this.afterStep = afterStep;
	}

	/**
	 * Trains, resuming from the run's last checkpoint when there is one.
	 *
	 * @throws TrainingException on a NaN or infinite loss (the last good checkpoint is kept)
	 */
	public Outcome train(Setup setup, Run run, Progress progress) throws TrainingException, IOException {
		Checkpoints checkpoints = new Checkpoints(run.folder());
		try (Model model = Model.newInstance("facet")) {
			model.setBlock(setup.network());
			FacetOptimizer optimizer = new FacetOptimizer(setup.optimizer(), model.getNDManager());
			DefaultTrainingConfig config = new DefaultTrainingConfig(setup.loss()).optOptimizer(optimizer)
					.optInitializer(new XavierInitializer(), ai.djl.nn.Parameter.Type.WEIGHT);
			Engine.getInstance().setRandomSeed((int) mix(setup.seed(), -1));
			Checkpoints.LoopState state = new Checkpoints.LoopState(0, 0, Double.NEGATIVE_INFINITY, -1, 0);
			Optional<Path> last = checkpoints.last();
			if (last.isPresent()) {
				// parameters are loaded before the trainer exists: its parameter store keeps the arrays
				// it first sees, and would go on training freshly initialized ones
				setup.network().initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, setup.inputShape());
				optimizer.bind(setup.network());
				state = Checkpoints.load(last.get(), setup.network(), optimizer, facetLoss(setup), model.getNDManager());
				truncateMetrics(run, state.completedEpochs());
			}
			try (Trainer trainer = model.newTrainer(config)) {
				trainer.initialize(setup.inputShape());
				optimizer.bind(setup.network());
				if (setup.loss() instanceof FacetLoss facetLoss) {
					// terms on the parameters (L2) need the network before the first batch
					facetLoss.bind(setup.network());
				}
				LearningRateSchedule schedule = new LearningRateSchedule(setup.schedule(), setup.optimizer().learningRate(), setup.epochs());
				int batches = setup.train().batchesPerEpoch();
				progress.begin("training " + run.id(), (long) batches * (setup.epochs() - state.completedEpochs()));
				boolean stoppedEarly = false;
				for (int epoch = state.completedEpochs(); epoch < setup.epochs(); epoch++) {
					// reseeded per epoch, so a resumed run draws the same dropout masks
					Engine.getInstance().setRandomSeed((int) mix(setup.seed(), epoch));
					double rate = schedule.rate(epoch, state.plateauDecays());
					optimizer.setLearningRate(rate);
					long start = System.nanoTime();
					double lossSum = 0;
					int seen = 0;
					int correct = 0;
					int batchIndex = 0;
					Iterator<Batch> it = setup.train().epoch(trainer.getManager(), epoch);
					while (it.hasNext()) {
						if (progress.isCanceled()) {
							// the last checkpoint is at a whole epoch: the run stays resumable
							return new Outcome(state.completedEpochs(), true, false, state.bestMetric(), state.bestEpoch());
						}
						try (Batch batch = it.next()) {
							NDList predictions;
							float value;
							NDArray loss;
							try (GradientCollector collector = trainer.newGradientCollector()) {
								predictions = trainer.forward(batch.getData(), batch.getLabels());
								loss = setup.loss().evaluate(batch.getLabels(), predictions);
								collector.backward(loss);
							}
							trainer.step();
							// read once backward and update are queued, so that the engine is never idle
							// waiting for this thread; a NaN step only spoils the weights in memory, the
							// checkpoints on disk stay as they were
							value = loss.getFloat();
							if (!Float.isFinite(value)) {
								throw new TrainingException("the loss became " + value + " at epoch " + (epoch + 1) + ", batch "
										+ (batchIndex + 1) + "; the run stopped and keeps its last good checkpoint ("
										+ (state.completedEpochs() == 0 ? "none yet" : "epoch " + state.completedEpochs())
										+ "). Lower the learning rate or enable gradient clipping.");
							}
							if (setup.loss() instanceof FacetLoss facetLoss) {
								// losses with their own state (center loss centres) update it after the step
								facetLoss.afterStep(batch.getLabels(), predictions);
							}
							afterStep.accept(batch.getLabels(), predictions);
							int n = (int) batch.getSize();
							lossSum += value * n;
							seen += n;
							correct += correctCount(predictions.head(), batch.getLabels().head());
							batchIndex++;
							double seconds = (System.nanoTime() - start) / 1e9;
							progress.worked(1, String.format("epoch %d/%d batch %d/%d loss %.4f", epoch + 1, setup.epochs(), batchIndex,
									batches, value));
							// ETA from this epoch's pace over the batches left in the run (validation passes not included)
							long left = (long) (batches - batchIndex) + (long) batches * (setup.epochs() - epoch - 1);
							progress.metrics(Map.of("loss", value, "accuracy", correct / (double) seen, "imagesPerSecond",
									seen / Math.max(1e-9, seconds), "etaSeconds", seconds / batchIndex * left));
						}
					}
					double seconds = (System.nanoTime() - start) / 1e9;
					Map<String, Object> record = new LinkedHashMap<>();
					record.put("epoch", epoch + 1);
					record.put("learningRate", rate);
					record.put("trainLoss", seen == 0 ? Double.NaN : lossSum / seen);
					record.put("trainAccuracy", seen == 0 ? Double.NaN : correct / (double) seen);
					record.put("imagesPerSecond", seen / Math.max(1e-9, seconds));
					record.put("seconds", seconds);
					// higher is better for every monitored value: the loss enters negated
					double metric = switch (setup.monitor()) {
						case "loss" -> seen == 0 ? Double.NEGATIVE_INFINITY : -lossSum / seen;
						default -> seen == 0 ? 0 : correct / (double) seen;
					};
					if (setup.validation().isPresent()) {
						Evaluation validation = evaluate(trainer, setup.loss(), setup.validation().get());
						record.put("valLoss", validation.loss());
						record.put("valAccuracy", validation.metrics().accuracy());
						record.put("valMacroF1", validation.metrics().macroF1());
						metric = switch (setup.monitor()) {
							case "loss" -> -validation.loss();
							case "macroF1" -> validation.metrics().macroF1();
							default -> validation.metrics().accuracy();
						};
					}
					boolean best = metric > state.bestMetric();
					int sinceBest = best ? 0 : state.epochsSinceBest() + 1;
					int decays = state.plateauDecays();
					if (schedule.usesPlateau() && sinceBest > 0 && sinceBest % Math.max(1, schedule.patience()) == 0) {
						decays++;
					}
					state = new Checkpoints.LoopState(epoch + 1, decays, best ? metric : state.bestMetric(), best ? epoch + 1 : state.bestEpoch(),
							sinceBest);
					run.appendMetrics(record);
					checkpoints.save(setup.network(), optimizer, facetLoss(setup), state, best);
					progress.metrics(numbers(record));
					if (setup.earlyStoppingPatience() > 0 && sinceBest >= setup.earlyStoppingPatience()) {
						stoppedEarly = true;
						break;
					}
				}
				return new Outcome(state.completedEpochs(), false, stoppedEarly, state.bestMetric(), state.bestEpoch());
			}
		}
	}

	/** The loss as a {@link FacetLoss}, whose own state (centres) goes into checkpoints; null for a plain DJL loss. */
	private static FacetLoss facetLoss(Setup setup) {
		return setup.loss() instanceof FacetLoss f ? f : null;
	}

	/** The result of evaluating a network on a split. */
	public record Evaluation(double loss, ClassificationMetrics metrics, List<Prediction> predictions) {
	}

	/** Evaluates in inference mode (BatchNorm running statistics, no dropout), keeping per-sample predictions. */
	public static Evaluation evaluate(Trainer trainer, Loss loss, BatchSource split) {
		List<Prediction> predictions = new ArrayList<>();
		double lossSum = 0;
		int seen = 0;
		Iterator<Batch> it = split.epoch(trainer.getManager(), 0);
		while (it.hasNext()) {
			try (Batch batch = it.next()) {
				NDList output = trainer.evaluate(batch.getData());
				lossSum += loss.evaluate(batch.getLabels(), output).getFloat() * batch.getSize();
				seen += (int) batch.getSize();
				predictions.addAll(predictions(batch, output.head()));
			}
		}
		return new Evaluation(seen == 0 ? Double.NaN : lossSum / seen, ClassificationMetrics.of(predictions), predictions);
	}

	/** Per-sample predictions of a batch from its logits. */
	public static List<Prediction> predictions(Batch batch, NDArray logits) {
		float[] probabilities = logits.softmax(1).toFloatArray();
		int[] labels = batch.getLabels().head().toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
		List<?> ids = batch.getIndices();
		List<Prediction> result = new ArrayList<>();
		int k = ExpressionClass.COUNT;
		for (int i = 0; i < labels.length; i++) {
			float[] p = new float[k];
			System.arraycopy(probabilities, i * k, p, 0, k);
			String id = ids != null && i < ids.size() ? String.valueOf(ids.get(i)) : "batch-sample-" + i;
			result.add(new Prediction(id, ExpressionClass.ofIndex(labels[i]), p));
		}
		return result;
	}

	private static int correctCount(NDArray logits, NDArray labels) {
		NDArray predicted = logits.argMax(1).toType(ai.djl.ndarray.types.DataType.INT32, false);
		NDArray truth = labels.reshape(-1).toType(ai.djl.ndarray.types.DataType.INT32, false);
		return (int) predicted.eq(truth).sum().getLong();
	}

	/** Drops metrics records of epochs after the checkpoint a run resumes from (written before a crash). */
	private static void truncateMetrics(Run run, int completedEpochs) throws IOException {
		List<com.google.gson.JsonObject> kept = new ArrayList<>();
		for (com.google.gson.JsonObject record : run.readMetrics()) {
			if (!record.has("epoch") || record.get("epoch").getAsInt() <= completedEpochs) {
				kept.add(record);
			}
		}
		StringBuilder text = new StringBuilder();
		kept.forEach(r -> text.append(r).append('\n'));
		run.writeFile(Run.METRICS_FILE, text.toString());
	}

	private static Map<String, Number> numbers(Map<String, Object> record) {
		Map<String, Number> values = new LinkedHashMap<>();
		record.forEach((k, v) -> {
			if (v instanceof Number n) {
				values.put(k, n);
			}
		});
		return values;
	}

	/** A 64-bit mix of the seed and the epoch (SplitMix64's finalizer), so nearby seeds give unrelated streams. */
	static long mix(long seed, long epoch) {
		long z = seed * 0x9E3779B97F4A7C15L + epoch + 0x632BE59BD9B4E019L;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return (z ^ (z >>> 31)) & 0x7fffffffL;
	}
}
