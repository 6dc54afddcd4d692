package facet.engine.sweep;

/** Where one task of a sweep stands. */
public enum TaskState {
	PENDING, RUNNING, DONE, FAILED, CANCELLED;

	public String word() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}
}
