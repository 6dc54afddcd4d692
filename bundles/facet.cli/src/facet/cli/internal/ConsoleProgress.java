package facet.cli.internal;

import java.io.PrintStream;

import facet.core.Progress;

/** Progress as a line on stderr every tenth of the work; never cancelled (Ctrl-C ends the process). */
final class ConsoleProgress implements Progress {

	private final PrintStream err;
	private String task = "";
	private long total;
	private long done;
	private long lastTenth;

	ConsoleProgress(PrintStream err) {
		this.err = err;
	}

	@Override
	public synchronized void begin(String name, long totalWork) {
		task = name;
		total = totalWork;
		done = 0;
		lastTenth = 0;
		err.println(name);
	}

	@Override
	public synchronized void worked(long units, String message) {
		done += units;
		if (total > 0) {
			long tenth = done * 10 / total;
			if (tenth > lastTenth) {
				lastTenth = tenth;
				err.println("  " + task + ": " + done + "/" + total);
			}
		}
	}

	@Override
	public boolean isCanceled() {
		return false;
	}
}
