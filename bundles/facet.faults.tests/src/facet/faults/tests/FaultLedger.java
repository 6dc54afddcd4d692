package facet.faults.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Counts the in-process fault injection cases and, when the test engine finishes, prints
 * {@code fault injection, in-process part: N tried, N passed, N data lost} and writes the counts to
 * {@link #COUNTS} ({@code tried=N}, {@code passed=N}, {@code lost=N} lines), where
 * releng/faults.sh adds its process cases and prints the one line of the whole suite. A case loses data when a
 * check made with {@link #assertNoDataLost} fails: a run file that no longer parses, a checkpoint
 * that is gone, a sample that silently disappeared.
 */
public final class FaultLedger implements BeforeAllCallback, TestWatcher {

	private static final AtomicInteger TRIED = new AtomicInteger();
	private static final AtomicInteger PASSED = new AtomicInteger();
	private static final AtomicInteger LOST = new AtomicInteger();

	/** Fails the case, counting it as data lost, when the condition does not hold. */
	public static void assertNoDataLost(boolean condition, String what) {
		if (!condition) {
			LOST.incrementAndGet();
			throw new AssertionError("data lost: " + what);
		}
	}

	/** The counts file, relative to the bundle folder (the tests' working directory). */
	public static final Path COUNTS = Path.of("target", "fault-injection-counts.txt");

	/** The summary line of the in-process cases. */
	public static String summary() {
		return "fault injection, in-process part: " + TRIED.get() + " tried, " + PASSED.get() + " passed, " + LOST.get()
				+ " data lost (releng/faults.sh adds the process cases and prints the line of the whole suite)";
	}

	private static void finish() {
		System.out.println(summary());
		try {
			Files.createDirectories(COUNTS.toAbsolutePath().getParent());
			Files.writeString(COUNTS, "tried=" + TRIED.get() + "\npassed=" + PASSED.get() + "\nlost=" + LOST.get() + "\n");
		} catch (IOException e) {
			System.out.println("fault injection: could not write " + COUNTS.toAbsolutePath() + ": " + e.getMessage());
		}
	}

	@Override
	@SuppressWarnings("deprecation")
	public void beforeAll(ExtensionContext context) {
		// the root store closes its resources once, after the last test class of the engine run
		context.getRoot().getStore(ExtensionContext.Namespace.create(FaultLedger.class)).getOrComputeIfAbsent("summary",
				key -> (ExtensionContext.Store.CloseableResource) FaultLedger::finish);
	}

	@Override
	public void testSuccessful(ExtensionContext context) {
		TRIED.incrementAndGet();
		PASSED.incrementAndGet();
	}

	@Override
	public void testFailed(ExtensionContext context, Throwable cause) {
		TRIED.incrementAndGet();
	}

	@Override
	public void testAborted(ExtensionContext context, Throwable cause) {
		TRIED.incrementAndGet();
	}

	@Override
	public void testDisabled(ExtensionContext context, Optional<String> reason) {
		TRIED.incrementAndGet();
	}
}
