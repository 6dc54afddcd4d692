package facet.detect.cascadecnn.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;

/**
 * The six trained nets and their thresholds, as written to a model folder:
 * <ul>
 * <li>{@value #JSON}: {@code {"format": "facet-cascade-cnn", "version": 1, "thresholds":
 * {"net12": 0.3, "net24": 0.5, "net48": 0.5}, "calibrationThreshold": 0.1, "box": [x, y, w, h],
 * "training": {...}}}; {@code box} is the face box relative to a detected square window;</li>
 * <li>{@code net12.params}, {@code cal12.params}, {@code net24.params}, {@code cal24.params},
 * {@code net48.params}, {@code cal48.params}: each net's parameters as DJL's
 * {@code Block.saveParameters} writes them.</li>
 * </ul>
 */
public final class CnnModel implements AutoCloseable {

	public static final String JSON = "cascade-cnn.json";
	public static final String FORMAT = "facet-cascade-cnn";
	public static final int VERSION = 1;

	private final NDManager manager;
	private final Map<Networks.Net, Block> blocks;
	private final JsonObject info;
	private final ParameterStore store;

	public CnnModel(NDManager manager, Map<Networks.Net, Block> blocks, JsonObject info) {
		this.manager = manager;
		// not a copy: the trainer adds each net as it is trained
		this.blocks = blocks;
		this.info = info;
		this.store = new ParameterStore(manager, false);
	}

	public JsonObject info() {
		return info;
	}

	public double threshold(Networks.Net net) {
		return info.getAsJsonObject("thresholds").get(net.id()).getAsDouble();
	}

	public double[] box() {
		var a = info.getAsJsonArray("box");
		return new double[] { a.get(0).getAsDouble(), a.get(1).getAsDouble(), a.get(2).getAsDouble(), a.get(3).getAsDouble() };
	}

	public Block block(Networks.Net net) {
		return blocks.get(net);
	}

	/** Class probabilities of each window (side {@code net.size()}, normalized gray), in batches. */
	public synchronized float[][] classify(Networks.Net net, List<float[]> windows) {
		int classes = net.classes();
		float[][] result = new float[windows.size()][];
		int batch = 256;
		for (int from = 0; from < windows.size(); from += batch) {
			int n = Math.min(batch, windows.size() - from);
			int pixels = net.size() * net.size();
			float[] data = new float[n * pixels];
			for (int i = 0; i < n; i++) {
				System.arraycopy(windows.get(from + i), 0, data, i * pixels, pixels);
			}
			try (NDManager scope = manager.newSubManager()) {
				NDArray x = scope.create(data, net.input(n));
				float[] p = Networks.softmax(blocks.get(net).forward(store, new NDList(x), false)).singletonOrThrow().toFloatArray();
				for (int i = 0; i < n; i++) {
					result[from + i] = java.util.Arrays.copyOfRange(p, i * classes, (i + 1) * classes);
				}
			}
		}
		return result;
	}

	/**
	 * The 12-net's face probability for every 12×12 window of a pyramid level at the given step,
	 * computed fully convolutionally: the same values as {@link #classify} on each window cut out
	 * (up to float rounding), at a fraction of the cost, as neighbouring windows share most of
	 * their convolution.
	 * <p>
	 * The net is conv 3×3 → max pool 3×3 stride 2 → ReLU → dense → ReLU → dense. Over a whole
	 * level: the convolution; max pooling with stride 1, so that every window finds its pooling
	 * cells whatever its offset; the first dense layer, over a window's 4×4 cells two apart, as a
	 * 4×4 convolution with dilation 2, striding from window to window; the second as a 1×1
	 * convolution.
	 *
	 * @param level normalized gray pixels, row by row
	 * @return [row of windows][column of windows]: the windows at y = row·step, x = column·step
	 */
	public synchronized float[][] scan12(float[] level, int width, int height, int step) {
		int rows = height < 12 ? 0 : (height - 12) / step + 1;
		int columns = width < 12 ? 0 : (width - 12) / step + 1;
		float[][] result = new float[rows][columns];
		if (rows == 0 || columns == 0) {
			return result;
		}
		List<Block> layers = new ArrayList<>(blocks.get(Networks.Net.NET12).getChildren().values());
		NDArray convWeight = parameter(layers.get(0), "weight");
		NDArray hiddenWeight = parameter(layers.get(4), "weight");
		NDArray outWeight = parameter(layers.get(6), "weight");
		try (NDManager scope = manager.newSubManager()) {
			// the dense layers' weights as convolution kernels: views, released with the scope
			NDArray dense = hiddenWeight.reshape(hiddenWeight.getShape().get(0), convWeight.getShape().get(0), 4, 4);
			NDArray classes = outWeight.reshape(outWeight.getShape().get(0), outWeight.getShape().get(1), 1, 1);
			dense.attach(scope);
			classes.attach(scope);
			NDArray x = Conv2d.conv2d(scope.create(level, new Shape(1, 1, height, width)), convWeight, parameter(layers.get(0), "bias"))
					.singletonOrThrow();
			x = Activation.relu(Pool.maxPool2d(x, new Shape(3, 3), new Shape(1, 1), new Shape(0, 0), false));
			x = Conv2d.conv2d(x, dense, parameter(layers.get(4), "bias"), new Shape(step, step), new Shape(0, 0), new Shape(2, 2), 1)
					.singletonOrThrow();
			x = Conv2d.conv2d(Activation.relu(x), classes, parameter(layers.get(6), "bias")).singletonOrThrow();
			NDArray face = x.softmax(1).get(new NDIndex(":, 1"));
			int mapColumns = (int) face.getShape().get(2);
			float[] p = face.toFloatArray();
			for (int row = 0; row < rows; row++) {
				System.arraycopy(p, row * mapColumns, result[row], 0, columns);
			}
		}
		return result;
	}

