package facet.nn.faceapi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The tensors of a TensorFlow.js weights manifest ({@code *-weights_manifest.json}) and its
 * binary shards, decoded to float32 as tfjs decodes them: quantized {@code uint8}/{@code uint16}
 * values become {@code q * scale + min} (computed in double, rounded to float), {@code float16}
 * values widen. Values stay in tfjs layout (row-major in the manifest's shape, convolution
 * filters as {@code [h, w, in, out]}).
 */
public final class TfjsWeights {

	/** One tensor: its manifest name, shape and values. */
	public record Tensor(String name, long[] shape, float[] values) {

		/** Number of values. */
		public long size() {
			return values.length;
		}
	}

	private final Path manifest;
	private final Map<String, Tensor> tensors;

	private TfjsWeights(Path manifest, Map<String, Tensor> tensors) {
		this.manifest = manifest;
		this.tensors = tensors;
	}

	/**
	 * Reads a manifest and the shards it names (resolved next to it).
	 *
	 * @throws IOException naming the file and, for a short shard or a malformed entry, the tensor
	 */
	public static TfjsWeights read(Path manifest) throws IOException {
		JsonElement root;
		try {
			root = JsonParser.parseString(Files.readString(manifest, StandardCharsets.UTF_8));
		} catch (NoSuchFileException e) {
			throw new IOException(manifest + ": no such weights manifest");
		} catch (JsonParseException e) {
			throw new IOException(manifest + ": not a tfjs weights manifest (invalid JSON: " + e.getMessage() + ")");
		}
		if (!root.isJsonArray()) {
			throw new IOException(manifest + ": not a tfjs weights manifest (expected a JSON array of weight groups)");
		}
		Map<String, Tensor> tensors = new LinkedHashMap<>();
		JsonArray groups = root.getAsJsonArray();
		for (int g = 0; g < groups.size(); g++) {
			JsonObject group = object(groups.get(g), manifest, "[" + g + "]");
			List<Path> shards = new ArrayList<>();
			for (JsonElement path : array(group, "paths", manifest, "[" + g + "]")) {
				shards.add(manifest.resolveSibling(path.getAsString()));
			}
			ByteBuffer bytes = concatenate(shards, manifest).order(ByteOrder.LITTLE_ENDIAN);
			String where = shards.size() == 1 ? shards.get(0).toString() : shards.toString();
			for (JsonElement element : array(group, "weights", manifest, "[" + g + "]")) {
				Tensor tensor = decode(object(element, manifest, "[" + g + "].weights"), bytes, where, manifest);
				tensors.put(tensor.name(), tensor);
			}
		}
		return new TfjsWeights(manifest, Collections.unmodifiableMap(tensors));
	}

	/** The manifest these tensors came from. */
	public Path manifest() {
		return manifest;
	}

	/** Every tensor, by name, in manifest order. */
	public Map<String, Tensor> tensors() {
		return tensors;
	}

	/** Total number of values of all tensors (the network's parameter count). */
	public long parameterCount() {
		return tensors.values().stream().mapToLong(Tensor::size).sum();
	}

	/**
	 * A tensor that must have the given shape.
	 *
	 * @throws IOException naming the manifest and the tensor when it is missing or shaped otherwise
	 */
	public Tensor tensor(String name, long... shape) throws IOException {
		Tensor tensor = tensors.get(name);
		if (tensor == null) {
			throw new IOException(manifest + ": no tensor '" + name + "' (the network needs it with shape " + Arrays.toString(shape) + ")");
		}
		if (!Arrays.equals(tensor.shape(), shape)) {
			throw new IOException(manifest + ": tensor '" + name + "' has shape " + Arrays.toString(tensor.shape()) + ", the network needs "
					+ Arrays.toString(shape));
		}
		return tensor;
	}

