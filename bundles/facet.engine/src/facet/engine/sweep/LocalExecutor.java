package facet.engine.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import facet.core.Progress;
import facet.core.runs.AtomicFiles;

/**
 * Runs sweep tasks on this machine in worker processes ({@code run-task.sh}, i.e. {@code facet
 * train}), at most {@code parallel} at once, the cores split between them through
 * {@code OMP_NUM_THREADS}. Blocks until they end. Each running task's PID is in
 * {@code tasks/N.pid} so that {@code facet sweep cancel} from another shell can stop it.
 */
public final class LocalExecutor {

	private final int parallel;
	private final int threadsPerTask;

	/** @param parallel requested workers; bounded by the cores */
	public LocalExecutor(int parallel) {
		int cores = Runtime.getRuntime().availableProcessors();
		this.parallel = Math.max(1, Math.min(parallel, cores));
		this.threadsPerTask = Math.max(1, cores / this.parallel);
	}

	public int parallel() {
		return parallel;
	}

	public int threadsPerTask() {
		return threadsPerTask;
	}

	/** Runs the tasks; returns when all ended or the progress was cancelled (running workers are then stopped). */
	public void run(Sweep sweep, List<Integer> tasks, Progress progress) throws IOException {
		AtomicFiles.write(sweep.folder().resolve("local.pid"), ProcessHandle.current().pid() + "\n");
		ExecutorService pool = Executors.newFixedThreadPool(parallel);
		try {
			for (int task : tasks) {
				sweep.clearExitStatus(task);
				Files.deleteIfExists(sweep.folder().resolve("tasks/" + task + ".cancelled"));
				pool.submit(() -> runOne(sweep, task, progress));
			}
			pool.shutdown();
			while (!pool.awaitTermination(200, TimeUnit.MILLISECONDS)) {
				if (progress.isCanceled()) {
					cancel(sweep);
				}
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			cancel(sweep);
		} finally {
			pool.shutdownNow();
			Files.deleteIfExists(sweep.folder().resolve("local.pid"));
		}
	}

	private Void runOne(Sweep sweep, int task, Progress progress) throws IOException, InterruptedException {
		Path pid = sweep.folder().resolve("tasks/" + task + ".pid");
		if (progress.isCanceled() || Files.exists(sweep.folder().resolve("tasks/" + task + ".cancelled"))) {
			return null;
		}
		ProcessBuilder pb = new ProcessBuilder("bash", sweep.folder().resolve("run-task.sh").toString(), Integer.toString(task))
				.redirectErrorStream(true).redirectOutput(sweep.folder().resolve("logs/task-" + task + ".log").toFile());
		pb.environment().put("OMP_NUM_THREADS", Integer.toString(threadsPerTask));
		Process process = pb.start();
		AtomicFiles.write(pid, process.pid() + "\n");
		try {
			process.waitFor();
		} finally {
			Files.deleteIfExists(pid);
		}
		return null;
	}

	/** Stops the running workers of a local sweep (from this or another process) and marks the unfinished tasks cancelled. */
	public static int cancel(Sweep sweep) throws IOException {
		int stopped = 0;
		for (SweepTask t : sweep.tasks()) {
			if (sweep.exitStatus(t.task()).isPresent()) {
				continue;
			}
			AtomicFiles.write(sweep.folder().resolve("tasks/" + t.task() + ".cancelled"), "");
			Path pid = sweep.folder().resolve("tasks/" + t.task() + ".pid");
			if (Files.isRegularFile(pid)) {
				try {
					long id = Long.parseLong(Files.readString(pid).trim());
					var handle = ProcessHandle.of(id);
					if (handle.isPresent()) {
						// the JVM first, so that facet train records the run as cancelled; then its launcher script
						handle.get().descendants().forEach(ProcessHandle::destroy);
						handle.get().destroy();
						stopped++;
					}
				} catch (NumberFormatException | IOException e) {
					// the task ended while we looked
				}
			}
		}
		return stopped;
	}

	/** What a local sweep's worker files say of a task that has not recorded its exit status. */
	public static Sweep.SchedulerView view(Sweep sweep) {
		boolean sweepAlive = readPid(sweep.folder().resolve("local.pid")).map(id -> ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false))
				.orElse(false);
		return task -> {
			var pid = readPid(sweep.folder().resolve("tasks/" + task.task() + ".pid"));
			if (pid.isPresent() && ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)) {
				return TaskState.RUNNING;
			}
			return sweepAlive && !Files.exists(sweep.folder().resolve("tasks/" + task.task() + ".cancelled")) ? TaskState.PENDING : null;
		};
	}

	private static java.util.Optional<Long> readPid(Path file) {
		try {
			return java.util.Optional.of(Long.parseLong(Files.readString(file).trim()));
		} catch (IOException | NumberFormatException e) {
			return java.util.Optional.empty();
		}
	}
}
