package facet.ui.internal.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Finds the bundles that a location without p2 metadata offers: a bundle jar, or a folder of
 * jars (as {@code $FACET_PLUGINS}, or a {@code plugins/} folder beneath it). A p2 update site is
 * read from its metadata by {@link UpdateSite} instead.
 */
public final class PluginSource {

	private PluginSource() {
	}

	/**
	 * @param location a jar or a folder
	 * @param isInstalled tells whether a bundle of a symbolic name is in the running platform
	 * @return the bundles found, sorted by symbolic name
	 * @throws IOException naming the location and what was expected, or the jar that is not a bundle
	 */
	public static List<PluginCandidate> scan(Path location, Predicate<String> isInstalled) throws IOException {
		if (Files.isRegularFile(location)) {
			if (!location.getFileName().toString().endsWith(".jar")) {
				throw new IOException(location + " is not a bundle jar (*.jar) nor an update site folder");
			}
			return List.of(read(location, isInstalled));
		}
		if (!Files.isDirectory(location)) {
			throw new IOException(location + ": no such file or folder");
		}
		Path plugins = location.resolve("plugins");
		Path folder = Files.isDirectory(plugins) ? plugins : location;
		List<Path> jars;
		try (Stream<Path> files = Files.list(folder)) {
			jars = files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
		}
		if (jars.isEmpty()) {
			throw new IOException(location + " holds no bundle jars: expected a bundle jar, an update site (a folder with plugins/*.jar) or a folder of jars");
		}
		List<PluginCandidate> found = new ArrayList<>();
		for (Path jar : jars) {
			PluginCandidate candidate = read(jar, isInstalled);
			// a site may carry several versions of a bundle: offer the newest only
			found.removeIf(c -> c.symbolicName().equals(candidate.symbolicName()) && compareVersions(c.version(), candidate.version()) < 0);
			if (found.stream().noneMatch(c -> c.symbolicName().equals(candidate.symbolicName()))) {
				found.add(candidate);
			}
		}
		found.sort(Comparator.comparing(PluginCandidate::symbolicName));
		return List.copyOf(found);
	}

	/** Reads a jar's OSGi identity. */
	static PluginCandidate read(Path jar, Predicate<String> isInstalled) throws IOException {
		Manifest manifest;
		try (JarFile file = new JarFile(jar.toFile())) {
			manifest = file.getManifest();
		} catch (IOException e) {
			throw new IOException(jar + " is not a readable jar: " + e.getMessage(), e);
		}
		Attributes attributes = manifest == null ? new Attributes() : manifest.getMainAttributes();
		String name = attributes.getValue("Bundle-SymbolicName");
		if (name == null || name.isBlank()) {
			throw new IOException(jar + " is not an OSGi bundle: its META-INF/MANIFEST.MF has no Bundle-SymbolicName");
		}
		String symbolicName = name.split(";")[0].trim();
		String version = attributes.getValue("Bundle-Version");
		version = version == null || version.isBlank() ? "0.0.0" : version.trim();
		return new PluginCandidate(jar, symbolicName, version, isInstalled.test(symbolicName));
	}

	/** Compares OSGi versions major.minor.micro numerically, then the qualifier as text. */
	static int compareVersions(String a, String b) {
		String[] x = a.split("\\.", 4);
		String[] y = b.split("\\.", 4);
		for (int i = 0; i < 4; i++) {
			String p = i < x.length ? x[i] : (i < 3 ? "0" : "");
			String q = i < y.length ? y[i] : (i < 3 ? "0" : "");
			int c;
			if (i < 3) {
				c = Long.compare(parse(p), parse(q));
			} else {
				c = p.compareTo(q);
			}
			if (c != 0) {
				return c;
			}
		}
		return 0;
	}

	private static long parse(String number) {
		try {
			return Long.parseLong(number);
		} catch (NumberFormatException e) {
			return 0;
		}
	}
}
