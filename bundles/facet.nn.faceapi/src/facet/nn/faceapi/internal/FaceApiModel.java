package facet.nn.faceapi.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import facet.core.ExpressionClass;
import facet.core.LabelOrder;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;
import facet.nn.faceapi.TfjsWeights;

/**
 * What face-api.js's {@code FaceExpressionNet} is (src/faceFeatureExtractor/FaceFeatureExtractor.ts,
 * denseBlock.ts, src/faceProcessor/FaceProcessor.ts of @vladmandic/face-api 1.7.15), and where its
 * weights are.
 */
public final class FaceApiModel {

	/** The manifest's file name in face-api's model folder. */
	public static final String MANIFEST = "face_expression_model-weights_manifest.json";

	/** Where releng/setup.sh unpacks npm @vladmandic/face-api, below $FACET_CACHE. */
	public static final String DEFAULT_FOLDER = "face-api/model";

	/** Side of the square RGB input ({@code toBatchTensor(112)}). */
	public static final int INPUT_SIZE = 112;

	/** face-api subtracts this from 0..255 pixels, then divides by 255. */
	public static final double[] MEAN_RGB = { 122.782, 117.001, 104.298 };

	/** Output channels of dense0 … dense3; each block halves the resolution. */
	public static final int[] CHANNELS = { 32, 64, 128, 256 };

	/** Separable convolutions per dense block after its first convolution. */
	public static final int CONVS_PER_BLOCK = 4;

	/** The pooled features the classifier sees. */
	public static final int FEATURES = 256;

	private FaceApiModel() {
	}

	/**
	 * The manifest named by the {@code weights} parameter: a folder holding {@link #MANIFEST}, the
	 * manifest itself, or (empty) $FACET_CACHE/face-api/model.
	 */
	public static Path manifest(ModuleSettings settings) {
		String value = settings.getString("weights");
		Path location = value.isBlank() ? cache().resolve(DEFAULT_FOLDER) : Path.of(value);
		return Files.isDirectory(location) || value.isBlank() ? location.resolve(MANIFEST) : location;
	}

	/** Fails early, without reading the weights, when the manifest is not there. */
	static void requireManifest(ModuleSettings settings) throws ModuleException {
		Path manifest = manifest(settings);
		if (!Files.isRegularFile(manifest)) {
			throw new ModuleException(settings.module().displayName() + ": no weights manifest " + manifest + hint(settings));
		}
	}

	/** Reads the weights and checks every tensor the network needs, for errors at module creation. */
	static TfjsWeights readChecked(ModuleSettings settings) throws ModuleException {
		try {
			TfjsWeights weights = TfjsWeights.read(manifest(settings));
			for (Expected e : expectedTensors()) {
				weights.tensor(e.name(), e.shape());
			}
			return weights;
		} catch (IOException e) {
			throw new ModuleException(settings.module().displayName() + ": cannot load its weights: " + e.getMessage() + hint(settings), e);
		}
	}

	private static String hint(ModuleSettings settings) {
		return settings.getString("weights").isBlank() ? " (releng/setup.sh fetches them from npm @vladmandic/face-api@1.7.15)" : "";
	}

	/** A tensor of the manifest with the shape face-api gives it. */
	public record Expected(String name, long... shape) {
	}

	/** Every tensor of the expression network, in tfjs layout, in manifest order. */
	public static List<Expected> expectedTensors() {
		List<Expected> result = new ArrayList<>();
		int in = 3;
		for (int b = 0; b < CHANNELS.length; b++) {
			int out = CHANNELS[b];
			for (int k = 0; k < CONVS_PER_BLOCK; k++) {
				String prefix = "dense" + b + "/conv" + k;
				int channels = k == 0 ? in : out;
				if (b == 0 && k == 0) {
					result.add(new Expected(prefix + "/filters", 3, 3, channels, out));
				} else {
					result.add(new Expected(prefix + "/depthwise_filter", 3, 3, channels, 1));
					result.add(new Expected(prefix + "/pointwise_filter", 1, 1, channels, out));
				}
				result.add(new Expected(prefix + "/bias", out));
			}
			in = out;
		}
		result.add(new Expected("fc/weights", FEATURES, ExpressionClass.COUNT));
		result.add(new Expected("fc/bias", ExpressionClass.COUNT));
		return result;
	}

	/** For each canonical class index, the column of face-api's classifier that scores it. */
	public static int[] canonicalToFaceApi() {
		int[] columns = new int[ExpressionClass.COUNT];
		for (ExpressionClass c : ExpressionClass.values()) {
			columns[c.ordinal()] = LabelOrder.FACE_API.indexOf(c);
		}
		return columns;
	}

	/** $FACET_CACHE as releng/setup.sh and the tests pass it (system property facet.cache), else ~/.cache/facet. */
	static Path cache() {
		String property = System.getProperty("facet.cache");
		if (property != null && !property.isBlank()) {
			return Path.of(property);
		}
		String env = System.getenv("FACET_CACHE");
		if (env != null && !env.isBlank()) {
			return Path.of(env);
		}
		return Path.of(System.getProperty("user.home"), ".cache", "facet");
	}
}
