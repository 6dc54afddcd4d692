package facet.ui.harness.tests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.ILogListener;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;

/** The errors the workbench logs (the error log's entries) while a test runs. */
final class ErrorLog implements AutoCloseable {

	private final List<IStatus> errors = new CopyOnWriteArrayList<>();
	private final ILogListener listener = (status, plugin) -> {
		if (status.matches(IStatus.ERROR)) {
			errors.add(status);
		}
	};

	ErrorLog() {
		Platform.addLogListener(listener);
	}

	void clear() {
		errors.clear();
	}

	List<IStatus> errors() {
		return List.copyOf(errors);
	}

	/** Fails listing every error logged since this log was opened. */
	void assertNone(String during) {
		if (!errors.isEmpty()) {
			StringBuilder text = new StringBuilder(errors.size() + " error(s) logged while " + during + ":");
			for (IStatus status : errors) {
				text.append("\n  ").append(status.getPlugin()).append(": ").append(status.getMessage());
				if (status.getException() != null) {
					text.append(" (").append(status.getException()).append(')');
				}
			}
			throw new AssertionError(text.toString());
		}
	}

	@Override
	public void close() {
		Platform.removeLogListener(listener);
	}
}
