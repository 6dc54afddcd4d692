package facet.cli.internal;

import java.io.PrintStream;

import org.osgi.framework.FrameworkUtil;

import facet.cli.ExitCodes;
import facet.core.runs.RunEnvironment;
import facet.engine.ComputeEngine;
import facet.engine.ComputeEngines;

/** {@code facet version}: Facet's, the engine's and the machine's versions. */
final class VersionCommand implements Command {

	@Override
	public String name() {
		return "version";
	}

	@Override
	public String usage() {
		return "version";
	}

	@Override
	public String summary() {
		return "print the versions of Facet, the compute engine and Java, and the machine";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws UsageException {
		if (!args.positional().isEmpty()) {
			throw new UsageException("version: takes no arguments");
		}
		out.println("facet " + FrameworkUtil.getBundle(VersionCommand.class).getVersion());
		int status = ExitCodes.OK;
		try {
			ComputeEngine engine = ComputeEngines.open();
			out.println("engine " + engine.name() + " " + engine.version() + " on " + engine.device());
		} catch (IllegalStateException e) {
			err.println("engine unavailable: " + e.getMessage());
			status = ExitCodes.FAILURE;
		}
		out.println("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
		out.println("cpu " + RunEnvironment.readCpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores, OMP_NUM_THREADS="
				+ System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
		return status;
	}
}
