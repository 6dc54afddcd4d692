package facet.nn.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleSettings;
import facet.nn.api.ClassifierHead;
import facet.nn.api.ExpressionNetwork;
import facet.nn.api.StagedBackbone;
import facet.nn.api.WeightedSumLoss;

/**
 * A small network (separable backbone, CAM after stage 1, embedding head) trained on synthetic
 * 7-class images with the joint loss (cross-entropy + center + L2) learns, and its parameters
 * save and reload to identical predictions.
 */
class TrainingTest {

	private static final int CLASSES = 7;
	private static final int IMAGES = 280;
	private static final int SIDE = 24;
	private static final int BATCH = 32;
	private static final int STEPS = 30;

	private static ExpressionNetwork network() throws Exception {
		ModuleSettings settings = Nets.settings(ModuleKind.BACKBONE, "separable", Map.of("stages", 2, "width", 8));
		int channels = Nets.backbone("separable").stageChannels(settings, 1).get("stage1");
		Block cam = Nets.attention("cam", Map.of("reduction", 4), channels);
		StagedBackbone backbone = Nets.backbone("separable").create(settings, 1, Map.of("stage1", List.of(cam)));
		return new ExpressionNetwork(backbone, (ClassifierHead) Nets.head("embedding", Map.of("size", 16, "dropout", 0), CLASSES));
	}

	private static WeightedSumLoss loss() throws Exception {
		return new WeightedSumLoss(List.of(new WeightedSumLoss.Term("cross-entropy", 1, Nets.loss("cross-entropy", Map.of(), CLASSES)),
				new WeightedSumLoss.Term("center", 0.01, Nets.loss("center", Map.of(), CLASSES)),
				new WeightedSumLoss.Term("l2", 1e-4, Nets.loss("l2", Map.of(), CLASSES))));
	}

	@Test
	void lossFallsAndSavedParametersPredictTheSame() throws Exception {
		try (NDManager root = Nets.manager(); Model model = Model.newInstance("nn-training", Device.cpu(), "MXNet")) {
			// each class: its own fixed random pattern; each image: the pattern plus noise
			Random random = new Random(11);
			float[] patterns = new float[CLASSES * SIDE * SIDE];
			for (int i = 0; i < patterns.length; i++) {
				patterns[i] = (float) random.nextGaussian();
			}
			float[] pixels = new float[IMAGES * SIDE * SIDE];
			float[] labels = new float[IMAGES];
			for (int n = 0; n < IMAGES; n++) {
				int c = n % CLASSES;
				labels[n] = c;
				for (int p = 0; p < SIDE * SIDE; p++) {
					pixels[n * SIDE * SIDE + p] = patterns[c * SIDE * SIDE + p] + (float) (0.8 * random.nextGaussian());
				}
			}
			NDArray images = root.create(pixels, new Shape(IMAGES, 1, SIDE, SIDE));
			NDArray classes = root.create(labels);

			ExpressionNetwork network = network();
			WeightedSumLoss loss = loss();
			model.setBlock(network);
			DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
					.optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build()).optDevices(new Device[] { Device.cpu() });
			try (Trainer trainer = model.newTrainer(config)) {
				trainer.initialize(new Shape(BATCH, 1, SIDE, SIDE));
				loss.bind(network);
				float before = evaluate(network, loss, root, images, classes);
				for (int step = 0; step < STEPS; step++) {
					try (NDManager batch = root.newSubManager()) {
						int[] pick = new int[BATCH];
						for (int i = 0; i < BATCH; i++) {
							pick[i] = random.nextInt(IMAGES);
						}
						NDArray index = batch.create(pick);
						NDList x = new NDList(images.get(index));
						NDList y = new NDList(classes.get(index));
						NDList predictions;
						try (GradientCollector collector = trainer.newGradientCollector()) {
							predictions = trainer.forward(x);
							collector.backward(loss.evaluate(y, predictions));
						}
						trainer.step();
						loss.afterStep(y, predictions);
					}
				}
				float after = evaluate(network, loss, root, images, classes);
				assertTrue(after < 0.7f * before, "the joint loss did not fall: " + before + " -> " + after);

				ByteArrayOutputStream bytes = new ByteArrayOutputStream();
				network.saveParameters(new DataOutputStream(bytes));
				ExpressionNetwork reloaded = network();
				reloaded.loadParameters(root, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
				NDArray sample = images.get("0:20");
				NDList original = network.forward(new ParameterStore(root, false), new NDList(sample), false);
				NDList copy = reloaded.forward(new ParameterStore(root, false), new NDList(sample), false);
				assertTrue(original.get(0).contentEquals(copy.get(0)), "reloaded logits differ");
				assertTrue(original.get(1).contentEquals(copy.get(1)), "reloaded embeddings differ");
			}
		}
	}

	private static float evaluate(Block network, WeightedSumLoss loss, NDManager root, NDArray images, NDArray classes) {
		try (NDManager scope = root.newSubManager()) {
			NDList predictions = network.forward(new ParameterStore(scope, false), new NDList(images), false);
			return loss.evaluate(new NDList(classes), predictions).getFloat();
		}
	}
}
