package facet.engine.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Splits analysis input (images, run folders) into N shards for N cluster tasks, and merges what
 * the shards wrote. Deterministic: inputs are sorted by path, and shard K of N (1-based) takes
 * every N-th from the K-th, so shards are balanced and every input lands in exactly one shard,
 * whatever order the file system listed them in.
 */
public final class Shards {

	/** Shard K of N as given on a command line ({@code --shard 2/8}). */
	public record Shard(int k, int n) {
		public Shard {
			if (n < 1 || k < 1 || k > n) {
				throw new IllegalArgumentException("a shard is K/N with 1 ≤ K ≤ N, got " + k + "/" + n);
			}
		}

		public static Shard parse(String text) {
			String[] parts = text == null ? new String[0] : text.split("/");
			try {
				if (parts.length == 2) {
					return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
				}
			} catch (NumberFormatException e) {
				// the message below says what a shard looks like
			}
			throw new IllegalArgumentException("a shard is K/N with 1 ≤ K ≤ N (e.g. 2/8), got \"" + text + "\"");
		}
	}

	private Shards() {
	}

	/** The inputs of shard {@code k} of {@code n} (1-based), in sorted order. */
	public static List<Path> select(List<Path> inputs, int k, int n) {
		new Shard(k, n);
		List<Path> sorted = new ArrayList<>(inputs);
		sorted.sort(Comparator.comparing(Path::toString));
		List<Path> mine = new ArrayList<>();
		for (int i = k - 1; i < sorted.size(); i += n) {
			mine.add(sorted.get(i));
		}
		return mine;
	}

	/** Concatenates the shards' CSV files (same header required) into one, rows in shard order. */
	public static void mergeCsv(List<Path> shards, Path out) throws IOException {
		String header = null;
		StringBuilder merged = new StringBuilder();
		for (Path shard : shards) {
			List<String> lines = Files.readAllLines(shard, StandardCharsets.UTF_8);
			if (lines.isEmpty()) {
				throw new IOException(shard + ": empty, expected a CSV header");
			}
			if (header == null) {
				header = lines.get(0);
				merged.append(header).append('\n');
			} else if (!header.equals(lines.get(0))) {
				throw new IOException(shard + ": header \"" + lines.get(0) + "\" differs from the first shard's \"" + header + "\"");
			}
			lines.subList(1, lines.size()).stream().filter(l -> !l.isEmpty()).forEach(l -> merged.append(l).append('\n'));
		}
		facet.core.runs.AtomicFiles.write(out, merged.toString());
	}

	/**
	 * Merges the shards' JSON: arrays are concatenated, objects merged field by field (recursively);
	 * two shards giving different values for one field is an error naming it.
	 */
	public static void mergeJson(List<Path> shards, Path out) throws IOException {
		JsonElement merged = null;
		for (Path shard : shards) {
			JsonElement e;
			try {
				e = JsonParser.parseString(Files.readString(shard, StandardCharsets.UTF_8));
			} catch (RuntimeException ex) {
				throw new IOException(shard + ": not JSON: " + ex.getMessage(), ex);
			}
			merged = merged == null ? e : merge(merged, e, "$", shard);
		}
		facet.core.runs.AtomicFiles.write(out, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(merged) + "\n");
	}

	private static JsonElement merge(JsonElement a, JsonElement b, String path, Path shard) throws IOException {
		if (a.isJsonArray() && b.isJsonArray()) {
			JsonArray both = a.getAsJsonArray().deepCopy();
			both.addAll(b.getAsJsonArray());
			return both;
		}
		if (a.isJsonObject() && b.isJsonObject()) {
			JsonObject both = a.getAsJsonObject().deepCopy();
			for (Map.Entry<String, JsonElement> e : b.getAsJsonObject().entrySet()) {
				both.add(e.getKey(), both.has(e.getKey()) ? merge(both.get(e.getKey()), e.getValue(), path + "." + e.getKey(), shard) : e.getValue());
			}
			return both;
		}
		if (a.equals(b)) {
			return a;
		}
		throw new IOException(shard + ": " + path + " is " + b + " but an earlier shard has " + a + " (shards must not overlap)");
	}
}
