package facet.cli.internal;

import java.io.PrintStream;

import facet.cli.ExitCodes;
import facet.core.experiment.ExperimentSchema;
import facet.core.modules.ModuleRegistry;

/** {@code facet schema}: the JSON Schema of experiment files for the installed modules. */
final class SchemaCommand implements Command {

	@Override
	public String name() {
		return "schema";
	}

	@Override
	public String usage() {
		return "schema";
	}

	@Override
	public String summary() {
		return "print the JSON Schema of experiment files (installed modules included)";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws UsageException {
		if (!args.positional().isEmpty()) {
			throw new UsageException("schema: takes no arguments");
		}
		out.print(ExperimentSchema.generate(ModuleRegistry.getDefault()));
		return ExitCodes.OK;
	}
}
