package facet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.core.modules.ModulePlugins;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.RunStore;
import facet.ui.internal.plugins.PluginInstallation;
import facet.ui.internal.plugins.InstallPluginDialog;
import facet.ui.internal.preferences.FacetPreferencePage;
import facet.ui.internal.preferences.FacetPreferences;

/** The Install Module Plugin dialog and the preference model and page, in a plain shell. */
class PluginDialogsTest {

	@TempDir
	Path dir;

	private Display display;
	private Shell shell;
	private IEclipsePreferences node;

	@BeforeEach
	void open() throws Exception {
		shell = TestDisplay.newShell();
		display = shell.getDisplay();
		node = InstanceScope.INSTANCE.getNode("facet.ui.tests.preferences");
		node.clear();
	}

	@AfterEach
	void close() throws Exception {
		shell.dispose();
		node.removeNode();
	}

	@Test
	void theInstallDialogListsASitesBundlesAndEnablesInstallOnlyForNewOnes() throws Exception {
		PluginJars.write(dir.resolve("site/plugins/x.example.three_1.0.0.jar"), "x.example.three", "1.0.0", null);
		PluginJars.write(dir.resolve("site/plugins/facet.core_0.1.0.jar"), "facet.core", "0.1.0", null);
		PluginJars.write(dir.resolve("old/plugins/facet.core_0.1.0.jar"), "facet.core", "0.1.0", null);
		InstallPluginDialog dialog = new InstallPluginDialog(shell, name -> name.startsWith("facet."));
		dialog.setBlockOnOpen(false);
		dialog.open();
		try {
			assertFalse(dialog.installEnabled(), "nothing chosen yet");

			dialog.setLocation(dir.resolve("site").toString());
			assertEquals(2, dialog.rows().size(), "a folder of jars without p2 metadata: each jar's bundle");
			assertEquals(List.of("x.example.three"), dialog.candidates().stream().map(c -> c.symbolicName()).toList(), "the new one, ticked");
			assertTrue(dialog.installEnabled());
			assertNull(dialog.getErrorMessage());
			dialog.check(List.of());
			assertFalse(dialog.installEnabled(), "nothing ticked");

			dialog.setLocation(dir.resolve("old").toString());
			assertFalse(dialog.installEnabled(), "everything there runs already");

			dialog.setLocation(dir.resolve("nowhere").toString());
			assertNotNull(dialog.getErrorMessage());
			assertTrue(dialog.getErrorMessage().contains("nowhere"), dialog.getErrorMessage());
			assertFalse(dialog.installEnabled());
		} finally {
			dialog.close();
		}
	}

	@Test
	void fromAP2SiteTheDialogInstallsTheTickedFeatureWithTheBundlesItRequires() throws Exception {
		Path site = new P2Sites(dir.resolve("p2"))
				.feature("x.example.p2", "1.0.0", "x.example.p2.module", "1.0.0")
				.bundle("x.example.p2.module", "1.0.0", "", P2Sites.requiresPackage("x.example.p2.api", "[1.0.0,2.0.0)", false),
						P2Sites.requiresPackage("facet.core.spi", "0.0.0", false))
				.bundle("x.example.p2.api", "1.0.0", P2Sites.providesPackage("x.example.p2.api", "1.0.0"))
				.bundle("x.example.p2.unwanted", "1.0.0", "")
				.bundle("x.example.p2.win32", "1.0.0", "").filtered("(osgi.os=win32)")
				.write();
		PluginJars.write(site.resolve("plugins/x.example.p2.module_1.0.0.jar"), "x.example.p2.module", "1.0.0",
				PluginJars.attention("p2-good", GoodAttentionFactory.class.getName()), GoodAttentionFactory.class);
		PluginJars.write(site.resolve("plugins/x.example.p2.api_1.0.0.jar"), "x.example.p2.api", "1.0.0", null);
		PluginJars.write(site.resolve("plugins/x.example.p2.unwanted_1.0.0.jar"), "x.example.p2.unwanted", "1.0.0", null);

		InstallPluginDialog dialog = new InstallPluginDialog(shell, PluginInstallation::isInstalled, PluginInstallation.platform());
		dialog.setBlockOnOpen(false);
		dialog.open();
		try {
			dialog.setLocation(site.toString());
			assertNotNull(dialog.site(), "read as a p2 repository");
			assertEquals(List.of("x.example.p2 (feature)", "x.example.p2.api", "x.example.p2.module", "x.example.p2.unwanted"),
					dialog.rows().stream().map(InstallPluginDialog.Row::id).toList(), "not the Windows-only bundle");
			dialog.check(List.of("x.example.p2 (feature)"));
			assertEquals(List.of("x.example.p2.api", "x.example.p2.module"), dialog.candidates().stream().map(c -> c.symbolicName()).toList(),
					"the feature's bundle and the API bundle it imports from; not the unticked one");
			assertEquals(site.resolve("plugins/x.example.p2.api_1.0.0.jar"), dialog.candidates().get(0).jar());
			assertTrue(dialog.installEnabled());
			assertTrue(dialog.getMessage().contains("x.example.p2.module 1.0.0"), dialog.getMessage());

			PluginInstallation.Outcome outcome = PluginInstallation.install(dialog.candidates(), ModuleRegistry.getDefault());
			assertEquals(List.of("p2-good"), outcome.modules().stream().map(m -> m.id()).toList());
			assertTrue(PluginInstallation.isInstalled("x.example.p2.api"));
			assertFalse(PluginInstallation.isInstalled("x.example.p2.unwanted"));
		} finally {
			dialog.close();
			ModulePlugins.uninstall(ModulePlugins.installed());
		}
	}

