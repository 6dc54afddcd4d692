package facet.engine.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import facet.core.runs.AtomicFiles;

/**
 * Runs sweep tasks as one Slurm job array through the client commands ({@code sbatch},
 * {@code squeue}, {@code scontrol}, {@code scancel}), and reads task states back: from
 * {@code squeue --json} while the array is queued or running, from {@code scontrol show job}
 * until {@code MinJobAge} passes, then from the job completion file ({@code JobCompLoc}).
 */
public final class Slurm {

	/** sbatch options: null leaves Slurm's default. */
	public record Options(String partition, String time, Integer cpus, String memory) {
	}

	private Slurm() {
	}

	/** Whether the Slurm client is on the PATH and a controller answers. */
	public static boolean available() {
		try {
			return run(List.of("scontrol", "ping"), 10).code() == 0;
		} catch (IOException e) {
			return false;
		}
	}

	/** Writes the batch script and submits the tasks as one array; returns the job id. */
	public static String submit(Sweep sweep, List<Integer> tasks, Options options) throws IOException {
		String array = tasks.stream().map(String::valueOf).collect(Collectors.joining(","));
		return submitArray(sweep.folder().resolve("slurm.sh"), "facet-" + sweep.name(), sweep.folder().resolve("logs/task-%a.log"),
				sweep.folder().resolve("run-task.sh"), array, options, sweep.folder());
	}

