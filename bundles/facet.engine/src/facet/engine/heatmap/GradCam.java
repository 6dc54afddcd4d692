package facet.engine.heatmap;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import facet.nn.api.ClassifierHead;
import facet.nn.api.ExpressionNetwork;
import facet.nn.api.StagedBackbone;
import facet.nn.api.StagedBackboneFactory;
import facet.platform.djl.gradients.InferenceGradients;

/**
 * Class activation maps from gradients at a named stage of an {@link ExpressionNetwork}: the
 * network is split with {@code backbone().forwardTo(stage)} and {@code forwardFrom(stage)}; the
 * stage output A {@code (N, C, h, w)} becomes a leaf whose gradient G = ∂y<sup>c</sup>/∂A of the
 * class score (the logit, before softmax) is collected, with the network in inference mode.
 * <ul>
 * <li>Grad-CAM (Selvaraju et al., ICCV 2017): α<sub>k</sub> = mean<sub>ij</sub> G<sub>k,ij</sub>,
 * map = ReLU(Σ<sub>k</sub> α<sub>k</sub> A<sub>k</sub>).</li>
 * <li>Grad-CAM++ (Chattopadhay et al., WACV 2018), in its usual closed form:
 * a<sub>k,ij</sub> = G² / (2 G² + Σ<sub>ab</sub> A<sub>k,ab</sub> · G³) (0 where G = 0),
 * w<sub>k</sub> = Σ<sub>ij</sub> a<sub>k,ij</sub> · ReLU(G<sub>k,ij</sub>),
 * map = ReLU(Σ<sub>k</sub> w<sub>k</sub> A<sub>k</sub>).</li>
 * </ul>
 * Maps have the stage's resolution h × w and are normalized to a maximum of 1.
 * <p>
 * Engine seam: recording gradients while BatchNorm stays in inference mode is engine-specific
 * (MXNet's autograd switches to training mode when recording starts). That switch lives in
 * {@link InferenceGradients} in the platform bundle; this class only uses DJL's API.
 */
public final class GradCam {

	/** The two gradient methods. */
	public enum Method {
		GRAD_CAM("gradcam"), GRAD_CAM_PLUS_PLUS("gradcam++");

		private final String id;

		Method(String id) {
			this.id = id;
		}

		/** The name on the command line and in file names: {@code gradcam}, {@code gradcam++}. */
		public String id() {
			return id;
		}

		public static Method of(String id) {
			for (Method m : values()) {
				if (m.id.equalsIgnoreCase(id)) {
					return m;
				}
			}
			throw new IllegalArgumentException("unknown method '" + id + "'; expected gradcam or gradcam++");
		}
	}

	/**
	 * One image's map.
	 *
	 * @param map normalized, at the stage's resolution
	 * @param targetClass the class whose score was explained
	 * @param probabilities softmax of the network's logits, one per class
	 */
	public record ClassMap(Heatmap map, int targetClass, float[] probabilities) {

		/** The class with the highest probability. */
		public int predictedClass() {
			int best = 0;
			for (int i = 1; i < probabilities.length; i++) {
				if (probabilities[i] > probabilities[best]) {
					best = i;
				}
			}
			return best;
		}
	}

	private static final double EPSILON = 1e-7;

	private final ExpressionNetwork network;

	/** @param network an initialized network */
	public GradCam(ExpressionNetwork network) {
		this.network = network;
	}

	/** The default stage: the last one before {@code head-input}, whose maps still have a spatial extent. */
	public static String defaultStage(StagedBackbone backbone) {
		List<String> stages = backbone.stageNames();
		int last = stages.size() - 1;
		if (stages.get(last).equals(StagedBackboneFactory.HEAD_INPUT) && last > 0) {
			return stages.get(last - 1);
		}
		return stages.get(last);
	}

