package facet.platform.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;

/**
 * The MXNet engine embedded in facet.platform.djl works when called from another bundle:
 * registration, forward, backward and an optimizer step, all on the CPU and offline.
 */
class MxnetEngineTest {

	private static final int BATCH = 4;
	private static final int CLASSES = 7;
	private static final Shape INPUT = new Shape(BATCH, 1, 48, 48);

	private static Model model;
	private static Trainer trainer;

	@BeforeAll
	static void buildNetwork() {
		// A fixed seed makes the loss comparison below independent of the run.
		Engine.getEngine("MXNet").setRandomSeed(42);
		SequentialBlock net = new SequentialBlock()
				// No convolution bias: BatchNorm subtracts the batch mean, which would leave that bias a zero gradient.
				.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(8).optBias(false).build())
				.add(BatchNorm.builder().build())
				.add(Activation.reluBlock())
				.add(Pool.globalAvgPool2dBlock())
				.add(Blocks.batchFlattenBlock())
				.add(Linear.builder().setUnits(CLASSES).build());
		model = Model.newInstance("platform-probe", Device.cpu(), "MXNet");
		model.setBlock(net);
		DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
				.optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.5f)).build())
				.optDevices(new Device[] { Device.cpu() });
		trainer = model.newTrainer(config);
		trainer.initialize(INPUT);
	}

	@AfterAll
	static void close() {
		if (trainer != null) {
			trainer.close();
		}
		if (model != null) {
			model.close();
		}
	}

	@Test
	void engineIsRegisteredInsideOsgi() {
		Engine engine = Engine.getEngine("MXNet");
		assertEquals("MXNet", engine.getEngineName());
		assertTrue(engine.getVersion().startsWith("1.9"), "MXNet native version: " + engine.getVersion());
		assertTrue(Engine.getAllEngines().contains("MXNet"), "registered engines: " + Engine.getAllEngines());
	}

	@Test
	void slf4jHasAProvider() {
		// Without SPI Fly running before slf4j-api resolves its providers, SLF4J falls back to NOP and DJL's warnings vanish.
		String factory = LoggerFactory.getILoggerFactory().getClass().getName();
		assertFalse(factory.contains("NOP") || factory.contains("Substitute"), "SLF4J has no provider in OSGi: " + factory);
	}

	@Test
	void forwardPassGivesOneScorePerClass() {
		try (NDManager manager = trainer.getManager().newSubManager()) {
			// Inference mode, as a predictor runs it: MXNet refuses a training-mode BatchNorm outside a GradientCollector.
			NDList output = model.getBlock().forward(new ParameterStore(manager, false), new NDList(images(manager)), false);
			NDArray scores = output.singletonOrThrow();
			assertEquals(new Shape(BATCH, CLASSES), scores.getShape());
			assertEquals(DataType.FLOAT32, scores.getDataType());
		}
	}

	@Test
	void backwardPassReachesEveryParameter() {
		try (NDManager manager = trainer.getManager().newSubManager()) {
			NDArray x = images(manager);
			NDArray y = labels(manager);
			try (GradientCollector collector = trainer.newGradientCollector()) {
				NDArray scores = trainer.forward(new NDList(x)).singletonOrThrow();
				collector.backward(trainer.getLoss().evaluate(new NDList(y), new NDList(scores)));
			}
			int trainable = 0;
			for (Pair<String, Parameter> entry : model.getBlock().getParameters()) {
				Parameter parameter = entry.getValue();
				if (!parameter.requiresGradient()) {
					continue; // BatchNorm's running statistics
				}
				trainable++;
				float size = parameter.getArray().getGradient().abs().sum().getFloat();
				assertTrue(size > 0, "no gradient reached " + entry.getKey());
			}
			// conv weight, BatchNorm gamma and beta, linear weight and bias
			assertEquals(5, trainable);
		}
	}

	@Test
	void sgdStepsLowerTheLossOnAFixedBatch() {
		try (NDManager manager = trainer.getManager().newSubManager()) {
			NDArray x = images(manager);
			NDArray y = labels(manager);
			float before = trainStep(x, y);
			float after = before;
			for (int i = 0; i < 10; i++) {
				after = trainStep(x, y);
			}
			assertTrue(after < before, "loss did not fall: " + before + " -> " + after);
		}
	}

	/** One SGD step; returns the loss measured before it. */
	private static float trainStep(NDArray x, NDArray y) {
		float loss;
		try (GradientCollector collector = trainer.newGradientCollector()) {
			NDArray scores = trainer.forward(new NDList(x)).singletonOrThrow();
			NDArray value = trainer.getLoss().evaluate(new NDList(y), new NDList(scores));
			loss = value.getFloat();
			collector.backward(value);
		}
		trainer.step();
		return loss;
	}

	/** A deterministic batch whose four images differ, so that the labels can be learned. */
	private static NDArray images(NDManager manager) {
		NDArray ramp = manager.arange(0f, (float) INPUT.size()).reshape(INPUT).div(INPUT.size() / BATCH);
		return ramp.mul(3.7f).sin();
	}

	private static NDArray labels(NDManager manager) {
		return manager.create(new float[] { 0, 3, 5, 6 });
	}
}
