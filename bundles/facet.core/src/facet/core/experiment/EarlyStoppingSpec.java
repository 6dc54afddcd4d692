package facet.core.experiment;

import java.util.List;

/**
 * When to stop training before the last epoch: after {@code patience} epochs in which the
 * monitored validation metric did not improve on its best. The same metric picks the best
 * checkpoint and drives the {@code plateau} schedule.
 *
 * @param metric one of {@link #METRICS}: validation accuracy, macro-F1 or loss (lower is better)
 * @param patience epochs without improvement before stopping; 0 never stops early
 */
public record EarlyStoppingSpec(String metric, int patience) {

	public static final List<String> METRICS = List.of("accuracy", "macroF1", "loss");

	/** Never stops early; the best checkpoint is the one of the best validation accuracy. */
	public static final EarlyStoppingSpec NONE = new EarlyStoppingSpec("accuracy", 0);

	public EarlyStoppingSpec {
		if (!METRICS.contains(metric)) {
			throw new IllegalArgumentException("early stopping metric must be one of " + METRICS + ", got '" + metric + "'");
		}
		if (patience < 0) {
			throw new IllegalArgumentException("early stopping patience must be ≥ 0, got " + patience);
		}
	}

	public boolean enabled() {
		return patience > 0;
	}
}
