package facet.engine.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import facet.core.Progress;
import facet.core.runs.AtomicFiles;

/**
 * {@code facet analyze --shards N}: N processes or cluster tasks each run {@code facet analyze
 * --shard K/N} into a folder of their own, then {@link #merge(Path)} joins their outputs into
 * the files a single run writes, in the order a single run writes them. The output folder holds:
 *
 * <pre>
 * faces.csv, faces.json, errors.csv, *.analyzed.png   the merged result (as one run writes it)
 * shards/index.json       shards, executor, Slurm job, the analyze options, working folder
 * shards/inputs.txt       every image, in the order one run analyses them
 * shards/input-errors.csv inputs that could not be listed (a missing file, an empty folder)
 * shards/run-shard.sh     runs shard K and records its exit status in shards/K.exit
 * shards/shard-K/         what shard K wrote
 * shards/logs/shard-K.log its output
 * </pre>
 *
 * Each task writes only its own folder and exit file; only the submitting process writes the
 * merged files, atomically.
 */
public final class ShardedAnalysis {

	public static final String SHARDS = "shards";
	public static final String FACES_CSV = "faces.csv";
	public static final String FACES_JSON = "faces.json";
	public static final String ERRORS_CSV = "errors.csv";
	public static final String ERRORS_HEADER = "file,error";
	private static final Set<String> RESULT_FILES = Set.of(FACES_CSV, FACES_JSON, ERRORS_CSV);

	/** One input that failed, and why. */
	public record FileError(String file, String error) {
	}

	/** What a merge wrote. */
	public record Merged(int images, int faces, List<FileError> errors) {
	}

	private final Path out;
	private final JsonObject index;

	private ShardedAnalysis(Path out, JsonObject index) {
		this.out = out;
		this.index = index;
	}

	/**
	 * Writes the shard folder: the image list, the input errors and the script that runs one shard.
	 *
	 * @param analyzeOptions options every shard passes to {@code facet analyze} (detector, model, ...)
	 * @param workingFolder where the shards run, so that relative paths mean what they meant here
	 */
	public static ShardedAnalysis create(Path out, int shards, List<Path> images, List<FileError> inputErrors, List<String> analyzeOptions,
			Path launcher, Path workingFolder, String executor) throws IOException {
		if (shards < 1) {
			throw new IllegalArgumentException("--shards expects N ≥ 1, got " + shards);
		}
		Path folder = out.resolve(SHARDS);
		if (Files.exists(folder)) {
			throw new IOException(folder + " exists: a sharded analysis was already run into " + out + "; choose another --out or remove it");
		}
		Files.createDirectories(folder.resolve("logs"));
		StringBuilder list = new StringBuilder();
		for (Path image : images) {
			String text = image.toString();
			if (text.contains("\n")) {
				throw new IOException(text + ": a file name with a line break cannot be listed for the shards");
			}
			list.append(text).append('\n');
		}
		AtomicFiles.write(folder.resolve("inputs.txt"), list.toString());
		AtomicFiles.write(folder.resolve("input-errors.csv"), errorsCsv(inputErrors));
		JsonObject index = new JsonObject();
		index.addProperty("format", 1);
		index.addProperty("shards", shards);
		index.addProperty("executor", executor);
		index.addProperty("created", Instant.now().toString());
		index.addProperty("launcher", launcher.toAbsolutePath().toString());
		index.addProperty("workingFolder", workingFolder.toAbsolutePath().toString());
		JsonArray options = new JsonArray();
		analyzeOptions.forEach(options::add);
		index.add("options", options);
		ShardedAnalysis analysis = new ShardedAnalysis(out.toAbsolutePath().normalize(), index);
		analysis.writeRunShard(analyzeOptions, launcher.toAbsolutePath(), workingFolder.toAbsolutePath());
		analysis.saveIndex();
		return analysis;
	}

	/** A sharded analysis by its output folder. */
	public static ShardedAnalysis open(Path out) throws IOException {
		Path file = out.resolve(SHARDS).resolve("index.json");
		if (!Files.isRegularFile(file)) {
			throw new IOException(out + " holds no sharded analysis (no " + SHARDS + "/index.json): give the --out folder of facet analyze --shards");
		}
		try {
			return new ShardedAnalysis(out.toAbsolutePath().normalize(), JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject());
		} catch (RuntimeException e) {
			throw new IOException(file + ": not a shard index: " + e.getMessage(), e);
		}
	}

