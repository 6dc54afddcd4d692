package facet.engine.compare;

/**
 * One line of an ablation table: what a group removed from the base, and the change that made
 * (ablated minus base).
 *
 * @param group the ablated group
 * @param change what differs from the base, in words (e.g. "without attention cam at stage3")
 * @param test the pairwise test with the ablated group first and the base second
 */
public record AblationRow(RunGroup group, String change, PairwiseTest test) {

	/** Whether the removal changed accuracy significantly (McNemar, p < 0.05). */
	public boolean significant() {
		return test.significant();
	}
}
