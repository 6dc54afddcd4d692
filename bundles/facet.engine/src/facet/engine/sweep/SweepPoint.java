package facet.engine.sweep;

import java.util.Map;

import facet.core.experiment.ExperimentSpec;

/**
 * One point of a sweep: an experiment that differs from the base by its settings.
 *
 * @param index 0-based, in expansion order
 * @param label short words for tables and run names, e.g. {@code lr=0.01 w1=0.5} or {@code without cam}
 * @param settings JSON path to the value set there (empty for the base of an ablation)
 * @param experiment the resolved, validated experiment (its name is the base name plus the label)
 * @param json the experiment as written to the point's file
 */
public record SweepPoint(int index, String label, Map<String, String> settings, ExperimentSpec experiment, String json) {
}
