package facet.core.runs;

/** Where a run stands. A run that was RUNNING when its process died stays RUNNING until resumed. */
public enum RunStatus {
	RUNNING, COMPLETED, FAILED, CANCELLED
}
