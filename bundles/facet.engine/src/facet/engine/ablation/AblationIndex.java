package facet.engine.ablation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import facet.core.experiment.ExperimentException;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.runs.AtomicFiles;
import facet.core.runs.RunStore;

/**
 * The record of one ablation in the run store, {@code <runs>/ablations/<name>-<timestamp>.json}:
 * the base experiment (as trained: epochs applied, first seed), the number of seeds, and for the
 * base and every variant the run id of each seed trained so far. Rewritten atomically after every
 * run, so that a cancelled or killed ablation leaves an index that {@code facet ablate --resume}
 * can continue from. The variants are not stored but generated again from the base by
 * {@link AblationSet}, so an index always matches its generator.
 */
public final class AblationIndex {

	/** The sub-folder of the run store that holds ablation indexes and tables. */
	public static final String FOLDER = "ablations";
	public static final int FORMAT = 1;

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

	private final Path file;
	private final ExperimentSpec base;
	private final int seeds;
	private final Instant created;
	/** Variant name → seed → run id. */
	private final Map<String, Map<Long, String>> runs = new LinkedHashMap<>();

	private AblationIndex(Path file, ExperimentSpec base, int seeds, Instant created) {
		this.file = file;
		this.base = base;
		this.seeds = seeds;
		this.created = created;
		for (Ablation a : variants()) {
			runs.put(a.name(), new LinkedHashMap<>());
		}
	}

	/** Claims a new index file in the store's ablation folder and writes it (no runs yet). */
	public static AblationIndex create(RunStore store, ExperimentSpec base, int seeds) throws IOException {
		if (seeds < 1) {
			throw new IllegalArgumentException("seeds must be at least 1, got " + seeds);
		}
		Path folder = store.root().resolve(FOLDER);
		Files.createDirectories(folder);
		Instant now = Instant.now();
		String stem = slug(base.name()) + "-" + STAMP.format(now);
		for (int attempt = 1;; attempt++) {
			Path file = folder.resolve(attempt == 1 ? stem + ".json" : stem + "-" + attempt + ".json");
			try {
				Files.createFile(file);
			} catch (java.nio.file.FileAlreadyExistsException e) {
				continue;
			}
			AblationIndex index = new AblationIndex(file, base, seeds, now);
			index.save();
			return index;
		}
	}

	/** Reads an index written by {@link #save()}; errors name the file and the field. */
	public static AblationIndex read(Path file) throws IOException {
		JsonObject o;
		try {
			JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
			if (!e.isJsonObject()) {
				throw new IOException(file + ": not an ablation index (expected a JSON object)");
			}
			o = e.getAsJsonObject();
		} catch (JsonParseException e) {
			throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
		}
		try {
			if (!o.has("format") || o.get("format").getAsInt() != FORMAT) {
				throw new IOException(file + ": $.format: expected " + FORMAT);
			}
			if (!o.has("experiment") || !o.get("experiment").isJsonObject()) {
				throw new IOException(file + ": $.experiment: expected the base experiment as an object");
			}
			ExperimentSpec base = ExperimentFormat.parse(o.get("experiment").toString(), file + " $.experiment");
			int seeds = o.get("seeds").getAsInt();
			AblationIndex index = new AblationIndex(file, base, seeds, Instant.parse(o.get("created").getAsString()));
			JsonArray variants = o.getAsJsonArray("variants");
			for (int i = 0; i < variants.size(); i++) {
				JsonObject v = variants.get(i).getAsJsonObject();
				String name = v.get("name").getAsString();
				Map<Long, String> byS = index.runs.get(name);
				if (byS == null) {
					throw new IOException(file + ": $.variants[" + i + "].name: \"" + name + "\" is not a variant of " + base.name()
							+ "; its variants are " + String.join(", ", index.runs.keySet()));
				}
				for (JsonElement r : v.getAsJsonArray("runs")) {
					JsonObject run = r.getAsJsonObject();
					byS.put(run.get("seed").getAsLong(), run.get("run").getAsString());
				}
			}
			return index;
		} catch (ExperimentException e) {
			throw new IOException(file + ": $.experiment: " + e.getMessage(), e);
		} catch (RuntimeException e) {
			throw new IOException(file + ": not an ablation index (" + e.getMessage() + "); expected format, created, seeds, experiment, variants", e);
		}
	}

	/** Writes the index atomically. */
	public synchronized void save() throws IOException {
		JsonObject o = new JsonObject();
		o.addProperty("format", FORMAT);
		o.addProperty("name", base.name());
		o.addProperty("created", created.toString());
		o.addProperty("seeds", seeds);
		o.add("experiment", JsonParser.parseString(ExperimentFormat.toJson(base)));
		JsonArray variants = new JsonArray();
		for (Ablation a : variants()) {
			JsonObject v = new JsonObject();
			v.addProperty("name", a.name());
			v.addProperty("experiment", a.experiment().name());
			JsonArray list = new JsonArray();
			runs.get(a.name()).forEach((seed, id) -> {
				JsonObject r = new JsonObject();
				r.addProperty("seed", seed);
				r.addProperty("run", id);
				list.add(r);
			});
			v.add("runs", list);
			variants.add(v);
		}
		o.add("variants", variants);
		AtomicFiles.write(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n");
	}

	public Path file() {
		return file;
	}

	/** A file next to the index with another extension, e.g. {@code sibling(".md")}. */
	public Path sibling(String extension) {
		String name = file.getFileName().toString();
		return file.resolveSibling((name.endsWith(".json") ? name.substring(0, name.length() - 5) : name) + extension);
	}

	public ExperimentSpec base() {
		return base;
	}

	public int seeds() {
		return seeds;
	}

	/** The seeds of every variant: the base's seed and the next ones. */
	public List<Long> seedValues() {
		List<Long> values = new ArrayList<>();
		for (int i = 0; i < seeds; i++) {
			values.add(base.seed() + i);
		}
		return values;
	}

	/** The base (named {@link AblationSet#BASE}) and then every variant of {@link AblationSet#of}. */
	public List<Ablation> variants() {
		return AblationSet.withBase(base);
	}

	/** The run recorded for a variant and seed. */
	public synchronized Optional<String> run(String variant, long seed) {
		return Optional.ofNullable(runs(variant).get(seed));
	}

	/** Seed → run id of a variant, in the order they were recorded. */
	public synchronized Map<Long, String> runs(String variant) {
		Map<Long, String> m = runs.get(variant);
		if (m == null) {
			throw new IllegalArgumentException("no variant \"" + variant + "\"; variants: " + String.join(", ", runs.keySet()));
		}
		return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
	}

	/** Records a run (does not save). */
	public synchronized void record(String variant, long seed, String runId) {
		runs(variant);
		runs.get(variant).put(seed, runId);
	}

	static String slug(String name) {
		String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		return slug.isEmpty() ? "experiment" : slug;
	}
}