	/**
	 * Writes {@code script}, a batch script running {@code runScript} with the array index as its
	 * argument, and submits it as one job array ({@code array} in sbatch's syntax, e.g.
	 * {@code 1-8} or {@code 0,3,5}); returns the job id.
	 */
	public static String submitArray(Path script, String jobName, Path logPattern, Path runScript, String array, Options options, Path workingFolder)
			throws IOException {
		StringBuilder text = new StringBuilder("#!/usr/bin/env bash\n");
		text.append("#SBATCH --job-name=").append(jobName).append('\n');
		text.append("#SBATCH --output=").append(logPattern).append('\n');
		if (options.partition() != null) {
			text.append("#SBATCH --partition=").append(options.partition()).append('\n');
		}
		if (options.time() != null) {
			text.append("#SBATCH --time=").append(options.time()).append('\n');
		}
		if (options.cpus() != null) {
			text.append("#SBATCH --cpus-per-task=").append(options.cpus()).append('\n');
		}
		if (options.memory() != null) {
			text.append("#SBATCH --mem=").append(options.memory()).append('\n');
		}
		text.append("# MXNet reads its thread count at load time: one OpenMP thread per CPU Slurm gave the task\n");
		text.append("export OMP_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"\n");
		text.append("exec bash ").append(Sweep.quote(runScript.toString())).append(" \"$SLURM_ARRAY_TASK_ID\"\n");
		AtomicFiles.write(script, text.toString());
		Result r = run(List.of("sbatch", "--parsable", "--array=" + array, "--chdir=" + workingFolder, script.toString()), 60);
		if (r.code() != 0) {
			throw new IOException("sbatch failed (exit status " + r.code() + "): " + r.output().strip());
		}
		String id = r.output().strip().split(";")[0];
		if (!id.matches("\\d+")) {
			throw new IOException("sbatch printed no job id: " + r.output().strip());
		}
		return id;
	}

	/** Cancels a whole job array (all its tasks). */
	public static void cancelJob(String job) throws IOException {
		Result r = run(List.of("scancel", job), 60);
		if (r.code() != 0) {
			throw new IOException("scancel " + job + " failed (exit status " + r.code() + "): " + r.output().strip());
		}
	}

	/** Cancels the given tasks of their arrays. */
	public static void cancel(List<SweepTask> tasks) throws IOException {
		List<String> ids = tasks.stream().filter(t -> t.job() != null).map(t -> t.job() + "_" + t.task()).toList();
		if (ids.isEmpty()) {
			return;
		}
		List<String> command = new ArrayList<>(List.of("scancel"));
		command.addAll(ids);
		Result r = run(command, 60);
		if (r.code() != 0) {
			throw new IOException("scancel failed (exit status " + r.code() + "): " + r.output().strip());
		}
	}

	/** What Slurm knows of one task of a job array; null when it knows nothing. */
	public interface JobView {
		TaskState state(String job, int index);
	}

	/** A view of the sweep tasks' states as Slurm knows them, read once. */
	public static Sweep.SchedulerView view() {
		JobView jobs = jobView();
		return task -> task.job() == null ? null : jobs.state(task.job(), task.task());
	}

	/** The states of job array tasks as Slurm knows them, read once. */
	public static JobView jobView() {
		Map<String, String> queued = new HashMap<>();
		try {
			Result r = run(List.of("squeue", "--json"), 60);
			if (r.code() == 0) {
				for (JsonElement e : JsonParser.parseString(r.output()).getAsJsonObject().getAsJsonArray("jobs")) {
					JsonObject j = e.getAsJsonObject();
					String array = j.has("array_job_id") && !j.get("array_job_id").isJsonNull() ? j.get("array_job_id").getAsString() : null;
					String index = j.has("array_task_id") && !j.get("array_task_id").isJsonNull() ? j.get("array_task_id").getAsString() : null;
					String state = j.get("job_state").getAsString();
					if (array != null && index != null && !index.isEmpty()) {
						queued.put(array + "_" + index, state);
					} else if (array != null) {
						// a pending array not yet split into tasks: one record for all its indices
						queued.put(array + "_*", state);
					}
				}
			}
		} catch (IOException | RuntimeException e) {
			// squeue unavailable or unreadable: scontrol and the completion file still answer
		}
		Map<String, String> completed = new HashMap<>();
		boolean[] completedRead = {false};
		return (job, index) -> {
			String key = job + "_" + index;
			String state = queued.get(key);
			if (state == null && queued.containsKey(job + "_*")) {
				state = queued.get(job + "_*");
			}
			if (state == null) {
				state = scontrolState(key).orElse(null);
			}
			if (state == null) {
				if (!completedRead[0]) {
					completedRead[0] = true;
					readCompletions(completed);
				}
				state = completed.get(key);
			}
			return state == null ? null : state(state);
		};
	}

	static TaskState state(String slurmState) {
		return switch (slurmState) {
		case "PENDING", "REQUEUED", "SUSPENDED", "REQUEUE_HOLD", "REQUEUE_FED", "RESV_DEL_HOLD" -> TaskState.PENDING;
		case "RUNNING", "CONFIGURING", "COMPLETING", "STAGE_OUT", "RESIZING", "SIGNALING" -> TaskState.RUNNING;
		case "CANCELLED" -> TaskState.CANCELLED;
		// COMPLETED without an exit file: the task script did not get to record it
		default -> TaskState.FAILED;
		};
	}

	private static final Pattern JOB_STATE = Pattern.compile("(?:^|\\s)JobState=(\\S+)");

	private static Optional<String> scontrolState(String jobTask) {
		try {
			Result r = run(List.of("scontrol", "show", "job", "-o", jobTask), 30);
			Matcher m = JOB_STATE.matcher(r.output());
			return r.code() == 0 && m.find() ? Optional.of(m.group(1)) : Optional.empty();
		} catch (IOException e) {
			return Optional.empty();
		}
	}

	/** The job completion file keeps what Slurm forgot after MinJobAge (sacct needs slurmdbd). */
	private static void readCompletions(Map<String, String> into) {
		try {
			Result r = run(List.of("scontrol", "show", "config"), 30);
			Matcher m = Pattern.compile("(?m)^JobCompLoc\\s*=\\s*(\\S+)").matcher(r.output());
			if (!m.find() || !Files.isRegularFile(Path.of(m.group(1)))) {
				return;
			}
			Pattern array = Pattern.compile("ArrayJobId=(\\d+) ArrayTaskId=(\\d+)");
			for (String line : Files.readAllLines(Path.of(m.group(1)), StandardCharsets.UTF_8)) {
				Matcher a = array.matcher(line);
				Matcher s = JOB_STATE.matcher(line);
				if (a.find() && s.find()) {
					into.put(a.group(1) + "_" + a.group(2), s.group(1));
				}
			}
		} catch (IOException e) {
			// no completion file: those tasks count as lost
		}
	}

	record Result(int code, String output) {
	}

	static Result run(List<String> command, int seconds) throws IOException {
		ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
		Process p;
		try {
			p = pb.start();
		} catch (IOException e) {
			throw new IOException(command.get(0) + " is not installed or not on the PATH (" + e.getMessage() + ")", e);
		}
		byte[] out = p.getInputStream().readAllBytes();
		try {
			if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				throw new IOException(String.join(" ", command) + " did not answer within " + seconds + " s");
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while waiting for " + command.get(0), e);
		}
		return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
	}
}
