package facet.core.runs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;

/**
 * A folder of runs, one sub-folder per run. Safe with several writers (processes, cluster
 * tasks) on one file system: a run folder is claimed with an atomic {@code mkdir}, and each
 * writer writes only inside its own run.
 */
public final class RunStore {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

	private final Path root;

	public RunStore(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	/** The default store: {@code $FACET_RUNS}, else {@code ~/.facet/runs}. */
	public static RunStore defaultStore() {
		String env = System.getenv("FACET_RUNS");
		return new RunStore(env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".facet", "runs"));
	}

	public Path root() {
		return root;
	}

	/**
	 * Creates a run for an experiment: claims a new folder, writes the experiment and
	 * {@code run.json} with status RUNNING.
	 */
	public Run create(ExperimentSpec experiment, RunEnvironment environment) throws IOException {
		Files.createDirectories(root);
		Instant now = Instant.now();
		String base = STAMP.format(now) + "-" + slug(experiment.name()) + "-s" + experiment.seed();
		for (int attempt = 0;; attempt++) {
			String id = attempt == 0 ? base : base + "-" + (attempt + 1);
			Path folder = root.resolve(id);
			try {
				Files.createDirectory(folder);
			} catch (FileAlreadyExistsException e) {
				if (attempt > 10_000) {
					throw new IOException("cannot claim a run folder under " + root + " (tried " + base + " … " + id + ")");
				}
				continue;
			}
			Run run = new Run(folder, new RunInfo(id, experiment.name(), experiment.seed(), RunStatus.RUNNING, now, Optional.empty(),
					Optional.empty(), environment));
			try {
				run.writeFile(Run.EXPERIMENT_FILE, ExperimentFormat.toJson(experiment));
				run.saveInfo();
			} catch (IOException e) {
				// a full disk: give the claimed folder back rather than leave a folder that is not a run
				release(folder);
				throw e;
			}
			return run;
		}
	}

	/** Every readable run, newest first. Folders that are not runs (or not yet) are skipped. */
	public List<Run> list() throws IOException {
		List<Run> runs = new ArrayList<>();
		if (!Files.isDirectory(root)) {
			return runs;
		}
		try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, Files::isDirectory)) {
			for (Path folder : folders) {
				if (Files.isRegularFile(folder.resolve(Run.INFO_FILE))) {
					try {
						runs.add(Run.open(folder));
					} catch (IOException e) {
						// a damaged run is reported when opened by name; listing goes on
					}
				}
			}
		}
		runs.sort(Comparator.comparing((Run r) -> r.info().started()).reversed().thenComparing(Run::id));
		return runs;
	}

	/** A run by id (its folder name) or by a path to its folder. */
	public Run open(String idOrPath) throws IOException {
		Path asPath = Path.of(idOrPath);
		Path folder = Files.isDirectory(asPath) ? asPath : root.resolve(idOrPath);
		if (!Files.isDirectory(folder)) {
			throw new IOException("no run '" + idOrPath + "' in " + root);
		}
		return Run.open(folder);
	}

	private static void release(Path folder) {
		try (var files = Files.walk(folder)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		} catch (IOException | java.io.UncheckedIOException e) {
			// what cannot be deleted has no run.json, so the store does not list it
		}
	}

	static String slug(String name) {
		String slug = name == null ? "" : name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		if (slug.length() > 40) {
			slug = slug.substring(0, 40);
		}
		return slug.isEmpty() ? "experiment" : slug;
	}
}
