package facet.cli.tests.harness;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import facet.cli.internal.FacetCommandLine;

/**
 * Runs the {@code facet} command line in process and keeps what it printed, for the command
 * tests of every test bundle (extend it; JUnit creates one instance per test).
 */
public abstract class CommandLineFixture {

	/** What the last {@link #run} printed on stdout. */
	protected String out;
	/** What the last {@link #run} printed on stderr. */
	protected String err;

	/** Runs one command line and returns its exit status. */
	protected int run(String... args) {
		ByteArrayOutputStream o = new ByteArrayOutputStream();
		ByteArrayOutputStream e = new ByteArrayOutputStream();
		int status = new FacetCommandLine(new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8))
				.run(List.of(args));
		out = o.toString(StandardCharsets.UTF_8);
		err = e.toString(StandardCharsets.UTF_8);
		return status;
	}
}
