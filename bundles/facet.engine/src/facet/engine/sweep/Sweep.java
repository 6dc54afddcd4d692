package facet.engine.sweep;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import facet.core.runs.AtomicFiles;
import facet.core.runs.Run;
import facet.core.runs.RunStatus;
import facet.core.runs.RunStore;

/**
 * A sweep folder in the run store, {@code sweeps/<name>-<timestamp>/}:
 *
 * <pre>
 * index.json              tasks (task → point, seed, run id when known, Slurm job), executor, created
 * sweep.json              the sweep file as given
 * points/p003.facet.json  each point's resolved experiment
 * tasks/7.sh              what task 7 runs (train, or resume after a retry)
 * tasks/7.exit            task 7's exit status, written by the task itself when it ends
 * run-task.sh             runs one task and records its exit status (both executors use it)
 * logs/task-7.log         the task's output
 * comparison.txt, points.csv   written once every task is done
 * </pre>
 *
 * The index has one writer at a time (a file lock) and is replaced atomically; tasks never
 * write it, they write only their own exit file, so a thousand tasks never contend for it.
 */
public final class Sweep {

	public static final String INDEX = "index.json";
	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

	private final Path folder;
	private final JsonObject header;
	private final List<SweepTask> tasks;

	private Sweep(Path folder, JsonObject header, List<SweepTask> tasks) {
		this.folder = folder;
		this.header = header;
		this.tasks = new ArrayList<>(tasks);
	}

	/** Creates the sweep folder with its points, task scripts and index. */
	public static Sweep create(RunStore store, SweepDefinition definition, String definitionText, List<SweepPoint> points, List<Long> seeds,
			Path launcher, String executor) throws IOException {
		Path sweeps = store.root().resolve("sweeps");
		Files.createDirectories(sweeps);
		Instant now = Instant.now();
		Path folder = null;
		for (int attempt = 0; folder == null; attempt++) {
			Path candidate = sweeps.resolve(definition.name() + "-" + STAMP.format(now) + (attempt == 0 ? "" : "-" + (attempt + 1)));
			try {
				Files.createDirectory(candidate);
				folder = candidate;
			} catch (java.nio.file.FileAlreadyExistsException e) {
				// another sweep of the same name this second: take the next suffix
			}
		}
		Files.createDirectories(folder.resolve("points"));
		Files.createDirectories(folder.resolve("tasks"));
		Files.createDirectories(folder.resolve("logs"));
		AtomicFiles.write(folder.resolve("sweep.json"), definitionText);
		List<SweepTask> tasks = new ArrayList<>();
		for (SweepPoint p : points) {
			String file = String.format(Locale.ROOT, "points/p%03d.facet.json", p.index());
			AtomicFiles.write(folder.resolve(file), p.json());
			for (long seed : seeds) {
				tasks.add(new SweepTask(tasks.size(), p.index(), p.label(), p.experiment().name(), seed, file, null, null));
			}
		}
		JsonObject header = new JsonObject();
		header.addProperty("format", 1);
		header.addProperty("name", definition.name());
		header.addProperty("kind", definition.kind());
		header.addProperty("created", now.toString());
		header.addProperty("executor", executor);
		header.addProperty("runs", store.root().toString());
		header.addProperty("launcher", launcher.toAbsolutePath().toString());
		header.add("jobs", new JsonArray());
		Sweep sweep = new Sweep(folder, header, tasks);
		sweep.writeRunTask();
		for (SweepTask t : tasks) {
			sweep.writeTaskScript(t, Optional.empty());
		}
		sweep.save();
		return sweep;
	}