	private static ByteBuffer concatenate(List<Path> shards, Path manifest) throws IOException {
		List<byte[]> parts = new ArrayList<>();
		int total = 0;
		for (Path shard : shards) {
			try (InputStream in = Files.newInputStream(shard)) {
				byte[] part = in.readAllBytes();
				parts.add(part);
				total += part.length;
			} catch (NoSuchFileException e) {
				throw new IOException(shard + ": no such weights file (named by " + manifest + ")");
			}
		}
		ByteBuffer all = ByteBuffer.allocate(total);
		parts.forEach(all::put);
		return all.flip();
	}

	private static Tensor decode(JsonObject entry, ByteBuffer bytes, String shards, Path manifest) throws IOException {
		String name = string(entry, "name", manifest, "weights");
		String where = "tensor '" + name + "'";
		JsonArray dims = array(entry, "shape", manifest, where);
		long[] shape = new long[dims.size()];
		long count = 1;
		for (int i = 0; i < shape.length; i++) {
			shape[i] = dims.get(i).getAsLong();
			if (shape[i] < 0) {
				throw new IOException(manifest + ": " + where + " has a negative dimension in " + dims);
			}
			count *= shape[i];
		}
		if (count > Integer.MAX_VALUE / 4) {
			throw new IOException(manifest + ": " + where + " is too large (" + count + " values)");
		}
		String dtype = string(entry, "dtype", manifest, where);
		JsonObject quantization = entry.has("quantization") ? object(entry.get("quantization"), manifest, where + ".quantization") : null;
		String stored = quantization == null ? dtype : string(quantization, "dtype", manifest, where + ".quantization");
		int width = switch (stored) {
			case "float32", "int32" -> 4;
			case "uint16", "float16" -> 2;
			case "uint8" -> 1;
			default -> throw new IOException(manifest + ": " + where + " is stored as " + stored + "; supported are float32, int32, "
					+ "and quantized uint8, uint16, float16");
		};
		if (!"float32".equals(dtype) && !"int32".equals(dtype)) {
			throw new IOException(manifest + ": " + where + " has dtype " + dtype + "; expected float32 or int32");
		}
		long start = bytes.position();
		long end = start + count * width;
		if (end > bytes.limit()) {
			throw new IOException(shards + " has " + bytes.limit() + " bytes, but " + manifest.getFileName() + " needs " + where
					+ " at bytes " + start + ".." + end + ": the weights file is truncated or belongs to another manifest");
		}
		float[] values = new float[(int) count];
		double scale = 0;
		double min = 0;
		if (quantization != null && !"float16".equals(stored)) {
			if (!quantization.has("scale") || !quantization.has("min")) {
				throw new IOException(manifest + ": " + where + " is quantized as " + stored + " without scale and min");
			}
			scale = quantization.get("scale").getAsDouble();
			min = quantization.get("min").getAsDouble();
		}
		for (int i = 0; i < values.length; i++) {
			values[i] = switch (stored) {
				case "float32" -> bytes.getFloat();
				case "int32" -> bytes.getInt();
				case "uint8" -> (float) (Byte.toUnsignedInt(bytes.get()) * scale + min);
				case "uint16" -> (float) (Short.toUnsignedInt(bytes.getShort()) * scale + min);
				case "float16" -> Float.float16ToFloat(bytes.getShort());
				default -> throw new IllegalStateException(stored);
			};
		}
		return new Tensor(name, shape, values);
	}

	private static JsonObject object(JsonElement element, Path manifest, String where) throws IOException {
		if (element == null || !element.isJsonObject()) {
			throw new IOException(manifest + ": " + where + " is not a JSON object");
		}
		return element.getAsJsonObject();
	}

	private static JsonArray array(JsonObject object, String field, Path manifest, String where) throws IOException {
		JsonElement element = object.get(field);
		if (element == null || !element.isJsonArray()) {
			throw new IOException(manifest + ": " + where + " has no array '" + field + "'");
		}
		return element.getAsJsonArray();
	}

	private static String string(JsonObject object, String field, Path manifest, String where) throws IOException {
		JsonElement element = object.get(field);
		if (element == null || !element.isJsonPrimitive()) {
			throw new IOException(manifest + ": " + where + " has no string '" + field + "'");
		}
		return element.getAsString();
	}
}
