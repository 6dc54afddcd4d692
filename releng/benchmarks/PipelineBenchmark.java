import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import facet.core.ExpressionClass;
import facet.core.FaceBox;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.Point;
import facet.core.Progress;
import facet.core.Sample;
import facet.core.spi.Dataset;
import facet.core.spi.ImageOperation;
import facet.data.transforms.Clahe;
import facet.data.transforms.ColorJitter;
import facet.data.transforms.Cutout;
import facet.data.transforms.FaceCrop;
import facet.data.transforms.HistogramEqualization;
import facet.data.transforms.HorizontalFlip;
import facet.data.transforms.LandmarkAlignment;
import facet.data.transforms.Normalization;
import facet.data.transforms.RandomCrop;
import facet.data.transforms.RandomRotation;
import facet.data.transforms.RandomScale;
import facet.data.transforms.Resize;
import facet.engine.data.DataPipeline;
import facet.engine.data.HostBatch;

/**
 * Images per second of decode + preprocess + augment + conversion to normalized floats through
 * facet.engine.data.DataPipeline (cache off, so every image is decoded every epoch), for 48×48
 * gray and 112×112 RGB, with 1 and 2 worker threads. Not a test: run releng/benchmarks/pipeline.sh.
 * Arguments: [results.md to append to] [commit].
 */
public class PipelineBenchmark {

	static final int IMAGES = 384;
	static final int SOURCE = 160;

