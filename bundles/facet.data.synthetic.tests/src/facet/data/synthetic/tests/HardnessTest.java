package facet.data.synthetic.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import facet.data.synthetic.internal.Difficulty;
import facet.data.synthetic.internal.FaceGenerator;
import facet.data.synthetic.internal.GeneratorOptions;
import facet.data.synthetic.internal.SamplePlan;
import facet.data.synthetic.internal.SampleSpec;

/**
 * The set must be hard at the default difficulty: a linear model on raw pixels stays far from
 * solving it, a small nonlinear model on shift- and light-invariant features does clearly
 * better, and neither comes near 100 %. Test subjects never appear in training.
 */
class HardnessTest {

	@Test
	void linearOnPixelsIsClearlyBelowAnMlpOnHogAndNeitherSolvesIt() {
		GeneratorOptions options = new GeneratorOptions(48, 260, Difficulty.DEFAULT, 1, 0.15, 11, 120, 0, 0.25, 0, 320, 240);
		SamplePlan plan = new SamplePlan(options);
		FaceGenerator generator = new FaceGenerator(options);
		List<SampleSpec> train = plan.splits().get("train");
		List<SampleSpec> test = plan.splits().get("test");
		byte[][] trainImages = train.parallelStream().map(s -> generator.render(s).image().pixels()).toArray(byte[][]::new);
		byte[][] testImages = test.parallelStream().map(s -> generator.render(s).image().pixels()).toArray(byte[][]::new);
		int[] trainLabels = train.stream().mapToInt(s -> s.label().ordinal()).toArray();
		int[] testLabels = test.stream().mapToInt(s -> s.label().ordinal()).toArray();

		float[][] pixelsTrain = Arrays.stream(trainImages).map(SmallClassifiers::pixels).toArray(float[][]::new);
		float[][] pixelsTest = Arrays.stream(testImages).map(SmallClassifiers::pixels).toArray(float[][]::new);
		SmallClassifiers.standardise(pixelsTrain, pixelsTest);
		double linear = SmallClassifiers.trainAndTest(pixelsTrain, trainLabels, pixelsTest, testLabels, 7, 0, 12, 0.002, 1e-3, 1);

		float[][] hogTrain = Arrays.stream(trainImages).map(p -> SmallClassifiers.hog(p, 48, 6)).toArray(float[][]::new);
		float[][] hogTest = Arrays.stream(testImages).map(p -> SmallClassifiers.hog(p, 48, 6)).toArray(float[][]::new);
		SmallClassifiers.standardise(hogTrain, hogTest);
		double mlp = SmallClassifiers.trainAndTest(hogTrain, trainLabels, hogTest, testLabels, 7, 64, 10, 0.01, 1e-4, 1);

		System.out.printf("synthetic, default difficulty, %d train / %d test faces of unseen subjects: linear on pixels %.1f %%, MLP on HOG %.1f %% (chance 14.3 %%)%n",
				train.size(), test.size(), 100 * linear, 100 * mlp);
		assertTrue(linear > 0.17, "the linear model should beat chance: " + linear);
		assertTrue(mlp > linear + 0.08, "MLP on HOG " + mlp + " should clearly beat linear on pixels " + linear);
		assertTrue(linear < 0.5 && mlp < 0.8, "the default set is meant to be hard: linear " + linear + ", MLP " + mlp);
	}
}
