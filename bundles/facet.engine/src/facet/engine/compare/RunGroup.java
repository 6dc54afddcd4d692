package facet.engine.compare;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import facet.core.experiment.ExperimentSpec;
import facet.core.stats.Summary;

/**
 * Runs of one experiment that differ only in their seed; a group of one is a single run.
 *
 * @param name the experiment's name, made unique within a comparison
 * @param runs the runs, ordered by seed
 */
public record RunGroup(String name, List<RunRecord> runs) {

	public RunGroup {
		runs = runs.stream().sorted(Comparator.comparingLong(RunRecord::seed).thenComparing(RunRecord::id)).toList();
		if (runs.isEmpty()) {
			throw new IllegalArgumentException("a group needs at least one run");
		}
	}

	public int size() {
		return runs.size();
	}

	/** The experiment shared by the runs (the first run's), empty when it could not be read. */
	public Optional<ExperimentSpec> experiment() {
		return runs.get(0).experiment();
	}

	/** Mean, standard deviation and 95 % t-interval of a metric over the runs; NaN values are left out. */
	public Summary summary(ToDoubleFunction<RunRecord> metric) {
		double[] values = runs.stream().mapToDouble(metric).filter(v -> !Double.isNaN(v)).toArray();
		return values.length == 0 ? new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN) : Summary.of(values);
	}

	/** The per-class recall summarised over the runs. */
	public Summary recall(int classIndex) {
		return summary(r -> r.recall()[classIndex]);
	}
}
