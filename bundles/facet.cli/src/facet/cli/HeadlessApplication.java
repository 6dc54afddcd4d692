package facet.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;

import facet.cli.internal.FacetCommandLine;
import facet.core.modules.ModuleRegistry;

/**
 * The headless {@code facet} application. Module bundles given with {@code --plugin JAR} (or
 * found in {@code $FACET_PLUGINS}, a folder of jars) are installed into the running framework
 * for this invocation before the command runs, exactly as the workbench installs them.
 */
public final class HeadlessApplication implements IApplication {

	@Override
	public Object start(IApplicationContext context) {
		String[] raw = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
		List<String> args = new ArrayList<>(Arrays.asList(raw == null ? new String[0] : raw));
		List<Bundle> installed = new ArrayList<>();
		try {
			List<Path> jars = new ArrayList<>();
			String folder = System.getenv("FACET_PLUGINS");
			if (folder != null && !folder.isBlank() && Files.isDirectory(Path.of(folder))) {
				try (var files = Files.list(Path.of(folder))) {
					files.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jars::add);
				}
			}
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
			for (Path jar : jars) {
				if (!Files.isRegularFile(jar)) {
					System.err.println("facet: --plugin " + jar + ": no such file");
					return ExitCodes.BAD_INPUT;
				}
				installed.add(install(jar));
			}
			if (!installed.isEmpty()) {
				ModuleRegistry.getDefault().refresh();
			}
			return new FacetCommandLine(System.out, System.err).run(args);
		} catch (BundleException e) {
			System.err.println("facet: " + e.getMessage());
			return ExitCodes.BAD_INPUT;
		} catch (Exception e) {
			System.err.println("facet: " + e);
			return ExitCodes.FAILURE;
		} finally {
			System.out.flush();
			for (Bundle bundle : installed) {
				try {
					bundle.uninstall();
				} catch (BundleException | IllegalStateException e) {
					// the framework is going down anyway; the bundle was only for this invocation
				}
			}
		}
	}

	private static Bundle install(Path jar) throws BundleException {
		BundleContext context = FrameworkUtil.getBundle(HeadlessApplication.class).getBundleContext();
		try {
			Bundle bundle = context.installBundle(jar.toAbsolutePath().toUri().toString());
			bundle.start();
			return bundle;
		} catch (BundleException e) {
			throw new BundleException("cannot install plug-in " + jar + ": " + e.getMessage(), e);
		}
	}

	@Override
	public void stop() {
		// commands are short; the framework stops when start returns
	}
}
