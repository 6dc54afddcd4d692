package facet.engine.train;

import facet.core.experiment.ScheduleSpec;

/**
 * The learning rate at each epoch: an optional linear warm-up, then constant, step decay, cosine
 * annealing to 0 over the remaining epochs, or decay on a plateau of the validation metric.
 * A pure function of (epoch, plateau decays so far), so a resumed run gets the same rates.
 */
public final class LearningRateSchedule {

	private final ScheduleSpec spec;
	private final double base;
	private final int epochs;

	public LearningRateSchedule(ScheduleSpec spec, double baseRate, int epochs) {
		this.spec = spec;
		this.base = baseRate;
		this.epochs = epochs;
	}

	/**
	 * @param epoch 0-based epoch
	 * @param plateauDecays how many times the plateau rule decayed the rate so far
	 */
	public double rate(int epoch, int plateauDecays) {
		int warmup = spec.warmupEpochs();
		if (epoch < warmup) {
			return base * (epoch + 1) / (warmup + 1);
		}
		int e = epoch - warmup;
		int span = Math.max(1, epochs - warmup);
		return switch (spec.name()) {
			case "constant" -> base;
			case "step" -> base * Math.pow(spec.gamma(), e / spec.stepEpochs());
			case "cosine" -> base * 0.5 * (1 + Math.cos(Math.PI * e / span));
			case "plateau" -> base * Math.pow(spec.gamma(), plateauDecays);
			default -> throw new IllegalArgumentException("unknown schedule '" + spec.name() + "'; expected one of " + ScheduleSpec.NAMES);
		};
	}

	public boolean usesPlateau() {
		return spec.name().equals("plateau");
	}

	public int patience() {
		return spec.patience();
	}
}
