package facet.classifiers.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import facet.classifiers.SupportVectorMachine;
import facet.classifiers.internal.PairwiseCoupling;
import facet.core.Progress;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.spi.Classifier;
import facet.core.spi.ClassifierFactory;

class ClassifiersTest {

	private static final int CLASSES = 7;
	/** Labels used by the toy data; the others never occur in training. */
	private static final int[] PRESENT = { 0, 3, 5 };

	@TempDir
	Path dir;

	/** Three well separated Gaussian blobs in 6-D, {@code perClass} each. */
	static float[][] blobs(int perClass, long seed, int[] labelsOut) {
		SplittableRandom random = new SplittableRandom(seed);
		float[][] x = new float[PRESENT.length * perClass][6];
		for (int c = 0; c < PRESENT.length; c++) {
			for (int i = 0; i < perClass; i++) {
				int row = c * perClass + i;
				for (int j = 0; j < 6; j++) {
					double centre = j == c * 2 ? 4 : 0;
					x[row][j] = (float) (centre + 0.5 * random.nextGaussian());
				}
				labelsOut[row] = PRESENT[c];
			}
		}
		return x;
	}

	static Classifier create(String id, Map<String, ?> params) throws Exception {
		ModuleDescriptor module = ModuleRegistry.getDefault().get(ModuleKind.CLASSIFIER, id);
		assertEquals("facet.classifiers", module.bundle());
		return module.factory(ClassifierFactory.class).create(module.settings(params));
	}

	@ParameterizedTest
	@ValueSource(strings = { "svm", "svm-linear", "svm-auto", "knn", "logistic", "rtrees" })
	void learnsSeparableToyDataAndSurvivesSaveAndLoad(String variant) throws Exception {
		String id = variant.startsWith("svm") ? "svm" : variant;
		Map<String, ?> params = switch (variant) {
			case "svm-linear" -> Map.of("kernel", "linear");
			case "svm-auto" -> Map.of("autoTune", true, "folds", 3);
			case "rtrees" -> Map.of("trees", 30);
			default -> Map.of();
		};
		int[] trainLabels = new int[90];
		float[][] train = blobs(30, 1, trainLabels);
		int[] testLabels = new int[45];
		float[][] test = blobs(15, 2, testLabels);
		try (Classifier classifier = create(id, params)) {
			assertFalse(classifier.trained());
			classifier.fit(train, trainLabels, CLASSES, Progress.NONE);
			assertTrue(classifier.trained());
			assertEquals(6, classifier.featureLength());
			float[][] p = classifier.predictProbabilities(test);
			int correct = 0;
			for (int i = 0; i < test.length; i++) {
				assertEquals(CLASSES, p[i].length);
				double sum = 0;
				int best = 0;
				for (int c = 0; c < CLASSES; c++) {
					sum += p[i][c];
					best = p[i][c] > p[i][best] ? c : best;
				}
				assertEquals(1, sum, 1e-4, "probabilities sum to 1");
				assertEquals(0, p[i][1] + p[i][2] + p[i][4] + p[i][6], 1e-6, "classes never seen get nothing");
				correct += best == testLabels[i] ? 1 : 0;
			}
			assertTrue(correct >= 43, variant + ": " + correct + " of 45 right");

			Path file = dir.resolve(variant + ".xml");
			classifier.save(file);
			assertTrue(Files.size(file) > 0);
			try (Classifier loaded = create(id, params)) {
				loaded.load(file, CLASSES);
				assertEquals(6, loaded.featureLength());
				float[][] again = loaded.predictProbabilities(test);
				for (int i = 0; i < test.length; i++) {
					assertArrayEquals(p[i], again[i], 1e-5f, variant + " row " + i);
				}
			}
		}
	}

