package facet.faults.tests;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Counts the fault injection cases of the whole suite and prints one line when the test engine
 * finishes: {@code fault injection: N tried, N passed, N data lost}. A case loses data when a
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

	/** The summary line. */
	public static String summary() {
		return "fault injection: " + TRIED.get() + " tried, " + PASSED.get() + " passed, " + LOST.get() + " data lost";
	}

	@Override
	@SuppressWarnings("deprecation")
	public void beforeAll(ExtensionContext context) {
		// the root store closes its resources once, after the last test class of the engine run
		context.getRoot().getStore(ExtensionContext.Namespace.create(FaultLedger.class)).getOrComputeIfAbsent("summary",
				key -> (ExtensionContext.Store.CloseableResource) () -> System.out.println(summary()));
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