	/** A sweep by folder path, or by its folder name under the store's {@code sweeps/}. */
	public static Sweep open(RunStore store, String nameOrPath) throws IOException {
		Path folder = Path.of(nameOrPath);
		if (!Files.isRegularFile(folder.resolve(INDEX))) {
			folder = store.root().resolve("sweeps").resolve(nameOrPath);
		}
		if (!Files.isRegularFile(folder.resolve(INDEX))) {
			throw new IOException("no sweep '" + nameOrPath + "' (give a sweep folder, or a folder name under " + store.root().resolve("sweeps") + ")");
		}
		JsonObject root;
		try {
			root = JsonParser.parseString(Files.readString(folder.resolve(INDEX), StandardCharsets.UTF_8)).getAsJsonObject();
		} catch (RuntimeException e) {
			throw new IOException(folder.resolve(INDEX) + ": not a sweep index: " + e.getMessage(), e);
		}
		List<SweepTask> tasks = new ArrayList<>();
		for (JsonElement e : root.getAsJsonArray("tasks")) {
			JsonObject t = e.getAsJsonObject();
			tasks.add(new SweepTask(t.get("task").getAsInt(), t.get("point").getAsInt(), t.get("label").getAsString(), t.get("name").getAsString(),
					t.get("seed").getAsLong(), t.get("experiment").getAsString(), text(t, "run"), text(t, "job")));
		}
		root.remove("tasks");
		return new Sweep(folder.toAbsolutePath().normalize(), root, tasks);
	}

	private static String text(JsonObject o, String key) {
		return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : null;
	}

	public Path folder() {
		return folder;
	}

	public String name() {
		return folder.getFileName().toString();
	}

	public String kind() {
		return header.get("kind").getAsString();
	}

	public String executor() {
		return header.get("executor").getAsString();
	}

	public Instant created() {
		return Instant.parse(header.get("created").getAsString());
	}

