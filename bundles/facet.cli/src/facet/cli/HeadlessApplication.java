package facet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

import facet.cli.internal.FacetCommandLine;
import facet.core.modules.ModulePlugins;

/**
 * The headless {@code facet} application. Module bundles given with {@code --plugin JAR} (or
 * found in {@code $FACET_PLUGINS}, a folder of jars) are installed into the running framework
 * for this invocation before the command runs, through {@link ModulePlugins} as in the workbench.
 */
public final class HeadlessApplication implements IApplication {

	@Override
	public Object start(IApplicationContext context) {
		String[] raw = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
		List<String> args = new ArrayList<>(Arrays.asList(raw == null ? new String[0] : raw));
		List<Bundle> installed = List.of();
		try {
			List<Path> jars = new ArrayList<>(ModulePlugins.fromEnvironment());
			for (int i = 0; i < args.size(); i++) {
				if (args.get(i).equals("--plugin")) {
					if (i + 1 >= args.size()) {
						System.err.println("facet: --plugin needs a bundle jar");
						return ExitCodes.BAD_INPUT;
					}
					jars.add(Path.of(args.remove(i + 1)));
					args.remove(i--);
				}
			}
			installed = ModulePlugins.install(jars);
			return new FacetCommandLine(System.out, System.err).run(args);
		} catch (BundleException e) {
			System.err.println("facet: " + e.getMessage());
			return ExitCodes.BAD_INPUT;
		} catch (Exception e) {
			System.err.println("facet: " + e);
			return ExitCodes.FAILURE;
		} finally {
			System.out.flush();
			ModulePlugins.uninstall(installed);
		}
	}

	@Override
	public void stop() {
		// commands are short; the framework stops when start returns
	}
}
