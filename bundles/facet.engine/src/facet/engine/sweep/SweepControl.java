package facet.engine.sweep;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import facet.core.runs.AtomicFiles;
import facet.core.runs.Run;
import facet.core.runs.RunStore;
import facet.engine.train.Checkpoints;

/**
 * What the command line and the workbench do to a sweep folder: read where its tasks stand
 * (recording newly found runs and writing the comparison once all are done), cancel the open
 * tasks, prepare failed or cancelled ones for another try, submit tasks to Slurm.
 */
public final class SweepControl {

	/** The tasks' states (by task index) and the runs found for them. */
	public record Snapshot(List<TaskState> states, Map<Integer, Run> runs) {

		public Map<TaskState, Integer> counts() {
			Map<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
			states.forEach(s -> counts.merge(s, 1, Integer::sum));
			return counts;
		}

		/** Whether some task is still pending or running. */
		public boolean open() {
			return states.stream().anyMatch(s -> s == TaskState.PENDING || s == TaskState.RUNNING);
		}

		public boolean allDone() {
			return !states.isEmpty() && states.stream().allMatch(s -> s == TaskState.DONE);
		}
	}

	/** The tasks made ready for another try. */
	public record Retry(List<Integer> tasks, int resumed) {
	}

	private SweepControl() {
	}

	/** The sweeps of a run store, newest first; folders that are not sweeps are left out. */
	public static List<Sweep> list(RunStore store) throws IOException {
		Path sweeps = store.root().resolve("sweeps");
		List<Sweep> all = new ArrayList<>();
		if (!Files.isDirectory(sweeps)) {
			return all;
		}
		try (DirectoryStream<Path> folders = Files.newDirectoryStream(sweeps)) {
			for (Path folder : folders) {
				if (Files.isRegularFile(folder.resolve(Sweep.INDEX))) {
					try {
						all.add(Sweep.open(store, folder.toString()));
					} catch (IOException | RuntimeException e) {
						// a sweep folder being written, or damaged: the others are still listed
					}
				}
			}
		}
		all.sort(Comparator.comparing(Sweep::created).reversed().thenComparing(Sweep::name));
		return all;
	}

	/** The scheduler's view for the sweep's executor. */
	public static Sweep.SchedulerView scheduler(Sweep sweep) {
		return sweep.executor().equals("slurm") ? Slurm.view() : LocalExecutor.view(sweep);
	}

	/** Reads the states, records newly found run ids in the index, writes the comparison when all are done. */
	public static Snapshot refresh(Sweep sweep) throws IOException {
		return refresh(sweep, scheduler(sweep));
	}

	public static Snapshot refresh(Sweep sweep, Sweep.SchedulerView view) throws IOException {
		Map<Integer, Run> runs = sweep.runs();
		List<TaskState> states = sweep.states(runs, view);
		boolean changed = false;
		for (SweepTask t : sweep.tasks()) {
			Run r = runs.get(t.task());
			if (r != null && !r.id().equals(t.run())) {
				sweep.update(t.withRun(r.id()));
				changed = true;
			}
		}
		if (changed) {
			sweep.save();
		}
		SweepResults.writeIfComplete(sweep, states, runs);
		return new Snapshot(states, runs);
	}

	/** Cancels the pending and running tasks; returns how many. */
	public static int cancel(Sweep sweep) throws IOException {
		Snapshot s = refresh(sweep);
		List<SweepTask> open = new ArrayList<>();
		for (SweepTask t : sweep.tasks()) {
			if (s.states().get(t.task()) == TaskState.PENDING || s.states().get(t.task()) == TaskState.RUNNING) {
				open.add(t);
			}
		}
		for (SweepTask t : open) {
			AtomicFiles.write(sweep.folder().resolve("tasks/" + t.task() + ".cancelled"), "");
		}
		if (sweep.executor().equals("slurm")) {
			Slurm.cancel(open);
		} else {
			LocalExecutor.cancel(sweep);
		}
		return open.size();
	}

	/**
	 * Makes the failed and cancelled tasks ready to run again: a task whose run has a checkpoint
	 * resumes it, the others train afresh. Saves the index; running them is the caller's.
	 */
	public static Retry prepareRetry(Sweep sweep) throws IOException {
		Snapshot s = refresh(sweep);
		List<Integer> again = new ArrayList<>();
		int resumed = 0;
		for (SweepTask t : sweep.tasks()) {
			TaskState state = s.states().get(t.task());
			if (state != TaskState.FAILED && state != TaskState.CANCELLED) {
				continue;
			}
			Run run = s.runs().get(t.task());
			Optional<String> resume = Optional.empty();
			if (run != null && new Checkpoints(run.folder()).last().isPresent()) {
				resume = Optional.of(run.id());
				resumed++;
			} else {
				sweep.update(t.withRun(null));
			}
			sweep.writeTaskScript(t, resume);
			sweep.clearExitStatus(t.task());
			Files.deleteIfExists(sweep.folder().resolve("tasks/" + t.task() + ".cancelled"));
			again.add(t.task());
		}
		sweep.save();
		return new Retry(again, resumed);
	}

	/** Submits the tasks as one Slurm job array and records the job in the index; returns its id. */
	public static String submitToSlurm(Sweep sweep, List<Integer> tasks, Slurm.Options options) throws IOException {
		String job = Slurm.submit(sweep, tasks, options);
		for (int t : tasks) {
			sweep.update(sweep.tasks().get(t).withJob(job));
		}
		sweep.addJob(job);
		sweep.save();
		return job;
	}
}