	@Test
	void aSiteUnitWhoseRequirementNobodyProvidesCannotBeInstalled() throws Exception {
		Path site = new P2Sites(dir.resolve("p2"))
				.bundle("x.example.lonely", "1.0.0", "", P2Sites.requiresPackage("org.example.nowhere", "[1.0.0,2.0.0)", false))
				.write();
		PluginJars.write(site.resolve("plugins/x.example.lonely_1.0.0.jar"), "x.example.lonely", "1.0.0", null);
		InstallPluginDialog dialog = new InstallPluginDialog(shell, PluginInstallation::isInstalled, PluginInstallation.platform());
		dialog.setBlockOnOpen(false);
		dialog.open();
		try {
			dialog.setLocation(site.toString());
			assertFalse(dialog.installEnabled());
			assertTrue(dialog.getErrorMessage().contains("org.example.nowhere") && dialog.getErrorMessage().contains("x.example.lonely"),
					dialog.getErrorMessage());
		} finally {
			dialog.close();
		}
	}

	@Test
	void preferencesDefaultToTheCommandLinesChoicesAndPersistWhatIsStored() throws Exception {
		FacetPreferences preferences = new FacetPreferences(node);
		assertEquals(RunStore.defaultStore().root(), preferences.runStore().root());
		assertEquals(FacetPreferences.defaultThreads(), preferences.threads());
		assertEquals("mtcnn", preferences.defaultDetector());
		assertEquals("pretrained", preferences.defaultModel());

		preferences.store(dir.resolve("runs").toString(), 3, "adaboost", "run-42");
		FacetPreferences again = new FacetPreferences(InstanceScope.INSTANCE.getNode("facet.ui.tests.preferences"));
		assertEquals(dir.resolve("runs"), again.runStore().root());
		assertEquals(3, again.threads());
		assertEquals("adaboost", again.defaultDetector());
		assertEquals("run-42", again.defaultModel());

		preferences.store(" ", 0, "", null);
		assertEquals(RunStore.defaultStore().root(), again.runStore().root(), "blank is the default again");
		assertEquals(FacetPreferences.defaultThreads(), again.threads());
		assertEquals("mtcnn", again.defaultDetector());
	}

	@Test
	void badPreferenceValuesAreRefusedNamingTheField() {
		Set<String> detectors = Set.of("mtcnn", "adaboost");
		assertEquals(0, FacetPreferences.validate("", "", "", detectors).size());
		assertEquals(0, FacetPreferences.validate(dir.toString(), "4", "adaboost", detectors).size());
		var problems = FacetPreferences.validate("runs", "0", "yolo", detectors);
		assertEquals(3, problems.size(), problems.toString());
		assertTrue(problems.get(0).startsWith("Run store: expected an absolute folder path"), problems.get(0));
		assertEquals("Threads: expected 1 to 256, got 0", problems.get(1));
		assertEquals("Default detector: no installed detector 'yolo'; installed: adaboost, mtcnn", problems.get(2));
		assertEquals("Threads: expected a whole number, got 'many'", FacetPreferences.validate("", "many", "", detectors).get(0));
	}

	@Test
	void thePreferencePageShowsStoredValuesRefusesAnUnknownDetectorAndStores() throws Exception {
		FacetPreferences preferences = new FacetPreferences(node);
		preferences.store(dir.resolve("store").toString(), 2, "", "");
		FacetPreferencePage page = new FacetPreferencePage(preferences);
		page.createControl(shell);
		try {
			assertEquals(dir.resolve("store").toString(), page.runStoreField().getText());
			assertEquals(2, page.threadsField().getSelection());
			assertTrue(page.isValid());

			page.detectorField().setText("no-such-detector");
			assertFalse(page.isValid());
			assertTrue(page.getErrorMessage().contains("no-such-detector"), page.getErrorMessage());

			page.detectorField().setText("");
			page.runStoreField().setText(dir.resolve("other").toString());
			page.threadsField().setSelection(5);
			assertTrue(page.isValid());
			assertTrue(page.performOk());
			assertEquals(dir.resolve("other"), preferences.runStore().root());
			assertEquals(5, preferences.threads());
		} finally {
			page.dispose();
		}
	}
}
