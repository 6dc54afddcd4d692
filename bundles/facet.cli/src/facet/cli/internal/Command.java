package facet.cli.internal;

import java.io.PrintStream;
import java.util.List;

/** One subcommand of {@code facet}. */
interface Command {

	/** The word typed after {@code facet}. */
	String name();

	/** The synopsis shown by {@code facet help}, e.g. {@code modules [--kind K] [--json]}. */
	String usage();

	/** One line saying what it does. */
	String summary();

	/**
	 * @return an exit status from {@link facet.cli.ExitCodes}
	 * @throws UsageException for bad options or input (exit status 2)
	 */
	int run(Arguments args, PrintStream out, PrintStream err) throws Exception;

	/** Options and positional arguments of one invocation, consumed as the command reads them. */
	final class Arguments {

		private final String command;
		private final List<String> values;

		Arguments(String command, List<String> values) {
			this.command = command;
			this.values = new java.util.ArrayList<>(values);
		}

		boolean flag(String name) {
			return values.remove(name);
		}

		String option(String name) throws UsageException {
			int i = values.indexOf(name);
			if (i < 0) {
				return null;
			}
			if (i + 1 >= values.size() || values.get(i + 1).startsWith("--")) {
				throw new UsageException(command + ": " + name + " needs a value");
			}
			values.remove(i);
			return values.remove(i);
		}

		/** Takes the first value if it is a word (a subcommand), not an option. */
		String word() {
			if (values.isEmpty() || values.get(0).startsWith("--")) {
				return null;
			}
			return values.remove(0);
		}

		/** Every value of an option that may be repeated, in order. */
		List<String> options(String name) throws UsageException {
			List<String> all = new java.util.ArrayList<>();
			for (String value = option(name); value != null; value = option(name)) {
				all.add(value);
			}
			return all;
		}

		/** What is left once options are taken; refuses unknown options. */
		List<String> positional() throws UsageException {
			for (String value : values) {
				if (value.startsWith("--")) {
					throw new UsageException(command + ": unknown option " + value + "; see facet help");
				}
			}
			return List.copyOf(values);
		}
	}
}
