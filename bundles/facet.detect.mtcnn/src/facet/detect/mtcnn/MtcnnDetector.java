package facet.detect.mtcnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.Point;
import facet.core.spi.FaceDetector;
import facet.detect.mtcnn.internal.MtcnnMath;
import facet.detect.mtcnn.internal.MtcnnMath.Candidate;
import facet.detect.mtcnn.internal.MtcnnNetworks;
import facet.detect.mtcnn.internal.MtcnnImage;
import facet.detect.mtcnn.internal.MtcnnImage.LevelMaps;
import facet.detect.mtcnn.internal.MtcnnImage.PyramidAtlas;
import facet.platform.djl.host.HostCopies;

/**
 * MTCNN (Zhang et al., "Joint Face Detection and Alignment using Multi-task Cascaded
 * Convolutional Networks", 2016), following the facenet implementation step by step: an image
 * pyramid through P-Net, R-Net on 24×24 crops, O-Net on 48×48 crops with five landmarks, with
 * box regression, squaring and non-maximum suppression between the stages.
 */
public final class MtcnnDetector implements FaceDetector {

	/**
	 * Settings of one detector.
	 *
	 * @param maxProposals most P-Net boxes (best first) that R-Net sees; 0: all
	 * @param refineOverlap IoU above which R-Net's boxes are merged before O-Net (the reference
	 *            uses 0.7)
	 */
	public record Options(int minFaceSize, double scaleFactor, double pnetThreshold, double rnetThreshold, double onetThreshold,
			int maxProposals, double refineOverlap) {
		/**
		 * The reference's thresholds and overlaps with a minimum face of 40 px (the reference: 20)
		 * and at most 100 proposals for R-Net: P-Net's pyramid costs a quarter, and the demo
		 * photos gave 21 of 22 faces at full size (the reference 21, one false positive more) and
		 * 20 of 22 scaled to 640 px, as the reference (releng/benchmarks/results.md). A
		 * refineOverlap of 0.5 halves O-Net's crops but lost one face at full size.
		 */
		public static final Options DEFAULTS = new Options(40, 0.709, 0.6, 0.7, 0.7, 100, 0.7);

		/** The reference's settings (facenet's detect_face). */
		public static final Options REFERENCE = new Options(20, 0.709, 0.6, 0.7, 0.7, 0, 0.7);
	}

	private final NDManager manager;
	private final MtcnnNetworks networks;
	private final Options options;

	private MtcnnDetector(NDManager manager, MtcnnNetworks networks, Options options) {
		this.manager = manager;
		this.networks = networks;
		this.options = options;
	}

	/**
	 * Loads {@code pnet.tflite}, {@code rnet.tflite} and {@code onet.tflite} from a folder.
	 *
	 * @throws IOException naming the file that is missing, truncated or not MTCNN's
	 */
	public static MtcnnDetector load(Path weights, Options options) throws IOException {
		return load(weights, null, options);
	}

	/**
	 * Loads the pretrained networks and, unless {@code fineTuned} is null, puts the parameters of
	 * a model written by {@code facet detector train mtcnn} over them.
	 *
	 * @throws IOException naming the file that is missing, truncated or not MTCNN's
	 */
	public static MtcnnDetector load(Path weights, Path fineTuned, Options options) throws IOException {
		NDManager manager = NDManager.newBaseManager();
		try {
			MtcnnNetworks networks = MtcnnNetworks.load(weights, manager);
			if (fineTuned != null) {
				networks.loadFineTuned(fineTuned);
			}
			return new MtcnnDetector(manager, networks, options);
		} catch (IOException | RuntimeException e) {
			manager.close();
			throw e;
		}
	}

	@Override
	public synchronized List<FaceBox> detect(ImageRaster image) {
		try (NDManager scope = manager.newSubManager()) {
			MtcnnImage pixels = MtcnnImage.of(image);
			List<Candidate> boxes = proposals(pixels, scope);
			if (!boxes.isEmpty()) {
				boxes = refine(pixels, boxes, scope);
			}
			if (!boxes.isEmpty()) {
				boxes = output(pixels, boxes, scope);
			}
			List<FaceBox> faces = new ArrayList<>();
			for (Candidate c : boxes) {
				faces.add(toFaceBox(c, image.width(), image.height()));
			}
			return faces;
		}
	}