	/**
	 * The store the sweep is in: a sweep is always created as {@code <store>/sweeps/<name>}, so
	 * its folder says where the runs are even when the store was moved or is mounted under another
	 * path on this machine; the store recorded at creation is only the fallback.
	 */
	public RunStore store() {
		Path parent = folder.getParent();
		if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("sweeps") && parent.getParent() != null) {
			return new RunStore(parent.getParent());
		}
		return new RunStore(Path.of(header.get("runs").getAsString()));
	}

	public Path launcher() {
		return Path.of(header.get("launcher").getAsString());
	}

	public synchronized List<SweepTask> tasks() {
		return List.copyOf(tasks);
	}

	public synchronized void update(SweepTask task) {
		tasks.set(task.task(), task);
	}

	public synchronized void addJob(String job) {
		header.getAsJsonArray("jobs").add(job);
	}

	public synchronized void setExecutor(String executor) {
		header.addProperty("executor", executor);
	}

	/** Writes the index: under a lock, so that two commands on one sweep take turns, and atomically. */
	public synchronized void save() throws IOException {
		JsonObject root = header.deepCopy();
		JsonArray array = new JsonArray();
		for (SweepTask t : tasks) {
			JsonObject o = new JsonObject();
			o.addProperty("task", t.task());
			o.addProperty("point", t.point());
			o.addProperty("label", t.label());
			o.addProperty("name", t.name());
			o.addProperty("seed", t.seed());
			o.addProperty("experiment", t.experiment());
			o.addProperty("run", t.run());
			o.addProperty("job", t.job());
			array.add(o);
		}
		root.add("tasks", array);
		String json = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(root) + "\n";
		try (FileChannel lock = FileChannel.open(folder.resolve(".index.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
				FileLock held = lock.lock()) {
			AtomicFiles.write(folder.resolve(INDEX), json);
		}
	}

	/** Points a task at training (a fresh run) or at resuming a run from its last checkpoint. */
	public void writeTaskScript(SweepTask t, Optional<String> resumeRun) throws IOException {
		String runs = quote(store().root().toString());
		String command = resumeRun.isPresent()
				? quote(launcher().toString()) + " resume " + quote(resumeRun.get()) + " --runs " + runs
				: quote(launcher().toString()) + " train " + quote(folder.resolve(t.experiment()).toString()) + " --seed " + t.seed() + " --runs " + runs;
		AtomicFiles.write(folder.resolve("tasks/" + t.task() + ".sh"), "#!/usr/bin/env bash\n# task " + t.task() + ": point " + t.point() + " ("
				+ t.label() + "), seed " + t.seed() + "\nexec " + command + "\n");
	}

	private void writeRunTask() throws IOException {
		Path script = folder.resolve("run-task.sh");
		AtomicFiles.write(script, """
				#!/usr/bin/env bash
				# Runs one task of this sweep and records its exit status in tasks/TASK.exit (written atomically).
				sweep="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
				task="$1"
				rm -f "$sweep/tasks/$task.exit"
				started="$(date +%s.%N)"
				echo "facet sweep: task $task on $(hostname) with OMP_NUM_THREADS=${OMP_NUM_THREADS:-unset}"
				# CPU time as well as wall time: on a shared node the wall time says more about the neighbours
				TIMEFORMAT="facet sweep: task $task used %U s user + %S s system CPU"
				time bash "$sweep/tasks/$task.sh"
				code=$?
				# the task's wall time, process start included: docs/cluster.md compares it with the training time
				echo "facet sweep: task $task ended with exit status $code after $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}') s"
				echo "$code" > "$sweep/tasks/.$task.exit.tmp" && mv -f "$sweep/tasks/.$task.exit.tmp" "$sweep/tasks/$task.exit"
				exit $code
				""");
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	/** The exit status a task recorded, if it ended. */
	public Optional<Integer> exitStatus(int task) {
		Path file = folder.resolve("tasks/" + task + ".exit");
		try {
			return Optional.of(Integer.parseInt(Files.readString(file).trim()));
		} catch (IOException | NumberFormatException e) {
			return Optional.empty();
		}
	}

	public void clearExitStatus(int task) throws IOException {
		Files.deleteIfExists(folder.resolve("tasks/" + task + ".exit"));
	}

	/**
	 * The run of each task: the one in the index, else the newest run of the store with the
	 * point's experiment name and the task's seed started after the sweep was created. The store
	 * is listed once, and only folders whose name carries the point's name are opened.
	 */
	public Map<Integer, Run> runs() throws IOException {
		Map<Integer, Run> found = new HashMap<>();
		List<String> names = new ArrayList<>();
		Path root = store().root();
		if (Files.isDirectory(root)) {
			try (DirectoryStream<Path> all = Files.newDirectoryStream(root)) {
				all.forEach(p -> names.add(p.getFileName().toString()));
			}
		}
		for (SweepTask t : tasks()) {
			if (t.run() != null && Files.isRegularFile(root.resolve(t.run()).resolve(Run.INFO_FILE))) {
				found.put(t.task(), Run.open(root.resolve(t.run())));
				continue;
			}
			String key = "-" + slug(t.name()) + "-s" + t.seed();
			Run newest = null;
			for (String n : names) {
				if (!(n.endsWith(key) || n.contains(key + "-")) || !Files.isRegularFile(root.resolve(n).resolve(Run.INFO_FILE))) {
					continue;
				}
				Run r;
				try {
					r = Run.open(root.resolve(n));
				} catch (IOException e) {
					continue;
				}
				if (r.info().experiment().equals(t.name()) && r.info().seed() == t.seed() && !r.info().started().isBefore(created().minusSeconds(1))
						&& (newest == null || r.info().started().isAfter(newest.info().started()))) {
					newest = r;
				}
			}
			if (newest != null) {
				found.put(t.task(), newest);
			}
		}
		return found;
	}

	/** The state of every task from its exit file, its run and (for what neither tells) the scheduler. */
	public List<TaskState> states(Map<Integer, Run> runs, SchedulerView scheduler) {
		List<TaskState> states = new ArrayList<>();
		for (SweepTask t : tasks()) {
			Optional<Integer> exit = exitStatus(t.task());
			Run run = runs.get(t.task());
			RunStatus status = run == null ? null : run.info().status();
			if (exit.isPresent()) {
				states.add(exit.get() == 0 && status == RunStatus.COMPLETED ? TaskState.DONE
						: status == RunStatus.CANCELLED || Files.exists(folder.resolve("tasks/" + t.task() + ".cancelled")) ? TaskState.CANCELLED : TaskState.FAILED);
				continue;
			}
			TaskState fromScheduler = scheduler.state(t);
			if (fromScheduler == null) {
				// the scheduler no longer knows it and it left no exit status: killed, or never started
				fromScheduler = Files.exists(folder.resolve("tasks/" + t.task() + ".cancelled")) ? TaskState.CANCELLED : TaskState.FAILED;
			}
			states.add(fromScheduler);
		}
		return states;
	}

	/** What a scheduler knows of a task that has not recorded its exit status; null when it knows nothing. */
	public interface SchedulerView {
		TaskState state(SweepTask task);
	}

	static String slug(String name) {
		String slug = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		if (slug.length() > 40) {
			slug = slug.substring(0, 40);
		}
		return slug.isEmpty() ? "experiment" : slug;
	}

	static String quote(String s) {
		return "'" + s.replace("'", "'\\''") + "'";
	}
}