	private static NDArray parameter(Block layer, String name) {
		return layer.getParameters().get(name).getArray();
	}

	/** Writes the JSON and the six parameter files into {@code folder}. */
	public void write(Path folder) throws IOException {
		Files.createDirectories(folder);
		for (Map.Entry<Networks.Net, Block> e : blocks.entrySet()) {
			Path file = folder.resolve(e.getKey().id() + ".params");
			try (OutputStream out = Files.newOutputStream(file); DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out))) {
				e.getValue().saveParameters(data);
			}
		}
		JsonObject root = info.deepCopy();
		root.addProperty("format", FORMAT);
		root.addProperty("version", VERSION);
		facet.core.runs.AtomicFiles.write(folder.resolve(JSON), new GsonBuilder().setPrettyPrinting().create().toJson(root));
	}

	/**
	 * Reads a model folder (or its JSON file).
	 *
	 * @throws IOException naming the file that is missing, truncated or of another format
	 */
	public static CnnModel read(Path path, NDManager parent) throws IOException {
		Path folder = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
		Path json = Files.isDirectory(path) ? path.resolve(JSON) : path;
		JsonObject info;
		try {
			JsonElement parsed = JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8));
			if (!parsed.isJsonObject() || !parsed.getAsJsonObject().has("format")
					|| !FORMAT.equals(parsed.getAsJsonObject().get("format").getAsString())) {
				throw new IOException(json + ": not a Cascade CNN model: expected a JSON object with \"format\": \"" + FORMAT + "\"");
			}
			info = parsed.getAsJsonObject();
			if (info.get("version").getAsInt() != VERSION) {
				throw new IOException(json + ": format version " + info.get("version") + " is not supported (this Facet reads " + VERSION + ")");
			}
			for (Networks.Net net : List.of(Networks.Net.NET12, Networks.Net.NET24, Networks.Net.NET48)) {
				info.getAsJsonObject("thresholds").get(net.id()).getAsDouble();
			}
			if (info.getAsJsonArray("box").size() != 4) {
				throw new IOException(json + ": \"box\" needs 4 numbers");
			}
		} catch (NoSuchFileException e) {
			throw new IOException(json + ": no such Cascade CNN model (write one with: facet detector train cascade-cnn)");
		} catch (JsonParseException e) {
			throw new IOException(json + ": not a Cascade CNN model, or truncated: invalid JSON (" + e.getMessage() + ")");
		} catch (RuntimeException e) {
			throw new IOException(json + ": not a valid Cascade CNN model: \"thresholds\" (net12, net24, net48) or \"box\" missing or of the wrong type");
		}
		NDManager manager = parent.newSubManager();
		try {
			Map<Networks.Net, Block> blocks = new EnumMap<>(Networks.Net.class);
			for (Networks.Net net : Networks.Net.values()) {
				Path file = folder.resolve(net.id() + ".params");
				Block block = Networks.build(net);
				block.initialize(manager, DataType.FLOAT32, net.input(1));
				try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(new BufferedInputStream(in))) {
					block.loadParameters(manager, data);
				} catch (NoSuchFileException e) {
					throw new IOException(file + ": missing parameter file of the " + net.id() + " of a Cascade CNN model");
				} catch (MalformedModelException | IOException | RuntimeException e) {
					throw new IOException(file + ": not the parameters of a Cascade CNN " + net.id() + ", or truncated (" + e.getMessage() + ")", e);
				}
				blocks.put(net, block);
			}
			return new CnnModel(manager, blocks, info);
		} catch (IOException | RuntimeException e) {
			manager.close();
			throw e;
		}
	}

	/** A fresh model's blocks, initialized at random, for training. */
	public static Shape inputShape(Networks.Net net) {
		return net.input(1);
	}

	@Override
	public void close() {
		manager.close();
	}
}