	/**
	 * Maps for a batch of prepared inputs.
	 *
	 * @param input {@code (N, C, H, W)} as the network takes it; not modified
	 * @param stage a stage of the backbone
	 * @param targetClass the class to explain, or empty for each image's predicted class
	 * @throws IllegalArgumentException for an unknown stage or a class out of range
	 */
	public List<ClassMap> compute(NDArray input, String stage, Method method, OptionalInt targetClass) {
		StagedBackbone backbone = network.backbone();
		if (!backbone.stageNames().contains(stage)) {
			throw new IllegalArgumentException("no stage '" + stage + "'; the stages are " + String.join(", ", backbone.stageNames()));
		}
		int classes = network.head().classes();
		if (targetClass.isPresent() && (targetClass.getAsInt() < 0 || targetClass.getAsInt() >= classes)) {
			throw new IllegalArgumentException("class " + targetClass.getAsInt() + " is out of range 0.." + (classes - 1));
		}
		int n = (int) input.getShape().get(0);
		float[] activations;
		float[] gradients;
		float[] logits;
		int[] targets = new int[n];
		Shape stageShape;
		try (NDManager scope = input.getManager().newSubManager()) {
			NDArray x = input.duplicate();
			x.attach(scope);
			ParameterStore parameters = new ParameterStore(scope, false);
			NDArray a = backbone.forwardTo(parameters, new NDList(x), false, stage).singletonOrThrow();
			a.setRequiresGradient(true);
			stageShape = a.getShape();
			if (stageShape.dimension() != 4) {
				throw new IllegalArgumentException("stage '" + stage + "' outputs " + stageShape + ", not a feature map (N, C, h, w)");
			}
			try (GradientCollector collector = InferenceGradients.collector(scope)) {
				NDArray out = ClassifierHead.logits(network.forwardFrom(parameters, new NDList(a), false, stage));
				logits = out.toFloatArray();
				float[] mask = new float[n * classes];
				for (int i = 0; i < n; i++) {
					targets[i] = targetClass.isPresent() ? targetClass.getAsInt() : argmax(logits, i * classes, classes);
					mask[i * classes + targets[i]] = 1;
				}
				// the images are independent in inference mode, so one backward pass serves the batch
				collector.backward(out.mul(scope.create(mask, out.getShape())).sum());
			}
			gradients = a.getGradient().toFloatArray();
			activations = a.toFloatArray();
		}
		int c = (int) stageShape.get(1);
		int h = (int) stageShape.get(2);
		int w = (int) stageShape.get(3);
		List<ClassMap> maps = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			int offset = i * c * h * w;
			float[] map = method == Method.GRAD_CAM ? gradCam(activations, gradients, offset, c, h * w)
					: gradCamPlusPlus(activations, gradients, offset, c, h * w);
			maps.add(new ClassMap(new Heatmap(w, h, map).normalized(), targets[i], softmax(logits, i * classes, classes)));
		}
		return maps;
	}

	private static float[] gradCam(float[] a, float[] g, int offset, int channels, int pixels) {
		float[] map = new float[pixels];
		for (int k = 0; k < channels; k++) {
			int base = offset + k * pixels;
			double alpha = 0;
			for (int p = 0; p < pixels; p++) {
				alpha += g[base + p];
			}
			alpha /= pixels;
			for (int p = 0; p < pixels; p++) {
				map[p] += (float) (alpha * a[base + p]);
			}
		}
		return relu(map);
	}

	private static float[] gradCamPlusPlus(float[] a, float[] g, int offset, int channels, int pixels) {
		float[] map = new float[pixels];
		for (int k = 0; k < channels; k++) {
			int base = offset + k * pixels;
			double activationSum = 0;
			for (int p = 0; p < pixels; p++) {
				activationSum += a[base + p];
			}
			double weight = 0;
			for (int p = 0; p < pixels; p++) {
				double grad = g[base + p];
				if (grad == 0) {
					continue;
				}
				double g2 = grad * grad;
				double alpha = g2 / (2 * g2 + activationSum * g2 * grad + EPSILON);
				weight += alpha * Math.max(0, grad);
			}
			for (int p = 0; p < pixels; p++) {
				map[p] += (float) (weight * a[base + p]);
			}
		}
		return relu(map);
	}

	private static float[] relu(float[] map) {
		for (int p = 0; p < map.length; p++) {
			map[p] = Math.max(0, map[p]);
		}
		return map;
	}

	private static int argmax(float[] values, int offset, int length) {
		int best = 0;
		for (int i = 1; i < length; i++) {
			if (values[offset + i] > values[offset + best]) {
				best = i;
			}
		}
		return best;
	}

	static float[] softmax(float[] logits, int offset, int length) {
		double max = Double.NEGATIVE_INFINITY;
		for (int i = 0; i < length; i++) {
			max = Math.max(max, logits[offset + i]);
		}
		double sum = 0;
		float[] p = new float[length];
		for (int i = 0; i < length; i++) {
			p[i] = (float) Math.exp(logits[offset + i] - max);
			sum += p[i];
		}
		for (int i = 0; i < length; i++) {
			p[i] /= (float) sum;
		}
		return p;
	}
}