	private void writeRunShard(List<String> options, Path launcher, Path workingFolder) throws IOException {
		StringBuilder command = new StringBuilder(Sweep.quote(launcher.toString())).append(" analyze --shard \"$k/").append(shards())
				.append("\" --inputs ").append(Sweep.quote(folder().resolve("inputs.txt").toString())).append(" --out \"$shards/shard-$k\"");
		for (String o : options) {
			command.append(' ').append(Sweep.quote(o));
		}
		Path script = folder().resolve("run-shard.sh");
		AtomicFiles.write(script, "#!/usr/bin/env bash\n"
				+ "# Runs shard K of this analysis and records its exit status in shards/K.exit (written atomically).\n"
				+ "shards=\"$(cd \"$(dirname \"${BASH_SOURCE[0]}\")\" && pwd)\"\n"
				+ "k=\"$1\"\n"
				+ "rm -f \"$shards/$k.exit\"\n"
				+ "cd " + Sweep.quote(workingFolder.toString()) + " || exit 2\n"
				+ "echo \"facet analyze: shard $k/" + shards() + " on $(hostname) with OMP_NUM_THREADS=${OMP_NUM_THREADS:-unset}\"\n"
				+ command + "\n"
				+ "code=$?\n"
				+ "echo \"$code\" > \"$shards/.$k.exit.tmp\" && mv -f \"$shards/.$k.exit.tmp\" \"$shards/$k.exit\"\n"
				+ "exit $code\n");
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	private void saveIndex() throws IOException {
		AtomicFiles.write(folder().resolve("index.json"), new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(index) + "\n");
	}

	public Path out() {
		return out;
	}

	public Path folder() {
		return out.resolve(SHARDS);
	}

	public int shards() {
		return index.get("shards").getAsInt();
	}

	public String executor() {
		return index.get("executor").getAsString();
	}

	/** The Slurm job of the array, once submitted. */
	public Optional<String> job() {
		return index.has("job") ? Optional.of(index.get("job").getAsString()) : Optional.empty();
	}

	public Path shardFolder(int k) {
		return folder().resolve("shard-" + k);
	}

	public Path log(int k) {
		return folder().resolve("logs/shard-" + k + ".log");
	}

	public Optional<Integer> exitStatus(int k) {
		try {
			return Optional.of(Integer.parseInt(Files.readString(folder().resolve(k + ".exit")).trim()));
		} catch (IOException | NumberFormatException e) {
			return Optional.empty();
		}
	}

	/** Submits the shards as one job array (indices 1..N, the K of {@code --shard K/N}). */
	public String submitToSlurm(Slurm.Options options) throws IOException {
		String job = Slurm.submitArray(folder().resolve("slurm.sh"), "facet-analyze", folder().resolve("logs/shard-%a.log"), folder().resolve("run-shard.sh"),
				"1-" + shards(), options, folder());
		index.addProperty("job", job);
		saveIndex();
		return job;
	}

	/** The state of every shard (index K-1): its exit file, else what Slurm or the local run says. */
	public List<TaskState> states(Slurm.JobView slurm) {
		List<TaskState> states = new ArrayList<>();
		for (int k = 1; k <= shards(); k++) {
			Optional<Integer> exit = exitStatus(k);
			if (exit.isPresent()) {
				// exit 1 means some files failed and are listed; the shard's output is complete
				states.add(exit.get() <= 1 && Files.isRegularFile(shardFolder(k).resolve(FACES_JSON)) ? TaskState.DONE : TaskState.FAILED);
				continue;
			}
			TaskState s = slurm == null || job().isEmpty() ? null : slurm.state(job().get(), k);
			states.add(s == null ? (slurm == null ? TaskState.PENDING : TaskState.FAILED) : s);
		}
		return states;
	}

	/** Cancels the whole array. */
	public void cancelSlurm() throws IOException {
		if (job().isPresent()) {
			Slurm.cancelJob(job().get());
		}
	}

	/**
	 * Runs the shards in worker processes on this machine, at most {@code parallel} at once, the
	 * cores split between them; stops the workers when the progress is cancelled.
	 */
	public void runLocally(int parallel, Progress progress) throws IOException {
		int cores = Runtime.getRuntime().availableProcessors();
		int workers = Math.max(1, Math.min(Math.min(parallel, cores), shards()));
		int threads = Math.max(1, cores / workers);
		ExecutorService pool = Executors.newFixedThreadPool(workers);
		List<Process> running = java.util.Collections.synchronizedList(new ArrayList<>());
		progress.begin("analyze: " + shards() + " shards, " + workers + " at a time", shards());
		try {
			for (int k = 1; k <= shards(); k++) {
				int shard = k;
				pool.submit(() -> {
					if (progress.isCanceled()) {
						return null;
					}
					ProcessBuilder pb = new ProcessBuilder("bash", folder().resolve("run-shard.sh").toString(), Integer.toString(shard)).redirectErrorStream(true)
							.redirectOutput(log(shard).toFile());
					pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
					Process p = pb.start();
					running.add(p);
					p.waitFor();
					running.remove(p);
					progress.worked(1, "shard " + shard + " ended with exit status " + p.exitValue());
					return null;
				});
			}
			pool.shutdown();
			while (!pool.awaitTermination(200, TimeUnit.MILLISECONDS)) {
				if (progress.isCanceled()) {
					synchronized (running) {
						for (Process p : running) {
							p.descendants().forEach(ProcessHandle::destroy);
							p.destroy();
						}
					}
				}
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} finally {
			pool.shutdownNow();
		}
	}

	/**
	 * Joins the shards' outputs into {@code out}: faces.csv, faces.json and errors.csv in the order
	 * of {@code shards/inputs.txt} (the order of a single run; the input errors first, as a
	 * single run finds them first), and the annotated images.
	 *
	 * @throws IOException naming the shard whose output is missing or unreadable
	 */
	public static Merged merge(Path out) throws IOException {
		ShardedAnalysis analysis = open(out);
		Path folder = analysis.folder();
		int n = analysis.shards();
		List<String> inputs = Files.readAllLines(folder.resolve("inputs.txt"), StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList();
		List<FileError> inputErrors = readErrors(folder.resolve("input-errors.csv"));
		String header = null;
		Map<String, Deque<List<String>>> rows = new HashMap<>();
		Map<String, Deque<JsonObject>> results = new HashMap<>();
		Map<String, Deque<String>> errors = new LinkedHashMap<>();
		for (int k = 1; k <= n; k++) {
			Path shard = analysis.shardFolder(k);
			for (String name : List.of(FACES_CSV, FACES_JSON, ERRORS_CSV)) {
				if (!Files.isRegularFile(shard.resolve(name))) {
					Optional<Integer> exit = analysis.exitStatus(k);
					throw new IOException("shard " + k + "/" + n + " has no output: " + shard.resolve(name) + " is missing ("
							+ (exit.isPresent() ? "the shard ended with exit status " + exit.get() : "the shard has not finished, or was killed") + "; see "
							+ analysis.log(k) + "); run that shard again or rerun the analysis");
				}
			}
			List<String> lines = Files.readAllLines(shard.resolve(FACES_CSV), StandardCharsets.UTF_8);
			if (lines.isEmpty()) {
				throw new IOException(shard.resolve(FACES_CSV) + ": empty, expected a CSV header");
			}
			if (header == null) {
				header = lines.get(0);
			} else if (!header.equals(lines.get(0))) {
				throw new IOException(shard.resolve(FACES_CSV) + ": header \"" + lines.get(0) + "\" differs from shard 1's \"" + header + "\"");
			}
			// one analysis is a run of consecutive rows of one image
			String previous = null;
			List<String> group = null;
			for (String line : lines.subList(1, lines.size())) {
				if (line.isEmpty()) {
					continue;
				}
				String image = firstField(line);
				if (!image.equals(previous) || group == null) {
					group = new ArrayList<>();
					rows.computeIfAbsent(image, i -> new ArrayDeque<>()).add(group);
					previous = image;
				}
				group.add(line);
			}
			JsonElement json;
			try {
				json = JsonParser.parseString(Files.readString(shard.resolve(FACES_JSON), StandardCharsets.UTF_8));
			} catch (RuntimeException e) {
				throw new IOException(shard.resolve(FACES_JSON) + ": not JSON: " + e.getMessage(), e);
			}
			if (!json.isJsonArray()) {
				throw new IOException(shard.resolve(FACES_JSON) + ": expected an array of analysed images");
			}
			for (JsonElement e : json.getAsJsonArray()) {
				if (!e.isJsonObject() || !e.getAsJsonObject().has("image")) {
					throw new IOException(shard.resolve(FACES_JSON) + ": expected objects with an \"image\" field, got " + e);
				}
				results.computeIfAbsent(e.getAsJsonObject().get("image").getAsString(), i -> new ArrayDeque<>()).add(e.getAsJsonObject());
			}
			for (FileError error : readErrors(shard.resolve(ERRORS_CSV))) {
				errors.computeIfAbsent(error.file(), f -> new ArrayDeque<>()).add(error.error());
			}
		}
		StringBuilder csv = new StringBuilder(header).append('\n');
		JsonArray merged = new JsonArray();
		List<FileError> allErrors = new ArrayList<>(inputErrors);
		int faces = 0;
		for (String image : inputs) {
			JsonObject result = poll(results, image);
			String error = poll(errors, image);
			if (result == null && error == null) {
				throw new IOException("no shard reported " + image + " (neither in a faces.json nor in an errors.csv under " + folder
						+ "): the shards did not analyse the same list; rerun the analysis");
			}
			if (result != null) {
				merged.add(result);
				List<String> group = poll(rows, image);
				if (group != null) {
					group.forEach(l -> csv.append(l).append('\n'));
					faces += group.size();
				}
			}
			if (error != null) {
				allErrors.add(new FileError(image, error));
			}
		}
		// errors about files outside the list (none are expected) are kept, not lost
		errors.forEach((file, left) -> left.forEach(e -> allErrors.add(new FileError(file, e))));
		for (int k = 1; k <= n; k++) {
			try (DirectoryStream<Path> files = Files.newDirectoryStream(analysis.shardFolder(k))) {
				for (Path f : files) {
					String name = f.getFileName().toString();
					if (Files.isRegularFile(f) && !RESULT_FILES.contains(name) && !name.startsWith(AtomicFiles.TEMP_PREFIX)) {
						Files.copy(f, out.resolve(name), StandardCopyOption.REPLACE_EXISTING);
					}
				}
			}
		}
		AtomicFiles.write(out.resolve(FACES_CSV), csv.toString());
		AtomicFiles.write(out.resolve(FACES_JSON), new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(merged) + "\n");
		AtomicFiles.write(out.resolve(ERRORS_CSV), errorsCsv(allErrors));
		return new Merged(merged.size(), faces, allErrors);
	}

	private static <T> T poll(Map<String, Deque<T>> map, String key) {
		Deque<T> d = map.get(key);
		if (d == null) {
			return null;
		}
		T value = d.poll();
		if (d.isEmpty()) {
			map.remove(key);
		}
		return value;
	}

	/** The errors file every analysis writes: {@code file,error}, one line per failed input. */
	public static String errorsCsv(List<FileError> errors) {
		StringBuilder text = new StringBuilder(ERRORS_HEADER).append('\n');
		for (FileError e : errors) {
			text.append(csvField(e.file())).append(',').append(csvField(e.error().replace('\n', ' '))).append('\n');
		}
		return text.toString();
	}

	/** Reads an errors file written by {@link #errorsCsv(List)}. */
	public static List<FileError> readErrors(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		if (lines.isEmpty() || !lines.get(0).equals(ERRORS_HEADER)) {
			throw new IOException(file + ": expected the header \"" + ERRORS_HEADER + "\"");
		}
		List<FileError> errors = new ArrayList<>();
		for (int i = 1; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isEmpty()) {
				continue;
			}
			String file0 = firstField(line);
			int rest = fieldEnd(line);
			if (rest >= line.length() || line.charAt(rest) != ',') {
				throw new IOException(file + ": line " + (i + 1) + ": expected file,error");
			}
			errors.add(new FileError(file0, unquote(line.substring(rest + 1))));
		}
		return errors;
	}

	/** A CSV field, quoted when it holds a comma or a quote. */
	public static String csvField(String text) {
		return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
	}

	static String firstField(String line) {
		return unquote(line.substring(0, fieldEnd(line)));
	}

	private static int fieldEnd(String line) {
		if (!line.startsWith("\"")) {
			int comma = line.indexOf(',');
			return comma < 0 ? line.length() : comma;
		}
		int i = 1;
		while (i < line.length()) {
			if (line.charAt(i) == '"') {
				if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
					i += 2;
					continue;
				}
				return i + 1;
			}
			i++;
		}
		return line.length();
	}

	private static String unquote(String field) {
		return field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"") ? field.substring(1, field.length() - 1).replace("\"\"", "\"") : field;
	}
}
