import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

import facet.classifiers.LogisticRegressionClassifier;
import facet.classifiers.NearestNeighbours;
import facet.classifiers.RandomForest;
import facet.classifiers.SupportVectorMachine;
import facet.core.ImageRaster;
import facet.core.Progress;
import facet.core.spi.Classifier;
import facet.core.spi.FeatureExtractor;
import facet.features.GaborBank;
import facet.features.HistogramOfGradients;
import facet.features.LocalBinaryPatterns;
import facet.features.RawPixels;

/**
 * Speed of the traditional baselines, not a test: feature vectors per second of each extractor
 * (default settings of its module) on one thread at 48×48 and 112×112, and the training time of
 * each classifier against the training-set size, on 7 Gaussian classes in 900 dimensions (the
 * length of HOG on a 48×48 face).
 * <p>
 * Arguments: [results.md to append to] [commit].
 */
public class TraditionalBenchmark {

	public static void main(String[] args) throws Exception {
		String cpu = cpuModel();
		int cores = Runtime.getRuntime().availableProcessors();
		StringBuilder report = new StringBuilder();
		report.append("| extractor (module defaults) | length at 48×48 | 48×48 (faces/s) | length at 112×112 | 112×112 (faces/s) |\n|---|---|---|---|---|\n");
		List<Object[]> extractors = List.of(
				new Object[] { "lbp: P=8, R=1, uniform, 6×6 cells", new LocalBinaryPatterns(1, 8, LocalBinaryPatterns.Mapping.UNIFORM, 6, 6) },
				new Object[] { "hog: 8-px cells, 2×2 blocks, 9 bins", new HistogramOfGradients(8, 2, 9, false) },
				new Object[] { "gabor: 3 scales × 8 orientations, 17×17, 4×4 cells", new GaborBank(3, 8, 17, 4, 4) },
				new Object[] { "raw pixels", new RawPixels(1) });
		for (Object[] e : extractors) {
			FeatureExtractor extractor = (FeatureExtractor) e[1];
			double small = perSecond(extractor, face(48));
			double large = perSecond(extractor, face(112));
			System.out.printf(Locale.ROOT, "%-55s 48: %8.0f/s   112: %8.0f/s%n", e[0], small, large);
			report.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %d | %.0f |%n", e[0], extractor.length(48, 48), small, extractor.length(112, 112),
					large));
		}
		int[] sizes = { 250, 500, 1000, 2000 };
		report.append("\n| classifier (900-d, 7 classes) |");
		for (int n : sizes) {
			report.append(" n=").append(n).append(" (s) |");
		}
		report.append("\n|---|").append("---|".repeat(sizes.length)).append('\n');
		List<Object[]> classifiers = List.of(
				new Object[] { "svm linear, C=1, 3 Platt folds", (Supplier<Classifier>) () -> new SupportVectorMachine(false, 1, 0, false, 3, 3) },
				new Object[] { "svm rbf, C=10, gamma auto, 3 Platt folds", (Supplier<Classifier>) () -> new SupportVectorMachine(true, 10, 0, false, 3, 3) },
				new Object[] { "svm rbf, trainAuto 3-fold over C and gamma, 3 Platt folds", (Supplier<Classifier>) () -> new SupportVectorMachine(true, 1, 0, true, 3, 3) },
				new Object[] { "knn, k=5", (Supplier<Classifier>) () -> new NearestNeighbours(5) },
				new Object[] { "logistic, 100 full-batch steps, L2", (Supplier<Classifier>) () -> new LogisticRegressionClassifier(0.01, 100, 2, 0) },
				new Object[] { "rtrees, 100 trees, depth 12", (Supplier<Classifier>) () -> new RandomForest(100, 12, 2, 0) });
		for (Object[] c : classifiers) {
			@SuppressWarnings("unchecked")
			Supplier<Classifier> make = (Supplier<Classifier>) c[1];
			report.append("| ").append(c[0]).append(" |");
			boolean tooSlow = false;
			for (int n : sizes) {
				if (tooSlow) {
					// training time grows at least linearly: a fit over 20 s predicts minutes for the next size
					report.append(" — |");
					continue;
				}
				int[] labels = new int[n];
				float[][] x = blobs(n, 900, labels);
				try (Classifier classifier = make.get()) {
					long start = System.nanoTime();
					classifier.fit(x, labels, 7, Progress.NONE);
					double seconds = (System.nanoTime() - start) / 1e9;
					System.out.printf(Locale.ROOT, "%-45s n=%5d  %7.2f s%n", c[0], n, seconds);
					report.append(String.format(Locale.ROOT, " %.2f |", seconds));
					tooSlow = seconds > 20;
				}
			}
			report.append('\n');
		}
		double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		if (args.length > 0) {
			String commit = args.length > 1 ? args[1] : "unknown";
			String entry = String.format(Locale.ROOT, "%n## Traditional baselines: %s, commit %s%n%nAppended by `releng/benchmarks/traditional.sh`: "
					+ "feature vectors per second on one thread (best of 3 rounds after a warm-up, drawn gray faces), and classifier training "
					+ "time (OpenCV ml) against the training-set size on 7 Gaussian classes in 900 dimensions (— : not run, the previous size took "
					+ "over 20 s).%n%nCPU: %s, %d cores; Java %s; "
					+ "load average at the end: %.2f (other processes may share this machine).%n%n%s", java.time.LocalDate.now(), commit, cpu, cores,
					System.getProperty("java.version"), load, report);
			Files.writeString(Path.of(args[0]), entry, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
			System.out.println("appended to " + args[0]);
		} else {
			System.out.println(report);
		}
	}

	/** Faces per second, best of three rounds of at least half a second after a warm-up. */
	static double perSecond(FeatureExtractor extractor, ImageRaster face) {
		double best = 0;
		for (int round = 0; round < 4; round++) {
			long start = System.nanoTime();
			int count = 0;
			while (System.nanoTime() - start < 500_000_000L) {
				extractor.extract(face);
				count++;
			}
			double rate = count / ((System.nanoTime() - start) / 1e9);
			if (round > 0) {
				best = Math.max(best, rate);
			}
		}
		return best;
	}

	static float[][] blobs(int n, int d, int[] labels) {
		SplittableRandom random = new SplittableRandom(n);
		float[][] centres = new float[7][d];
		for (float[] c : centres) {
			for (int j = 0; j < d; j++) {
				c[j] = (float) (0.3 * random.nextGaussian());
			}
		}
		float[][] x = new float[n][d];
		for (int i = 0; i < n; i++) {
			labels[i] = i % 7;
			for (int j = 0; j < d; j++) {
				x[i][j] = (float) (centres[labels[i]][j] + random.nextGaussian());
			}
		}
		return x;
	}

	/** A drawn gray face with pixel noise, as the synthetic set has. */
	static ImageRaster face(int size) {
		SplittableRandom random = new SplittableRandom(size);
		byte[] p = new byte[size * size];
		double c = size / 2.0;
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				double dx = (x - c) / (size * 0.38);
				double dy = (y - c) / (size * 0.46);
				double v = dx * dx + dy * dy < 1 ? 180 : 60 + 40.0 * y / size;
				p[y * size + x] = (byte) Math.max(0, Math.min(255, Math.round(v + 8 * random.nextGaussian())));
			}
		}
		return new ImageRaster(size, size, 1, p);
	}

	static String cpuModel() {
		try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
			return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst()
					.orElse(System.getProperty("os.arch"));
		} catch (Exception e) {
			return System.getProperty("os.arch");
		}
	}
}
