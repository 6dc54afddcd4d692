package facet.ui.tests;

import static facet.core.tests.fixtures.Conditions.waitFor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleException;

import facet.core.modules.ModuleKind;
import facet.core.modules.ModulePlugins;
import facet.core.modules.ModuleRegistry;
import facet.ui.internal.plugins.PluginCandidate;
import facet.ui.internal.plugins.PluginInstallation;
import facet.ui.internal.plugins.PluginSource;
import facet.ui.internal.preferences.FacetPreferences;

/** Install Module Plugin… without its dialog: finding bundles, installing, disabling a broken module, uninstalling. */
class PluginInstallationTest {

	@TempDir
	Path dir;

	@AfterEach
	void uninstallLeftovers() {
		ModulePlugins.uninstall(ModulePlugins.installed());
	}

	@Test
	void aJarIsOneCandidateAndABundleThatRunsIsMarkedInstalled() throws Exception {
		Path fresh = PluginJars.write(dir.resolve("one.jar"), "x.example.one", "1.0.0", null);
		List<PluginCandidate> found = PluginSource.scan(fresh, PluginInstallation::isInstalled);
		assertEquals(1, found.size());
		assertEquals("x.example.one", found.get(0).symbolicName());
		assertFalse(found.get(0).installed());

		Path core = PluginJars.write(dir.resolve("core.jar"), "facet.core", "0.1.0", null);
		assertTrue(PluginSource.scan(core, PluginInstallation::isInstalled).get(0).installed(), "facet.core runs already");
	}

	@Test
	void anUpdateSiteOffersItsPluginsFolderNewestVersionFirst() throws Exception {
		Path site = dir.resolve("site");
		Files.createDirectories(site.resolve("features"));
		Files.writeString(site.resolve("artifacts.xml"), "<repository/>");
		PluginJars.write(site.resolve("plugins/x.example.two_1.0.0.jar"), "x.example.two", "1.0.0", null);
		PluginJars.write(site.resolve("plugins/x.example.two_1.10.0.jar"), "x.example.two", "1.10.0.v2", null);
		PluginJars.write(site.resolve("plugins/facet.core_0.1.0.jar"), "facet.core", "0.1.0", null);
		List<PluginCandidate> found = PluginSource.scan(site, PluginInstallation::isInstalled);
		assertEquals(List.of("facet.core", "x.example.two"), found.stream().map(PluginCandidate::symbolicName).toList());
		assertEquals("1.10.0.v2", found.get(1).version());
		assertEquals(List.of(true, false), found.stream().map(PluginCandidate::installed).toList());
	}

	@Test
	void whatIsNoBundleIsRefusedNamingTheFile() throws Exception {
		Path plain = PluginJars.plain(dir.resolve("lib/plain.jar"));
		IOException e = assertThrows(IOException.class, () -> PluginSource.scan(plain, s -> false));
		assertTrue(e.getMessage().contains("plain.jar") && e.getMessage().contains("Bundle-SymbolicName"), e.getMessage());

		Files.createDirectories(dir.resolve("empty"));
		e = assertThrows(IOException.class, () -> PluginSource.scan(dir.resolve("empty"), s -> false));
		assertTrue(e.getMessage().contains("no bundle jars"), e.getMessage());

		e = assertThrows(IOException.class, () -> PluginSource.scan(dir.resolve("missing.jar"), s -> false));
		assertTrue(e.getMessage().contains("missing.jar") && e.getMessage().contains("no such file"), e.getMessage());

		Path text = Files.writeString(dir.resolve("notes.txt"), "x");
		e = assertThrows(IOException.class, () -> PluginSource.scan(text, s -> false));
		assertTrue(e.getMessage().contains("not a bundle jar"), e.getMessage());
	}

	@Test
	void installedModulesAppearAThrowingFactoryIsDisabledAndUninstallRemovesThem() throws Exception {
		ModuleRegistry registry = ModuleRegistry.getDefault();
		AtomicInteger changes = new AtomicInteger();
		ModuleRegistry.Listener listener = r -> changes.incrementAndGet();
		registry.addListener(listener);
		try {
			Path jar = PluginJars.write(dir.resolve("x.example.attention.jar"), "x.example.attention", "1.0.0",
					PluginJars.attention("ui-good", GoodAttentionFactory.class.getName(), "ui-throwing", ThrowingAttentionFactory.class.getName()),
					GoodAttentionFactory.class, ThrowingAttentionFactory.class);
			PluginInstallation.Outcome outcome = PluginInstallation.install(PluginSource.scan(jar, PluginInstallation::isInstalled), registry);

			assertEquals(List.of("ui-good"), outcome.modules().stream().map(m -> m.id()).toList());
			assertEquals(1, outcome.disabled().size());
			String reason = outcome.disabled().get(0).toString();
			assertTrue(reason.contains("ui-throwing") && reason.contains("x.example.attention") && reason.contains("weights file missing"), reason);
			assertFalse(outcome.clean());
			assertTrue(outcome.summary().contains("attention 'ui-good'"), outcome.summary());

			assertTrue(registry.find(ModuleKind.ATTENTION, "ui-good").isPresent());
			assertTrue(registry.find(ModuleKind.ATTENTION, "ui-throwing").isEmpty(), "a disabled module is not offered");
			assertTrue(registry.problems().stream().anyMatch(p -> "ui-throwing".equals(p.id()) && p.message().startsWith("disabled: ")));
			assertEquals(List.of("x.example.attention"), ModulePlugins.installed().stream().map(b -> b.getSymbolicName()).toList());
			waitFor(() -> changes.get() > 0, "listeners (the palette, the editor) told of the new modules");

			PluginInstallation.uninstall(outcome.bundles());
			waitFor(() -> registry.find(ModuleKind.ATTENTION, "ui-good").isEmpty(), "ui-good to leave the registry");
			assertTrue(ModulePlugins.installed().isEmpty());
			assertTrue(registry.problems().stream().noneMatch(p -> "ui-throwing".equals(p.id())), "an uninstalled bundle leaves no problem behind");
		} finally {
			registry.removeListener(listener);
		}
	}

