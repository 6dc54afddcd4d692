package facet.ui.internal.preferences;

import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;

import facet.core.runs.RunStore;

/**
 * The workbench's preferences, kept in the instance scope (the workspace's
 * {@code .metadata/.plugins/org.eclipse.core.runtime/.settings/facet.ui.prefs}): run store,
 * pipeline threads, default detector and default model. An empty value means "the default",
 * which is what the command line uses ({@code $FACET_RUNS} or {@code ~/.facet/runs}, one
 * thread per core, {@code mtcnn}, {@code pretrained}), so the workbench and {@code facet}
 * agree until the user says otherwise. They also remember the module plug-ins that Install
 * Module Plugin… installed, which the workbench installs again at its next start.
 */
public final class FacetPreferences {

	public static final String NODE = "facet.ui";
	public static final String RUN_STORE = "runStore";
	public static final String THREADS = "threads";
	public static final String DETECTOR = "defaultDetector";
	public static final String MODEL = "defaultModel";
	/** The module plug-ins to install at start: one installation per line, its jars separated by the path separator. */
	public static final String PLUGINS = "modulePlugins";

	public static final String DEFAULT_DETECTOR = "mtcnn";
	public static final String DEFAULT_MODEL = "pretrained";
	public static final int MAX_THREADS = 256;

	private final IEclipsePreferences node;

	public FacetPreferences(IEclipsePreferences node) {
		this.node = node;
	}

	/** The preferences of the running workbench. */
	public static FacetPreferences instance() {
		return new FacetPreferences(InstanceScope.INSTANCE.getNode(NODE));
	}

	public IEclipsePreferences node() {
		return node;
	}

	/** The run store the Runs view shows and training writes to. */
	public RunStore runStore() {
		String folder = node.get(RUN_STORE, "").trim();
		return folder.isEmpty() ? RunStore.defaultStore() : new RunStore(Path.of(folder));
	}

	/** Data pipeline threads for training in the workbench. */
	public int threads() {
		int threads = node.getInt(THREADS, 0);
		return threads >= 1 && threads <= MAX_THREADS ? threads : defaultThreads();
	}

	public static int defaultThreads() {
		return Math.max(1, Runtime.getRuntime().availableProcessors());
	}

	/** The face detector id the analyze and heatmap views start with. */
	public String defaultDetector() {
		String id = node.get(DETECTOR, "").trim();
		return id.isEmpty() ? DEFAULT_DETECTOR : id;
	}

	/** The model (a run folder or id of the run store, or {@code pretrained}) the analyze and heatmap views start with. */
	public String defaultModel() {
		String model = node.get(MODEL, "").trim();
		return model.isEmpty() ? DEFAULT_MODEL : model;
	}

	/** The installations of module plug-ins to repeat at start, oldest first: each a list of jars. */
	public List<List<Path>> rememberedPlugins() {
		List<List<Path>> sets = new ArrayList<>();
		for (String line : node.get(PLUGINS, "").split("\n")) {
			List<Path> jars = new ArrayList<>();
			for (String jar : line.split(File.pathSeparator)) {
				if (!jar.isBlank()) {
					try {
						jars.add(Path.of(jar.trim()));
					} catch (InvalidPathException e) {
						// not a path on this machine: it cannot be installed, and is left out
					}
				}
			}
			if (!jars.isEmpty()) {
				sets.add(List.copyOf(jars));
			}
		}
		return sets;
	}

	/** Remembers one installation (its jars) and flushes; a jar remembered before moves to this one. */
	public void rememberPlugins(List<Path> jars) throws BackingStoreException {
		if (jars.isEmpty()) {
			return;
		}
		Set<Path> fresh = new LinkedHashSet<>(jars.stream().map(p -> p.toAbsolutePath().normalize()).toList());
		List<List<Path>> sets = new ArrayList<>();
		for (List<Path> set : rememberedPlugins()) {
			List<Path> rest = set.stream().filter(p -> !fresh.contains(p)).toList();
			if (!rest.isEmpty()) {
				sets.add(rest);
			}
		}
		sets.add(List.copyOf(fresh));
		storePlugins(sets);
	}

	/** Forgets jars (uninstalled, or gone); the rest of their installation stays remembered. */
	public void forgetPlugins(List<Path> jars) throws BackingStoreException {
		Set<Path> gone = new LinkedHashSet<>(jars.stream().map(p -> p.toAbsolutePath().normalize()).toList());
		List<List<Path>> sets = new ArrayList<>();
		for (List<Path> set : rememberedPlugins()) {
			List<Path> rest = set.stream().filter(p -> !gone.contains(p.toAbsolutePath().normalize())).toList();
			if (!rest.isEmpty()) {
				sets.add(rest);
			}
		}
		storePlugins(sets);
	}

	private void storePlugins(List<List<Path>> sets) throws BackingStoreException {
		String text = String.join("\n", sets.stream().map(set -> String.join(File.pathSeparator, set.stream().map(Path::toString).toList())).toList());
		put(PLUGINS, text);
		node.flush();
	}

	/**
	 * Checks values as the preference page would store them.
	 *
	 * @param detectors the installed detector ids
	 * @return one message per refused value, naming the field and what was expected; empty when all are fine
	 */
	public static List<String> validate(String runStore, String threads, String detector, Set<String> detectors) {
		List<String> problems = new ArrayList<>();
		if (runStore != null && !runStore.isBlank()) {
			try {
				if (!Path.of(runStore.trim()).isAbsolute()) {
					problems.add("Run store: expected an absolute folder path, got '" + runStore.trim() + "'");
				}
			} catch (InvalidPathException e) {
				problems.add("Run store: not a path: " + e.getMessage());
			}
		}
		if (threads != null && !threads.isBlank()) {
			try {
				int n = Integer.parseInt(threads.trim());
				if (n < 1 || n > MAX_THREADS) {
					problems.add("Threads: expected 1 to " + MAX_THREADS + ", got " + n);
				}
			} catch (NumberFormatException e) {
				problems.add("Threads: expected a whole number, got '" + threads.trim() + "'");
			}
		}
		if (detector != null && !detector.isBlank() && !detectors.contains(detector.trim())) {
			problems.add("Default detector: no installed detector '" + detector.trim() + "'; installed: " + String.join(", ", detectors.stream().sorted().toList()));
		}
		return problems;
	}

	/** Stores the values (empty: back to the default) and flushes them to disk. */
	public void store(String runStore, int threads, String detector, String model) throws BackingStoreException {
		put(RUN_STORE, runStore);
		if (threads <= 0) {
			node.remove(THREADS);
		} else {
			node.putInt(THREADS, threads);
		}
		put(DETECTOR, detector);
		put(MODEL, model);
		node.flush();
	}

	private void put(String key, String value) {
		if (value == null || value.isBlank()) {
			node.remove(key);
		} else {
			node.put(key, value.trim());
		}
	}
}
