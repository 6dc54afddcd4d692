package facet.ui.internal.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A local p2 repository (an update site folder such as {@code releng/facet.repository/target/repository})
 * read from its metadata: the installable units of {@code content.jar} or {@code content.xml}
 * (features and bundles, with ids, versions and requirements) and where {@code artifacts.jar}
 * or {@code artifacts.xml} keeps each bundle's jar. Composite repositories are followed into
 * their local children.
 * <p>
 * This is not p2 provisioning (no profile, no planner, no touchpoints): {@link #resolve} walks
 * the requirements of the chosen units through the site, stops at what the running platform
 * provides already, and returns the bundle jars to install into the running framework.
 */
public final class UpdateSite {

	/** An installable unit as the metadata describes it. */
	public record Unit(String id, Version version, String name, boolean group, List<Capability> provides, List<Requirement> requires,
			Optional<String> filter, Optional<Path> jar) {

		/** A bundle: it has a bundle artifact to install. */
		public boolean bundle() {
			return jar.isPresent();
		}

		/** The symbolic name a bundle unit installs (its id). */
		public String symbolicName() {
			return provides.stream().filter(c -> c.namespace().equals(OSGI_BUNDLE)).map(Capability::name).findFirst().orElse(id);
		}

		/** What the dialog lists: features under their label, bundles by symbolic name. */
		public String label() {
			return group ? id.replaceAll("\\.feature\\.group$", "") + " (feature)" : id;
		}
	}

	public record Capability(String namespace, String name, Version version) {
	}

	/** A requirement of a unit; {@code greedy=false} ones (p2's "use it if it is there") never pull a unit in. */
	public record Requirement(String namespace, String name, VersionRange range, boolean optional, boolean greedy, Optional<String> filter) {

		@Override
		public String toString() {
			String kind = switch (namespace) {
				case OSGI_BUNDLE -> "bundle";
				case JAVA_PACKAGE -> "package";
				case IU -> "unit";
				default -> namespace;
			};
			return kind + " " + name + " " + range;
		}
	}

	/**
	 * What installing a choice of units needs.
	 *
	 * @param bundles the site's bundles to install, in dependency order (the chosen ones last)
	 * @param missing requirements that neither the running platform nor the site provides, with the unit that needs them
	 */
	public record Resolution(List<Unit> bundles, List<String> missing) {

		public boolean complete() {
			return missing.isEmpty();
		}
	}

	/** What the running platform provides (the framework's bundles and exported packages). */
	public interface Platform {
		/** Whether a bundle of this symbolic name with a version in the range runs. */
		boolean hasBundle(String symbolicName, VersionRange range);

		/** Whether a running bundle (the system bundle included) exports this package in the range. */
		boolean exportsPackage(String name, VersionRange range);

		/** The properties p2 filters test ({@code osgi.os}, {@code osgi.ws}, {@code osgi.arch}, …). */
		Map<String, Object> filterProperties();
	}

	static final String IU = "org.eclipse.equinox.p2.iu";
	static final String OSGI_BUNDLE = "osgi.bundle";
	static final String JAVA_PACKAGE = "java.package";
	private static final String GROUP_PROPERTY = "org.eclipse.equinox.p2.type.group";

	private final Path folder;
	private final List<Unit> units;

	private UpdateSite(Path folder, List<Unit> units) {
		this.folder = folder;
		this.units = units;
	}

	/** Whether a folder holds p2 metadata (a simple or composite repository). */
	public static boolean isRepository(Path folder) {
		return Files.isDirectory(folder) && (metadataFile(folder, "content").isPresent() || metadataFile(folder, "compositeContent").isPresent());
	}

	/**
	 * Reads a local p2 repository.
	 *
	 * @throws IOException naming the file that is missing or not p2 metadata
	 */
	public static UpdateSite read(Path folder) throws IOException {
		List<Unit> units = new ArrayList<>();
		read(folder, units, new LinkedHashSet<>());
		return new UpdateSite(folder, List.copyOf(units));
	}

	private static void read(Path folder, List<Unit> units, Set<Path> seen) throws IOException {
		if (!seen.add(folder.toAbsolutePath().normalize())) {
			return;
		}
		Optional<Path> composite = metadataFile(folder, "compositeContent");
		if (composite.isPresent() && metadataFile(folder, "content").isEmpty()) {
			Document document = parse(composite.get(), "compositeContent");
			for (Element child : elements(document.getDocumentElement(), "children", "child")) {
				String location = child.getAttribute("location");
				if (location.contains("://") && !location.startsWith("file:")) {
					throw new IOException(composite.get() + ": child repository " + location + " is not local; only local update sites can be installed from");
				}
				Path childFolder = location.startsWith("file:") ? Path.of(java.net.URI.create(location)) : folder.resolve(location);
				read(childFolder, units, seen);
			}
			return;
		}
		Path content = metadataFile(folder, "content")
				.orElseThrow(() -> new IOException(folder + " is no p2 repository: expected content.jar or content.xml (content.xml.xz alone cannot be read here)"));
		Path artifactsFile = metadataFile(folder, "artifacts")
				.orElseThrow(() -> new IOException(folder + ": p2 metadata without artifacts.jar or artifacts.xml; cannot find the bundles' jars"));
		Artifacts artifacts = Artifacts.of(folder, parse(artifactsFile, "artifacts"), artifactsFile);
		Document document = parse(content, "content");
		for (Element unit : elements(document.getDocumentElement(), "units", "unit")) {
			units.add(unit(unit, artifacts, content));
		}
	}

	private static Unit unit(Element e, Artifacts artifacts, Path file) throws IOException {
		String id = e.getAttribute("id");
		Version version = version(e.getAttribute("version"), file, "unit " + id);
		Map<String, String> properties = new HashMap<>();
		for (Element p : elements(e, "properties", "property")) {
			properties.put(p.getAttribute("name"), p.getAttribute("value"));
		}
		String name = properties.getOrDefault("org.eclipse.equinox.p2.name", id);
		if (name.startsWith("%")) {
			name = properties.getOrDefault("df_LT." + name.substring(1), id);
		}
		List<Capability> provides = new ArrayList<>();
		for (Element p : elements(e, "provides", "provided")) {
			provides.add(new Capability(p.getAttribute("namespace"), p.getAttribute("name"), version(p.getAttribute("version"), file, "unit " + id)));
		}
		List<Requirement> requires = new ArrayList<>();
		for (Element r : elements(e, "requires", "required")) {
			if (!r.hasAttribute("namespace")) {
				continue; // p2's generic requirement expressions (matches='…'): capabilities the framework checks at start
			}
			String range = r.getAttribute("range");
			VersionRange versions;
			try {
				versions = range.isEmpty() ? new VersionRange("0.0.0") : new VersionRange(range);
			} catch (IllegalArgumentException x) {
				throw new IOException(file + ": unit " + id + " requires " + r.getAttribute("name") + " in a bad version range '" + range + "'", x);
			}
			requires.add(new Requirement(r.getAttribute("namespace"), r.getAttribute("name"), versions, "true".equals(r.getAttribute("optional")),
					!"false".equals(r.getAttribute("greedy")), text(r, "filter")));
		}
		Optional<Path> jar = Optional.empty();
		for (Element a : elements(e, "artifacts", "artifact")) {
			if (a.getAttribute("classifier").equals(OSGI_BUNDLE)) {
				jar = artifacts.location(OSGI_BUNDLE, a.getAttribute("id"), a.getAttribute("version"));
			}
		}
		return new Unit(id, version, name, "true".equals(properties.get(GROUP_PROPERTY)), List.copyOf(provides), List.copyOf(requires),
				text(e, "filter"), jar);
	}

	public Path folder() {
		return folder;
	}

	/** Every unit of the site. */
	public List<Unit> units() {
		return units;
	}

	/** What a user chooses from: the features (groups), then the bundles, each sorted by id; newest version of each. */
	public List<Unit> installable() {
		Map<String, Unit> newest = new LinkedHashMap<>();
		for (Unit u : units) {
			if (u.group() || u.bundle()) {
				newest.merge(u.id(), u, (a, b) -> a.version().compareTo(b.version()) >= 0 ? a : b);
			}
		}
		return newest.values().stream().sorted(Comparator.comparing((Unit u) -> !u.group()).thenComparing(Unit::id)).toList();
	}

	/**
	 * The bundles that installing the chosen units takes: each chosen bundle and, through the
	 * requirements, every bundle of the site that provides what the running platform lacks.
	 * Units whose filter does not match this platform (another OS's fragment) and optional,
	 * non-greedy or filtered-out requirements are left out.
	 */
	public Resolution resolve(List<Unit> chosen, Platform platform) {
		Map<String, Object> properties = platform.filterProperties();
		List<Unit> order = new ArrayList<>();
		Set<Unit> visited = new LinkedHashSet<>();
		List<String> missing = new ArrayList<>();
		for (Unit unit : chosen) {
			visit(unit, platform, properties, visited, order, missing);
		}
		List<Unit> bundles = order.stream().filter(Unit::bundle).filter(u -> !platform.hasBundle(u.symbolicName(), exactly(u.version()))).toList();
		return new Resolution(bundles, List.copyOf(new LinkedHashSet<>(missing)));
	}

	private void visit(Unit unit, Platform platform, Map<String, Object> properties, Set<Unit> visited, List<Unit> order, List<String> missing) {
		if (!visited.add(unit)) {
			return;
		}
		for (Requirement r : unit.requires()) {
			if (r.optional() || !r.greedy() || !matches(r.filter(), properties)) {
				continue;
			}
			Optional<Unit> provider;
			switch (r.namespace()) {
				case IU -> {
					if (platform.hasBundle(r.name(), r.range())) {
						continue;
					}
					provider = units.stream().filter(u -> u.id().equals(r.name()) && r.range().includes(u.version())).filter(u -> matches(u.filter(), properties))
							.max(Comparator.comparing(Unit::version));
				}
				case OSGI_BUNDLE -> {
					if (platform.hasBundle(r.name(), r.range())) {
						continue;
					}
					provider = provider(r, properties);
				}
				case JAVA_PACKAGE -> {
					if (platform.exportsPackage(r.name(), r.range())) {
						continue;
					}
					provider = provider(r, properties);
				}
				default -> {
					// capabilities such as osgi.ee, osgi.extender or osgi.service: the framework checks them when the bundles start
					continue;
				}
			}
			if (provider.isPresent()) {
				visit(provider.get(), platform, properties, visited, order, missing);
			} else {
				missing.add(r + " (needed by " + unit.id() + " " + unit.version() + ")");
			}
		}
		order.add(unit);
	}

	private Optional<Unit> provider(Requirement r, Map<String, Object> properties) {
		return units.stream().filter(u -> matches(u.filter(), properties))
				.filter(u -> u.provides().stream().anyMatch(c -> c.namespace().equals(r.namespace()) && c.name().equals(r.name()) && r.range().includes(c.version())))
				.max(Comparator.comparing(Unit::version));
	}

	private static VersionRange exactly(Version version) {
		return new VersionRange(VersionRange.LEFT_CLOSED, version, version, VersionRange.RIGHT_CLOSED);
	}

	static boolean matches(Optional<String> filter, Map<String, Object> properties) {
		if (filter.isEmpty() || filter.get().isBlank()) {
			return true;
		}
		try {
			Filter f = FrameworkUtil.createFilter(filter.get().trim());
			return f.matches(properties);
		} catch (InvalidSyntaxException e) {
			// a filter this reader cannot parse: the unit or requirement is for some other platform
			return false;
		}
	}

	/** The preferred metadata file of a kind: NAME.jar, else NAME.xml. */
	private static Optional<Path> metadataFile(Path folder, String name) {
		for (String suffix : List.of(".jar", ".xml")) {
			Path file = folder.resolve(name + suffix);
			if (Files.isRegularFile(file)) {
				return Optional.of(file);
			}
		}
		return Optional.empty();
	}

	/** Parses NAME.xml, or the NAME.xml inside NAME.jar. */
	private static Document parse(Path file, String name) throws IOException {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			DocumentBuilder builder = factory.newDocumentBuilder();
			if (file.getFileName().toString().endsWith(".xml")) {
				return builder.parse(file.toFile());
			}
			try (ZipFile zip = new ZipFile(file.toFile())) {
				ZipEntry entry = zip.getEntry(name + ".xml");
				if (entry == null) {
					throw new IOException(file + " holds no " + name + ".xml");
				}
				try (InputStream in = zip.getInputStream(entry)) {
					return builder.parse(in, file.toUri().toString());
				}
			}
		} catch (SAXException | ParserConfigurationException e) {
			throw new IOException(file + " is not p2 metadata: " + e.getMessage(), e);
		}
	}

	/** The {@code child} elements of {@code parent}'s {@code container} children, in document order. */
	private static List<Element> elements(Element parent, String container, String child) {
		List<Element> found = new ArrayList<>();
		for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof Element c && c.getTagName().equals(container)) {
				NodeList items = c.getChildNodes();
				for (int i = 0; i < items.getLength(); i++) {
					if (items.item(i) instanceof Element item && item.getTagName().equals(child)) {
						found.add(item);
					}
				}
			}
		}
		return found;
	}

	private static Optional<String> text(Element parent, String child) {
		for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof Element c && c.getTagName().equals(child)) {
				return Optional.of(c.getTextContent().trim());
			}
		}
		return Optional.empty();
	}

	private static Version version(String text, Path file, String where) throws IOException {
		try {
			return text.isEmpty() ? Version.emptyVersion : Version.parseVersion(text);
		} catch (IllegalArgumentException e) {
			throw new IOException(file + ": " + where + " has a bad version '" + text + "'", e);
		}
	}

	/** The artifact repository: its mapping rules turn (classifier, id, version) into a file. */
	private record Artifacts(Path folder, List<Map.Entry<Filter, String>> rules, Path file) {

		static Artifacts of(Path folder, Document document, Path file) throws IOException {
			List<Map.Entry<Filter, String>> rules = new ArrayList<>();
			for (Element rule : elements(document.getDocumentElement(), "mappings", "rule")) {
				try {
					rules.add(Map.entry(FrameworkUtil.createFilter(rule.getAttribute("filter")), rule.getAttribute("output")));
				} catch (InvalidSyntaxException e) {
					throw new IOException(file + ": mapping rule with a bad filter '" + rule.getAttribute("filter") + "'", e);
				}
			}
			if (rules.isEmpty()) {
				// p2's defaults for a simple repository
				try {
					rules.add(Map.entry(FrameworkUtil.createFilter("(& (classifier=osgi.bundle))"), "${repoUrl}/plugins/${id}_${version}.jar"));
				} catch (InvalidSyntaxException e) {
					throw new IllegalStateException(e);
				}
			}
			return new Artifacts(folder, rules, file);
		}

		Optional<Path> location(String classifier, String id, String version) {
			Map<String, Object> key = Map.of("classifier", classifier, "id", id, "version", version);
			for (Map.Entry<Filter, String> rule : rules) {
				if (rule.getKey().matches(key)) {
					String relative = rule.getValue().replace("${repoUrl}", "").replace("${id}", id).replace("${version}", version)
							.replace("${classifier}", classifier).replaceFirst("^/", "");
					return Optional.of(folder.resolve(relative));
				}
			}
			return Optional.empty();
		}
	}
}