	@Test
	void nothingNewIsRefusedAndABrokenSetLeavesNothingInstalled() throws Exception {
		Path core = PluginJars.write(dir.resolve("core.jar"), "facet.core", "0.1.0", null);
		BundleException e = assertThrows(BundleException.class,
				() -> PluginInstallation.install(PluginSource.scan(core, PluginInstallation::isInstalled), ModuleRegistry.getDefault()));
		assertTrue(e.getMessage().contains("nothing to install"), e.getMessage());

		// imports a package nobody exports: it installs but cannot start
		Path site = dir.resolve("site/plugins");
		PluginJars.write(site.resolve("a.jar"), "x.example.fine", "1.0.0", null);
		Path broken = PluginJars.write(site.resolve("b.jar"), "x.example.broken", "1.0.0", null);
		rewriteImport(broken);
		e = assertThrows(BundleException.class,
				() -> PluginInstallation.install(PluginSource.scan(dir.resolve("site"), PluginInstallation::isInstalled), ModuleRegistry.getDefault()));
		assertTrue(e.getMessage().contains("b.jar"), e.getMessage());
		assertTrue(ModulePlugins.installed().isEmpty(), "the fine bundle was uninstalled again");
		assertFalse(PluginInstallation.isInstalled("x.example.fine"));
	}

	private static void rewriteImport(Path jar) throws IOException {
		java.util.jar.Manifest manifest = new java.util.jar.Manifest();
		var a = manifest.getMainAttributes();
		a.put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
		a.putValue("Bundle-ManifestVersion", "2");
		a.putValue("Bundle-SymbolicName", "x.example.broken");
		a.putValue("Bundle-Version", "1.0.0");
		a.putValue("Import-Package", "org.example.nowhere");
		try (var out = Files.newOutputStream(jar); var jarOut = new java.util.jar.JarOutputStream(out, manifest)) {
			// the manifest is all
		}
	}

	@Test
	void installedPluginsAreRememberedInstalledAgainAtStartAndForgottenOnUninstall() throws Exception {
		IEclipsePreferences node = InstanceScope.INSTANCE.getNode("facet.ui.tests.plugins");
		node.clear();
		try {
			FacetPreferences preferences = new FacetPreferences(node);
			ModuleRegistry registry = ModuleRegistry.getDefault();
			Path jar = PluginJars.write(dir.resolve("kept/x.example.kept.jar"), "x.example.kept", "1.0.0",
					PluginJars.attention("ui-kept", GoodAttentionFactory.class.getName()), GoodAttentionFactory.class);
			PluginInstallation.Outcome outcome = PluginInstallation.installAndRemember(PluginSource.scan(jar, PluginInstallation::isInstalled), registry,
					preferences);
			assertEquals(List.of(List.of(jar.toAbsolutePath().normalize())), new FacetPreferences(node).rememberedPlugins(), "kept in the preferences");

			// the next start: the framework comes up without it
			ModulePlugins.uninstall(outcome.bundles());
			waitFor(() -> registry.find(ModuleKind.ATTENTION, "ui-kept").isEmpty(), "ui-kept to leave");
			assertEquals(List.of(), PluginInstallation.reinstallRemembered(preferences, registry));
			assertTrue(PluginInstallation.isInstalled("x.example.kept"));
			waitFor(() -> registry.find(ModuleKind.ATTENTION, "ui-kept").isPresent(), "ui-kept to come back");
			assertEquals(List.of(), PluginInstallation.reinstallRemembered(preferences, registry), "what runs already is left alone");

			PluginInstallation.uninstallAndForget(ModulePlugins.installed(), preferences);
			assertFalse(PluginInstallation.isInstalled("x.example.kept"));
			assertTrue(preferences.rememberedPlugins().isEmpty(), "Uninstall forgets it");
			assertEquals(List.of(), PluginInstallation.reinstallRemembered(preferences, registry));
			assertFalse(PluginInstallation.isInstalled("x.example.kept"));
		} finally {
			node.removeNode();
		}
	}

	@Test
	void aRememberedJarThatIsGoneIsReportedAndForgottenWhileTheOthersComeBack() throws Exception {
		IEclipsePreferences node = InstanceScope.INSTANCE.getNode("facet.ui.tests.plugins");
		node.clear();
		try {
			FacetPreferences preferences = new FacetPreferences(node);
			Path gone = PluginJars.write(dir.resolve("gone/x.example.gone.jar"), "x.example.gone", "1.0.0", null);
			Path stays = PluginJars.write(dir.resolve("stays/x.example.stays.jar"), "x.example.stays", "1.0.0", null);
			preferences.rememberPlugins(List.of(gone));
			preferences.rememberPlugins(List.of(stays));
			Files.delete(gone);

			List<String> problems = PluginInstallation.reinstallRemembered(preferences, ModuleRegistry.getDefault());
			assertEquals(1, problems.size(), problems.toString());
			assertTrue(problems.get(0).contains(gone.toString()) && problems.get(0).contains("is gone"), problems.get(0));
			assertTrue(PluginInstallation.isInstalled("x.example.stays"), "one missing jar keeps no other out");
			assertEquals(List.of(List.of(stays.toAbsolutePath().normalize())), preferences.rememberedPlugins(), "the gone one is forgotten");
		} finally {
			node.removeNode();
		}
	}
}