	/**
	 * Stage 1: P-Net over the pyramid. The levels are packed into one atlas and P-Net runs once
	 * over it: one forward pass of about the levels' total area took 11–13 ms for a VGA frame,
	 * one pass per level 20–28 ms, most of it the cost of many small operator calls.
	 */
	private List<Candidate> proposals(MtcnnImage image, NDManager scope) {
		List<Double> scales = MtcnnMath.scales(image.width(), image.height(), options.minFaceSize(), options.scaleFactor());
		PyramidAtlas atlas = image.atlas(scales);
		if (atlas.levels().isEmpty()) {
			return List.of();
		}
		// a VGA frame's atlas has over 200,000 values: copied from this thread, it would leave an
		// OpenMP team on it that slows the engine for the rest of the process (HostCopies)
		NDList maps = networks.pnet().forward(HostCopies.toEngine(scope, atlas.planes(), new Shape(1, 3, atlas.width(), atlas.height())));
		NDArray probMap = maps.get(0);
		int mx = (int) probMap.getShape().get(2);
		int my = (int) probMap.getShape().get(3);
		float[] prob = probMap.toFloatArray();
		float[] reg = maps.get(1).toFloatArray();
		List<Candidate> all = new ArrayList<>();
		for (MtcnnImage.Level level : atlas.levels()) {
			LevelMaps own = atlas.levelMaps(level, prob, reg, mx, my);
			List<Candidate> found = MtcnnMath.generate(own.prob(), own.reg(), own.mx(), own.my(), level.scale(), options.pnetThreshold());
			all.addAll(MtcnnMath.nms(found, 0.5, false));
		}
		if (all.isEmpty()) {
			return all;
		}
		List<Candidate> kept = MtcnnMath.nms(all, 0.7, false);
		if (options.maxProposals() > 0 && kept.size() > options.maxProposals()) {
			// NMS returns the best first; R-Net's cost grows with every box it is given
			kept = kept.subList(0, options.maxProposals());
		}
		List<Candidate> result = new ArrayList<>();
		for (Candidate c : kept) {
			double w = c.x2() - c.x1();
			double h = c.y2() - c.y1();
			Candidate moved = new Candidate(c.x1() + c.reg()[0] * w, c.y1() + c.reg()[1] * h, c.x2() + c.reg()[2] * w,
					c.y2() + c.reg()[3] * h, c.score(), null, null);
			result.add(MtcnnMath.fix(MtcnnMath.square(moved)));
		}
		return result;
	}

	/** Stage 2: R-Net on 24×24 crops. */
	private List<Candidate> refine(MtcnnImage image, List<Candidate> boxes, NDManager scope) {
		NDList out = run(networks.rnet(), image, boxes, 24, scope);
		float[] prob = out.get(0).toFloatArray();
		float[] reg = out.get(1).toFloatArray();
		List<Candidate> passed = new ArrayList<>();
		for (int i = 0; i < boxes.size(); i++) {
			float score = prob[2 * i + 1];
			if (score > options.rnetThreshold()) {
				Candidate c = boxes.get(i);
				passed.add(new Candidate(c.x1(), c.y1(), c.x2(), c.y2(), score,
						new float[] { reg[4 * i], reg[4 * i + 1], reg[4 * i + 2], reg[4 * i + 3] }, null));
			}
		}
		List<Candidate> result = new ArrayList<>();
		for (Candidate c : MtcnnMath.nms(passed, options.refineOverlap(), false)) {
			result.add(MtcnnMath.fix(MtcnnMath.square(MtcnnMath.regress(c))));
		}
		return result;
	}

	/** Stage 3: O-Net on 48×48 crops, with landmarks. */
	private List<Candidate> output(MtcnnImage image, List<Candidate> boxes, NDManager scope) {
		NDList out = run(networks.onet(), image, boxes, 48, scope);
		float[] prob = out.get(0).toFloatArray();
		float[] reg = out.get(1).toFloatArray();
		float[] marks = out.get(2).toFloatArray();
		List<Candidate> passed = new ArrayList<>();
		for (int i = 0; i < boxes.size(); i++) {
			float score = prob[2 * i + 1];
			if (score <= options.onetThreshold()) {
				continue;
			}
			Candidate c = boxes.get(i);
			double w = c.x2() - c.x1() + 1;
			double h = c.y2() - c.y1() + 1;
			double[] points = new double[10];
			for (int k = 0; k < 5; k++) {
				points[k] = w * marks[10 * i + k] + c.x1() - 1;
				points[5 + k] = h * marks[10 * i + 5 + k] + c.y1() - 1;
			}
			Candidate scored = new Candidate(c.x1(), c.y1(), c.x2(), c.y2(), score,
					new float[] { reg[4 * i], reg[4 * i + 1], reg[4 * i + 2], reg[4 * i + 3] }, points);
			passed.add(MtcnnMath.regress(scored));
		}
		return MtcnnMath.nms(passed, 0.7, true);
	}

	private static NDList run(MtcnnNetworks.Network network, MtcnnImage image, List<Candidate> boxes, int size, NDManager scope) {
		float[] batch = new float[boxes.size() * 3 * size * size];
		// every crop writes its own part of the batch; large boxes make this as costly as the network
		IntStream.range(0, boxes.size()).parallel().forEach(i -> {
			Candidate c = boxes.get(i);
			image.crop((int) c.x1(), (int) c.y1(), (int) c.x2(), (int) c.y2(), size, batch, i * 3 * size * size);
		});
		NDArray input = HostCopies.toEngine(scope, batch, new Shape(boxes.size(), 3, size, size));
		return network.forward(input);
	}

	/** From the reference's 1-based inclusive corners to 0-based exclusive ones, clipped to the image. */
	private static FaceBox toFaceBox(Candidate c, int width, int height) {
		double x1 = Math.clamp(c.x1() - 1, 0, width);
		double y1 = Math.clamp(c.y1() - 1, 0, height);
		double x2 = Math.clamp(c.x2(), x1, width);
		double y2 = Math.clamp(c.y2(), y1, height);
		List<Point> landmarks = new ArrayList<>();
		for (int k = 0; k < 5; k++) {
			landmarks.add(new Point(c.points()[k], c.points()[5 + k]));
		}
		return new FaceBox(x1, y1, x2, y2, c.score(), landmarks);
	}

	@Override
	public void close() {
		networks.close();
		manager.close();
	}
}
