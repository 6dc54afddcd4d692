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
import ai.djl.nn.Block;
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