	@Test
	void misuseGetsClearErrors() throws Exception {
		int[] labels = new int[30];
		float[][] train = blobs(10, 3, labels);
		try (Classifier svm = create("svm", Map.of())) {
			IllegalStateException early = assertThrows(IllegalStateException.class, () -> svm.predictProbabilities(train));
			assertEquals("classifier 'svm' is used before it was trained or loaded", early.getMessage());
			assertThrows(IllegalStateException.class, () -> svm.save(dir.resolve("x.xml")));
			svm.fit(train, labels, CLASSES, Progress.NONE);
			IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
					() -> svm.predictProbabilities(new float[][] { new float[5] }));
			assertTrue(length.getMessage().contains("trained on vectors of length 6, got one of length 5"), length.getMessage());
			IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
					() -> svm.fit(train, new int[30], CLASSES, Progress.NONE));
			assertTrue(label.getMessage().contains("at least two classes"), label.getMessage());
			svm.save(dir.resolve("svm.xml"));
		}
		try (Classifier knn = create("knn", Map.of())) {
			IOException wrongKind = assertThrows(IOException.class, () -> knn.load(dir.resolve("svm.xml"), CLASSES));
			assertTrue(wrongKind.getMessage().contains("svm.xml"), wrongKind.getMessage());
			Files.writeString(dir.resolve("junk.xml"), "<?xml version=\"1.0\"?>\n<opencv_storage>\n</opencv_storage>\n");
			Files.copy(dir.resolve("svm.xml.labels"), dir.resolve("junk.xml.labels"));
			IOException junk = assertThrows(IOException.class, () -> knn.load(dir.resolve("junk.xml"), CLASSES));
			assertTrue(junk.getMessage().contains("junk.xml"), junk.getMessage());
			IOException missing = assertThrows(IOException.class, () -> knn.load(dir.resolve("none.xml"), CLASSES));
			assertTrue(missing.getMessage().contains("none.xml"), missing.getMessage());
			assertFalse(knn.trained());
		}
	}

	/** Three blobs in 6-D whose centres are close enough that many samples are ambiguous. */
	static float[][] overlapping(int perClass, long seed, int[] labelsOut) {
		SplittableRandom random = new SplittableRandom(seed);
		float[][] x = new float[PRESENT.length * perClass][6];
		for (int c = 0; c < PRESENT.length; c++) {
			for (int i = 0; i < perClass; i++) {
				int row = c * perClass + i;
				for (int j = 0; j < 6; j++) {
					x[row][j] = (float) ((j == c * 2 ? 1.2 : 0) + random.nextGaussian());
				}
				labelsOut[row] = PRESENT[c];
			}
		}
		return x;
	}

	@ParameterizedTest
	@ValueSource(strings = { "linear", "rbf" })
	void svmProbabilitiesAreCoupledPlattEstimatesThatAgreeWithTheVote(String kernel) throws Exception {
		int[] trainLabels = new int[150];
		float[][] train = overlapping(50, 11, trainLabels);
		int[] testLabels = new int[90];
		float[][] test = overlapping(30, 12, testLabels);
		try (Classifier svm = create("svm", Map.of("kernel", kernel))) {
			svm.fit(train, trainLabels, CLASSES, Progress.NONE);
			assertFalse(svm.probabilitiesAreHard());
			assertEquals(3, svm.chosenSettings().get("probabilityFolds"));
			float[][] p = svm.predictProbabilities(test);
			int[] votes = ((SupportVectorMachine) svm).votes(test);
			int agree = 0;
			int soft = 0;
			for (int i = 0; i < test.length; i++) {
				double sum = 0;
				int best = 0;
				for (int c = 0; c < CLASSES; c++) {
					assertTrue(p[i][c] >= 0 && p[i][c] <= 1, "row " + i + ": " + p[i][c]);
					sum += p[i][c];
					best = p[i][c] > p[i][best] ? c : best;
				}
				assertEquals(1, sum, 1e-4, "row " + i + " sums to 1");
				agree += best == votes[i] ? 1 : 0;
				soft += p[i][best] < 0.9 ? 1 : 0;
			}
			// ambiguous data: probabilities are estimates, not one-hot votes
			assertTrue(soft >= test.length / 3, soft + " of " + test.length + " rows below 0.9");
			// libsvm's coupling may disagree with the vote only where the vote is nearly tied
			assertTrue(agree >= test.length * 9 / 10, agree + " of " + test.length + " agree with OpenCV's vote");

			Path file = dir.resolve("svm-" + kernel + ".xml");
			svm.save(file);
			assertTrue(Files.isRegularFile(SupportVectorMachine.sigmoidsFile(file)));
			try (Classifier loaded = create("svm", Map.of("kernel", kernel))) {
				loaded.load(file, CLASSES);
				assertFalse(loaded.probabilitiesAreHard());
				float[][] again = loaded.predictProbabilities(test);
				for (int i = 0; i < test.length; i++) {
					assertArrayEquals(p[i], again[i], 1e-6f, "row " + i);
				}
			}
			// without its sigmoids a model still predicts, as one-hot votes, and says so
			Files.delete(SupportVectorMachine.sigmoidsFile(file));
			try (Classifier loaded = create("svm", Map.of("kernel", kernel))) {
				loaded.load(file, CLASSES);
				assertTrue(loaded.probabilitiesAreHard());
				float[][] hard = loaded.predictProbabilities(test);
				for (int i = 0; i < test.length; i++) {
					assertEquals(1f, hard[i][votes[i]], "row " + i + " is OpenCV's vote");
				}
			}
			Files.writeString(SupportVectorMachine.sigmoidsFile(file), "0 3 1.5 0.1\n0 5 x 0\n");
			try (Classifier loaded = create("svm", Map.of("kernel", kernel))) {
				IOException bad = assertThrows(IOException.class, () -> loaded.load(file, CLASSES));
				assertTrue(bad.getMessage().contains(file.getFileName() + ".sigmoids line 2"), bad.getMessage());
			}
		}
	}

	@Test
	void svmSigmoidsOnTrainingValuesWhenFoldsAreOff() throws Exception {
		int[] labels = new int[90];
		float[][] train = overlapping(30, 5, labels);
		try (Classifier svm = create("svm", Map.of("probabilityFolds", 0))) {
			svm.fit(train, labels, CLASSES, Progress.NONE);
			assertEquals(0, svm.chosenSettings().get("probabilityFolds"));
			assertFalse(svm.probabilitiesAreHard());
			assertEquals(1, sum(svm.predictProbabilities(train)[0]), 1e-4);
		}
	}

	private static double sum(float[] p) {
		double s = 0;
		for (float v : p) {
			s += v;
		}
		return s;
	}

	@Test
	void couplingRecoversTheDistributionBehindConsistentPairwiseProbabilities() {
		double[] truth = { 0.5, 0.3, 0.15, 0.05 };
		double[][] r = new double[4][4];
		for (int i = 0; i < 4; i++) {
			for (int j = 0; j < 4; j++) {
				r[i][j] = i == j ? 0 : truth[i] / (truth[i] + truth[j]);
			}
		}
		assertArrayEquals(truth, PairwiseCoupling.couple(r), 2e-3);
		// a sigmoid fitted to logistic labels has the sign and rough slope of the truth: P(first) = 1 / (1 + exp(-2 f))
		SplittableRandom random = new SplittableRandom(3);
		double[] f = new double[4000];
		boolean[] first = new boolean[f.length];
		for (int i = 0; i < f.length; i++) {
			f[i] = random.nextDouble(-3, 3);
			first[i] = random.nextDouble() < 1 / (1 + Math.exp(-2 * f[i]));
		}
		double[] ab = PairwiseCoupling.fitSigmoid(f, first);
		assertEquals(-2, ab[0], 0.3);
		assertEquals(0, ab[1], 0.2);
		assertEquals(0.5, PairwiseCoupling.pairProbability(-ab[1] / ab[0], ab[0], ab[1]), 1e-9);
	}
}
