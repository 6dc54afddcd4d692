package facet.cli.internal;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import facet.cli.ExitCodes;

/**
 * The {@code facet} command line, independent of how it was started, so that tests run it in
 * process. Exit statuses are those of {@link ExitCodes}.
 */
public final class FacetCommandLine {

	private final PrintStream out;
	private final PrintStream err;
	private final Map<String, Command> commands = new LinkedHashMap<>();

	public FacetCommandLine(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
		for (Command command : List.of(
				new ModulesCommand(),
				new ValidateCommand(),
				new DataCommand(),
				new DetectCommand(),
				new DetectEvalCommand(),
				new DetectCompareCommand(),
				new AnalyzeCommand(),
				new TrainCommand(),
				new ResumeCommand(),
				new EvalCommand(),
				new RunsCommand(),
				new PredictCommand(),
				new HeatmapCommand(),
				new CompareCommand(),
				new AblateCommand(),
				new ReportCommand(),
				new SweepCommand(),
				new DetectorCommand(),
				new FeaturesCommand(),
				new BenchCommand(),
				new SchemaCommand(),
				new VersionCommand())) {
			commands.put(command.name(), command);
		}
	}

	public int run(List<String> args) {
		if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help") || args.get(0).equals("-h")) {
			help(out);
			return ExitCodes.OK;
		}
		Command command = commands.get(args.get(0));
		if (command == null) {
			err.println("facet: unknown command '" + args.get(0) + "'; commands: " + String.join(", ", commands.keySet())
					+ ", gui, help");
			return ExitCodes.BAD_INPUT;
		}
		try {
			return command.run(new Command.Arguments(command.name(), args.subList(1, args.size())), out, err);
		} catch (UsageException e) {
			err.println("facet " + e.getMessage());
			err.println("usage: facet " + command.usage());
			return ExitCodes.BAD_INPUT;
		} catch (Exception e) {
			err.println("facet " + command.name() + ": " + e.getMessage());
			return ExitCodes.FAILURE;
		}
	}

	private void help(PrintStream stream) {
		stream.println("facet — facial expression recognition workbench");
		stream.println();
		stream.println("usage: facet [--plugin JAR]... COMMAND [OPTIONS]");
		stream.println();
		stream.printf("  %-36s %s%n", "gui", "open the workbench");
		for (Command command : commands.values()) {
			stream.printf("  %-36s %s%n", command.usage(), command.summary());
		}
		stream.printf("  %-36s %s%n", "help", "this text");
		stream.println();
		stream.println("  --plugin JAR   install a module bundle for this invocation (also: every jar in $FACET_PLUGINS)");
		stream.println();
		stream.println("exit status: 0 success, 1 failure, 2 bad input or usage (message on stderr)");
	}
}
