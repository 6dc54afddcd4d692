package facet.core.runs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * One run folder. Every file is written atomically; metrics are appended as JSON lines.
 * <p>
 * Layout: {@code run.json} (identity, status, environment), {@code experiment.facet.json}
 * (the exact experiment), {@code metrics.jsonl} (one object per line), and whatever later
 * stages add (checkpoints, predictions, confusion matrix, heatmaps).
 */
public final class Run {

	public static final String INFO_FILE = "run.json";
	public static final String EXPERIMENT_FILE = "experiment.facet.json";
	public static final String METRICS_FILE = "metrics.jsonl";

	private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues().create();

	private final Path folder;
	private RunInfo info;

	Run(Path folder, RunInfo info) {
		this.folder = folder;
		this.info = info;
	}

	/** Opens an existing run folder. */
	public static Run open(Path folder) throws IOException {
		Path infoFile = folder.resolve(INFO_FILE);
		if (!Files.isRegularFile(infoFile)) {
			throw new IOException(folder + " is not a run: it has no " + INFO_FILE);
		}
		try {
			JsonObject json = JsonParser.parseString(Files.readString(infoFile, StandardCharsets.UTF_8)).getAsJsonObject();
			return new Run(folder, RunJson.info(json));
		} catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
			throw new IOException(infoFile + " is not a valid run description: " + e.getMessage(), e);
		}
	}

	public Path folder() {
		return folder;
	}

	public String id() {
		return info.id();
	}

	public synchronized RunInfo info() {
		return info;
	}

	/** Appends one metrics record (a flat object of numbers and strings) to {@code metrics.jsonl}. */
	public void appendMetrics(Map<String, ?> record) throws IOException {
		AtomicFiles.appendLine(folder.resolve(METRICS_FILE), GSON.toJson(record));
	}

	/**
	 * Reads every complete metrics record. A last line cut short by a crash is skipped, never
	 * taken for a record.
	 */
	public List<JsonObject> readMetrics() throws IOException {
		Path file = folder.resolve(METRICS_FILE);
		List<JsonObject> records = new ArrayList<>();
		if (!Files.exists(file)) {
			return records;
		}
		String text = Files.readString(file, StandardCharsets.UTF_8);
		int end = text.lastIndexOf('\n');
		if (end < 0) {
			return records;
		}
		for (String line : text.substring(0, end).split("\n")) {
			if (!line.isBlank()) {
				try {
					records.add(JsonParser.parseString(line).getAsJsonObject());
				} catch (JsonParseException | IllegalStateException e) {
					throw new IOException(file + ": line " + (records.size() + 1) + " is not a JSON object: " + e.getMessage(), e);
				}
			}
		}
		return records;
	}

	/** Writes a file into the run folder atomically. */
	public void writeFile(String name, byte[] bytes) throws IOException {
		if (name.contains("..") || name.startsWith("/")) {
			throw new IllegalArgumentException("run files stay inside the run folder, got " + name);
		}
		AtomicFiles.write(folder.resolve(name), bytes);
	}

	public void writeFile(String name, String text) throws IOException {
		writeFile(name, text.getBytes(StandardCharsets.UTF_8));
	}

	/** Marks the run finished with a status and, for failures and cancels, the reason. */
	public synchronized void finish(RunStatus status, String message) throws IOException {
		saveInfo(info.finished(status, Instant.now(), message));
	}

	/** Marks a stopped, failed or cancelled run as running again, for a resume. */
	public synchronized void restart() throws IOException {
		saveInfo(new RunInfo(info.id(), info.experiment(), info.seed(), RunStatus.RUNNING, info.started(), java.util.Optional.empty(),
				java.util.Optional.empty(), info.environment()));
	}

	synchronized void saveInfo() throws IOException {
		saveInfo(info);
	}

	/**
	 * Writes {@code run.json} and only then takes the new state, so that after a failed write
	 * (a full disk) the run in memory still says what its whole previous file says.
	 */
	private void saveInfo(RunInfo next) throws IOException {
		Path file = folder.resolve(INFO_FILE);
		try {
			AtomicFiles.write(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(RunJson.toJson(next)) + "\n");
		} catch (IOException e) {
			throw new IOException(file + " could not be written (" + e.getMessage() + "); its previous version, if any, is unchanged", e);
		}
		info = next;
	}

	@Override
	public String toString() {
		return folder.toString();
	}
}
