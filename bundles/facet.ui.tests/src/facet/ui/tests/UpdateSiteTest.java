package facet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.VersionRange;

import facet.ui.internal.plugins.UpdateSite;

/** Reading a p2 update site's metadata and resolving what a choice of its units needs. */
class UpdateSiteTest {

	/** A workbench that runs Facet's bundles and exports facet.core's packages, on Linux. */
	static final UpdateSite.Platform FACET = new UpdateSite.Platform() {
		@Override
		public boolean hasBundle(String symbolicName, VersionRange range) {
			return symbolicName.startsWith("facet.");
		}

		@Override
		public boolean exportsPackage(String name, VersionRange range) {
			return name.startsWith("facet.core");
		}

		@Override
		public Map<String, Object> filterProperties() {
			return Map.of("osgi.os", "linux", "osgi.ws", "gtk", "osgi.arch", "x86_64");
		}
	};

	@TempDir
	Path dir;

	private Path site() throws IOException {
		return new P2Sites(dir.resolve("site"))
				.feature("x.example.feature", "1.0.0", "x.example.module", "1.0.0")
				.bundle("x.example.module", "1.0.0", "",
						P2Sites.requiresPackage("facet.core.spi", "[0.1.0,1.0.0)", false),
						P2Sites.requiresPackage("x.example.api", "[1.0.0,2.0.0)", false),
						"<required namespace='osgi.bundle' name='org.example.nowhere' range='0.0.0' optional='true'/>",
						"<required namespace='osgi.ee' name='JavaSE' range='[21.0.0,22.0.0)'/>",
						"<required namespace='java.package' name='org.example.windows' range='0.0.0'><filter>(osgi.os=win32)</filter></required>")
				.bundle("x.example.api", "1.0.0", P2Sites.providesPackage("x.example.api", "1.0.0"))
				.bundle("x.example.api", "0.9.0", P2Sites.providesPackage("x.example.api", "0.9.0"))
				.bundle("x.example.broken", "1.0.0", "", P2Sites.requiresPackage("org.example.nowhere", "[1.0.0,2.0.0)", false))
				.bundle("facet.core", "0.1.0", P2Sites.providesPackage("facet.core.spi", "0.1.0"))
				.write();
	}

	@Test
	void theSiteListsItsFeaturesThenItsBundlesWithIdsVersionsAndNames() throws Exception {
		Path folder = site();
		assertTrue(UpdateSite.isRepository(folder));
		UpdateSite site = UpdateSite.read(folder);
		List<UpdateSite.Unit> units = site.installable();
		assertEquals(List.of("x.example.feature.feature.group", "facet.core", "x.example.api", "x.example.broken", "x.example.module"),
				units.stream().map(UpdateSite.Unit::id).toList());
		assertEquals("x.example.feature (feature)", units.get(0).label());
		assertEquals("An example feature", units.get(0).name(), "the localized name");
		assertTrue(units.get(0).group() && !units.get(0).bundle());
		assertEquals("1.0.0", units.get(2).version().toString(), "the newest version of a bundle");
		assertEquals(folder.resolve("plugins/x.example.api_1.0.0.jar"), units.get(2).jar().orElseThrow(), "from artifacts.xml's mapping rule");
	}

	@Test
	void aFeatureResolvesToItsBundlesAndWhatTheyRequireFromTheSite() throws Exception {
		UpdateSite site = UpdateSite.read(site());
		UpdateSite.Unit feature = site.installable().get(0);
		UpdateSite.Resolution resolution = site.resolve(List.of(feature), FACET);
		assertTrue(resolution.complete(), resolution.missing().toString());
		assertEquals(List.of("x.example.api 1.0.0", "x.example.module 1.0.0"),
				resolution.bundles().stream().map(u -> u.id() + " " + u.version()).toList(),
				"the API bundle the module imports from, first; not facet.core, which runs; not the Windows-only or optional ones");

		UpdateSite.Unit core = site.installable().get(1);
		assertTrue(site.resolve(List.of(core), FACET).bundles().isEmpty(), "facet.core runs already");
	}

	@Test
	void whatNeitherTheWorkbenchNorTheSiteProvidesIsNamedWithTheUnitThatNeedsIt() throws Exception {
		UpdateSite site = UpdateSite.read(site());
		UpdateSite.Unit broken = site.installable().stream().filter(u -> u.id().equals("x.example.broken")).findFirst().orElseThrow();
		UpdateSite.Resolution resolution = site.resolve(List.of(broken), FACET);
		assertFalse(resolution.complete());
		assertEquals(List.of("package org.example.nowhere [1.0.0,2.0.0) (needed by x.example.broken 1.0.0)"), resolution.missing());
	}

	@Test
	void badMetadataIsRefusedNamingTheFile() throws Exception {
		Files.createDirectories(dir.resolve("plain"));
		assertFalse(UpdateSite.isRepository(dir.resolve("plain")));

		Path broken = Files.createDirectories(dir.resolve("broken"));
		Files.writeString(broken.resolve("content.xml"), "<repository><units><unit id='x'");
		Files.writeString(broken.resolve("artifacts.xml"), "<repository/>");
		IOException e = assertThrows(IOException.class, () -> UpdateSite.read(broken));
		assertTrue(e.getMessage().contains("content.xml") && e.getMessage().contains("not p2 metadata"), e.getMessage());

		Path noArtifacts = Files.createDirectories(dir.resolve("no-artifacts"));
		Files.writeString(noArtifacts.resolve("content.xml"), "<repository><units/></repository>");
		e = assertThrows(IOException.class, () -> UpdateSite.read(noArtifacts));
		assertTrue(e.getMessage().contains("no-artifacts") && e.getMessage().contains("artifacts.jar or artifacts.xml"), e.getMessage());

		Path badVersion = Files.createDirectories(dir.resolve("bad-version"));
		Files.writeString(badVersion.resolve("content.xml"), "<repository><units><unit id='x.y' version='one'/></units></repository>");
		Files.writeString(badVersion.resolve("artifacts.xml"), "<repository/>");
		e = assertThrows(IOException.class, () -> UpdateSite.read(badVersion));
		assertTrue(e.getMessage().contains("unit x.y has a bad version 'one'"), e.getMessage());
	}

	@Test
	void aCompositeSiteIsReadThroughItsLocalChildren() throws Exception {
		site();
		Path composite = Files.createDirectories(dir.resolve("composite"));
		Files.writeString(composite.resolve("compositeContent.xml"), "<?xml version='1.0'?>\n<repository name='all' type='org.eclipse.equinox.internal.p2.metadata.repository.CompositeMetadataRepository' version='1'>"
				+ "<children size='1'><child location='../site'/></children></repository>");
		assertTrue(UpdateSite.isRepository(composite));
		assertEquals(5, UpdateSite.read(composite).installable().size());
	}
}
