package facet.core.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import facet.core.internal.CoreActivator;

/**
 * Where a run ran: enough to tell two runs' conditions apart and to reproduce one.
 *
 * @param engine name of the compute engine (e.g. "MXNet")
 * @param engineVersion its version
 * @param cores available processors
 * @param cpuModel the CPU's model name
 * @param threads thread settings that change results or speed ({@code OMP_NUM_THREADS} …)
 * @param java Java version and vendor
 * @param os operating system and architecture
 * @param bundles the exact bundle ids and versions involved (Facet's own and every module's contributor)
 */
public record RunEnvironment(String engine, String engineVersion, int cores, String cpuModel, Map<String, String> threads,
		String java, String os, Map<String, String> bundles) {

	public RunEnvironment {
		threads = Map.copyOf(threads);
		bundles = Map.copyOf(bundles);
	}

	/**
	 * The environment of this process, with the given engine and the bundles of the running
	 * platform whose names start with {@code facet.} plus {@code extraBundles}.
	 */
	public static RunEnvironment current(String engine, String engineVersion, Map<String, String> extraBundles) {
		Map<String, String> threads = new LinkedHashMap<>();
		for (String variable : new String[] { "OMP_NUM_THREADS", "MXNET_CPU_WORKER_NTHREADS", "OPENBLAS_NUM_THREADS" }) {
			String value = System.getenv(variable);
			threads.put(variable, value == null ? "unset" : value);
		}
		Map<String, String> bundles = new TreeMap<>(extraBundles);
		BundleContext context = CoreActivator.context();
		if (context != null) {
			for (Bundle bundle : context.getBundles()) {
				if (bundle.getSymbolicName() != null && bundle.getSymbolicName().startsWith("facet.")) {
					bundles.put(bundle.getSymbolicName(), bundle.getVersion().toString());
				}
			}
		}
		return new RunEnvironment(engine, engineVersion, Runtime.getRuntime().availableProcessors(), readCpuModel(), threads,
				System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
				System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"), bundles);
	}

	/** The CPU model from /proc/cpuinfo, or the architecture where that file does not exist. */
	public static String readCpuModel() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
				if (line.startsWith("model name")) {
					return line.substring(line.indexOf(':') + 1).trim();
				}
			}
		} catch (IOException | RuntimeException e) {
			// not Linux, or not readable: fall through
		}
		return System.getProperty("os.arch");
	}
}
