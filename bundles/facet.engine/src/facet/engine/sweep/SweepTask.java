package facet.engine.sweep;

/**
 * One task of a sweep: a point trained with one seed. The sweep's index lists them.
 *
 * @param task 0-based; the Slurm array index
 * @param point the point's index
 * @param label the point's label
 * @param name the point's experiment name (what its runs record)
 * @param seed the training seed
 * @param experiment the point's experiment file, relative to the sweep folder
 * @param run the run id once known, else null
 * @param job the Slurm job id of the array that last ran it, else null
 */
public record SweepTask(int task, int point, String label, String name, long seed, String experiment, String run, String job) {

	public SweepTask withRun(String newRun) {
		return new SweepTask(task, point, label, name, seed, experiment, newRun, job);
	}

	public SweepTask withJob(String newJob) {
		return new SweepTask(task, point, label, name, seed, experiment, run, newJob);
	}
}