	public static void main(String[] args) throws Exception {
		Path dir = Files.createTempDirectory("facet-pipeline-benchmark");
		try {
			List<Sample> samples = writeFaces(dir);
			String cpu = cpuModel();
			int cores = Runtime.getRuntime().availableProcessors();
			System.out.printf(Locale.ROOT, "CPU: %s, %d cores (available to the JVM), Java %s, load average before: %s%n", cpu, cores,
					System.getProperty("java.version"), loadAverage());
			System.out.printf(Locale.ROOT, "%d JPEG faces of %dx%d decoded with ImageFiles every epoch (cache off)%n", IMAGES, SOURCE, SOURCE);

			List<ImageOperation> grayPre = List.of(new FaceCrop(0.1, true), new Resize(48, 48, Resize.Interpolation.AUTO),
					new HistogramEqualization(), new Normalization(false, new double[] { 0.5 }, new double[] { 0.5 }));
			List<ImageOperation> grayAug = List.of(new HorizontalFlip(0.5), new RandomCrop(4), new RandomRotation(10), new Cutout(1, 0.25, 1));
			List<ImageOperation> rgbPre = List.of(new LandmarkAlignment(112, 1.0), new Clahe(2, 8),
					new Normalization(false, new double[] { 0.485, 0.456, 0.406 }, new double[] { 0.229, 0.224, 0.225 }));
			List<ImageOperation> rgbAug = List.of(new HorizontalFlip(0.5), new RandomRotation(10), new RandomScale(0.9, 1.1),
					new ColorJitter(0.2, 0.2, 0.2), new Cutout(1, 0.25, 1));

			StringBuilder table = new StringBuilder();
			table.append("| configuration | 1 thread (img/s) | 2 threads (img/s) | 2/1 | CPU ms per image (1 thread) |\n|---|---|---|---|---|\n");
			for (boolean gray : new boolean[] { true, false }) {
				String name = gray ? "48×48 gray: crop, resize, equalize; hflip, random-crop, rotate, cutout"
						: "112×112 RGB: align, CLAHE; hflip, rotate, scale, color, cutout";
				Dataset dataset = dataset(samples, dir, gray);
				double[] one = measure(dataset, samples, gray ? grayPre : rgbPre, gray ? grayAug : rgbAug, 1);
				double[] two = measure(dataset, samples, gray ? grayPre : rgbPre, gray ? grayAug : rgbAug, 2);
				System.out.printf(Locale.ROOT, "%-75s 1 thread %7.0f img/s   2 threads %7.0f img/s   ratio %.2f   CPU %.2f ms/img%n", name,
						one[0], two[0], two[0] / one[0], one[1]);
				table.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.2f | %.2f |%n", name, one[0], two[0], two[0] / one[0], one[1]));
			}
			if (args.length > 0) {
				String commit = args.length > 1 ? args[1] : "unknown";
				String entry = String.format(Locale.ROOT, "%n## %s, commit %s%n%nCPU: %s, %d cores; Java %s; load average at the end: %s "
						+ "(other processes share this machine).%n%n%s", java.time.LocalDate.now(), commit, cpu, cores,
						System.getProperty("java.version"), loadAverage(), table);
				Files.writeString(Path.of(args[0]), entry, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
				System.out.println("appended to " + args[0]);
			}
		} finally {
			try (Stream<Path> files = Files.walk(dir)) {
				files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	/**
	 * Best of three timed epochs after one warm-up epoch, and the process CPU time per image over
	 * those epochs (which other processes on a shared machine do not inflate).
	 */
	static double[] measure(Dataset dataset, List<Sample> samples, List<ImageOperation> pre, List<ImageOperation> aug, int threads)
			throws IOException {
		try (DataPipeline pipeline = DataPipeline.builder(dataset).samples(samples).preprocessors(pre).augmentations(aug).batchSize(64)
				.seed(7).threads(threads).prefetch(4).cacheBytes(0).build()) {
			double best = 0;
			var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
			long cpuStart = 0;
			int timed = 0;
			for (int epoch = 0; epoch < 4; epoch++) {
				if (epoch == 1) {
					cpuStart = os.getProcessCpuTime();
				}
				long start = System.nanoTime();
				int images = 0;
				try (DataPipeline.Epoch batches = pipeline.epoch(epoch, Progress.NONE)) {
					while (batches.hasNext()) {
						HostBatch batch = batches.next();
						images += batch.size();
					}
				}
				double rate = images / ((System.nanoTime() - start) / 1e9);
				if (epoch > 0) {
					best = Math.max(best, rate);
					timed += images;
				}
			}
			return new double[] { best, (os.getProcessCpuTime() - cpuStart) / 1e6 / timed };
		}
	}

	static Dataset dataset(List<Sample> samples, Path dir, boolean gray) {
		return new Dataset() {
			@Override
			public Map<String, List<Sample>> splits() {
				return Map.of("train", samples);
			}

			@Override
			public ImageRaster load(Sample sample) throws IOException {
				return ImageFiles.read(dir.resolve(sample.id()), gray);
			}
		};
	}

	/** Synthetic faces (an ellipse with eyes and a mouth on a textured background) with boxes and landmarks. */
	static List<Sample> writeFaces(Path dir) throws IOException {
		Random random = new Random(1);
		List<Sample> samples = new ArrayList<>();
		for (int i = 0; i < IMAGES; i++) {
			BufferedImage image = new BufferedImage(SOURCE, SOURCE, BufferedImage.TYPE_INT_RGB);
			Graphics2D g = image.createGraphics();
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			for (int y = 0; y < SOURCE; y += 4) {
				for (int x = 0; x < SOURCE; x += 4) {
					g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
					g.fillRect(x, y, 4, 4);
				}
			}
			double s = 70 + random.nextInt(30);
			double x1 = 20 + random.nextInt(20);
			double y1 = 15 + random.nextInt(20);
			g.setColor(new Color(200 + random.nextInt(40), 160 + random.nextInt(40), 130 + random.nextInt(40)));
			g.fillOval((int) x1, (int) y1, (int) s, (int) (s * 1.2));
			List<Point> landmarks = List.of(new Point(x1 + 0.3 * s, y1 + 0.45 * s), new Point(x1 + 0.7 * s, y1 + 0.45 * s),
					new Point(x1 + 0.5 * s, y1 + 0.65 * s), new Point(x1 + 0.35 * s, y1 + 0.9 * s), new Point(x1 + 0.65 * s, y1 + 0.9 * s));
			g.setColor(Color.DARK_GRAY);
			for (Point p : landmarks) {
				g.fillOval((int) p.x() - 4, (int) p.y() - 3, 8, 6);
			}
			g.dispose();
			String name = "face-" + i + ".jpg";
			ImageIO.write(image, "jpg", dir.resolve(name).toFile());
			samples.add(new Sample(name, "train", ExpressionClass.ofIndex(i % ExpressionClass.COUNT),
					Optional.of(new FaceBox(x1, y1, x1 + s, y1 + s * 1.2, 1, landmarks))));
		}
		return samples;
	}

	static String cpuModel() {
		try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
			return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
		} catch (IOException e) {
			return "unknown (" + e.getMessage() + ")";
		}
	}

	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		} catch (IOException e) {
			return "unknown";
		}
	}
}
