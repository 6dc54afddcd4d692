package facet.ui.harness.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jface.dialogs.IconAndMessageDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModulePlugins;
import facet.ui.internal.OpenExperimentAction;
import facet.ui.internal.editor.ExperimentEditor;
import facet.ui.internal.plugins.InstallPluginAction;
import facet.ui.internal.plugins.InstallPluginDialog;
import facet.ui.internal.plugins.UninstallPluginAction;
import facet.ui.internal.plugins.UninstallPluginDialog;
import facet.ui.internal.views.ModulesView;

import facet.core.tests.fixtures.BundleJars;

/**
 * File &gt; Install Module Plugin… and Uninstall Module Plugins… in the running workbench: the
 * palette and an open experiment editor see the module come and go without a restart.
 */
class ModulePluginTest {

	private static final String BUNDLE = "org.example.facet.harness";
	private static final String MODULE = "harness-eca";
	private static final String EXPERIMENT = """
			{
			  "format": 1,
			  "name": "with-attention",
			  "dataset": {"id": "synthetic"},
			  "backbone": {"id": "separable", "params": {"stages": 2}, "attention": [{"id": "se", "stage": "stage2"}]},
			  "head": {"id": "linear"},
			  "loss": {"terms": [{"id": "cross-entropy"}]}
			}
			""";

	@TempDir
	Path dir;

	@AfterEach
	void tidy() throws Exception {
		UI.closeDialogs();
		UI.run(() -> UI.page().closeAllEditors(false));
		ModulePlugins.uninstall(ModulePlugins.installed());
	}

	@Test
	void aModuleInstalledFromAJarAppearsInThePaletteAndTheEditorAndLeavesOnUninstall() throws Exception {
		try (ErrorLog log = new ErrorLog()) {
			Path jar = writePlugin(dir.resolve("org.example.facet.harness_1.0.0.jar"));
			ExperimentEditor editor = UI.sync(() -> OpenExperimentAction.open(UI.page(), Files.writeString(dir.resolve("a.facet.json"), EXPERIMENT)));
			assertNotNull(editor);
			UI.run(() -> UI.page().showView(ModulesView.ID, null, IWorkbenchPage.VIEW_VISIBLE));
			assertFalse(UI.sync(ModulePluginTest::paletteLists));
			assertFalse(UI.sync(() -> editorOffers(editor)));

			UI.display().asyncExec(() -> new InstallPluginAction(UI.window()).run());
			InstallPluginDialog install = UI.waitForDialog(InstallPluginDialog.class, 30);
			UI.run(() -> {
				install.setLocation(jar.toString());
				assertEquals(List.of(BUNDLE), install.candidates().stream().map(c -> c.symbolicName()).toList());
				assertTrue(install.installEnabled());
				UI.click(button(install.getShell(), "&Install"));
			});
			IconAndMessageDialog report = UI.waitForDialog(IconAndMessageDialog.class, 60);
			UI.run(() -> {
				assertTrue(report instanceof MessageDialog, "installed without problems, not " + report.getClass().getSimpleName());
				report.close();
			});
			UI.waitFor("the palette to list " + MODULE, 30, ModulePluginTest::paletteLists);
			UI.waitFor("the editor to offer " + MODULE, 30, () -> editorOffers(editor));
			assertEquals(List.of(BUNDLE), ModulePlugins.installed().stream().map(Bundle::getSymbolicName).toList());

			UI.display().asyncExec(() -> new UninstallPluginAction(UI.window()).run());
			UninstallPluginDialog uninstall = UI.waitForDialog(UninstallPluginDialog.class, 30);
			UI.run(() -> {
				Table table = UI.one(uninstall.getShell(), Table.class, t -> true, "list of installed plug-ins");
				assertEquals(1, table.getItemCount());
				TableItem item = table.getItem(0);
				assertEquals(BUNDLE, ((Bundle) item.getData()).getSymbolicName());
				item.setChecked(true);
				Event check = new Event();
				check.detail = SWT.CHECK;
				check.item = item;
				table.notifyListeners(SWT.Selection, check);
				UI.click(button(uninstall.getShell(), "&Uninstall"));
			});
			UI.waitFor("the palette to drop " + MODULE, 30, () -> !paletteLists());
			UI.waitFor("the editor to drop " + MODULE, 30, () -> !editorOffers(editor));
			assertTrue(ModulePlugins.installed().isEmpty());
			log.assertNone("installing and uninstalling");
		}
	}

	private static Button button(org.eclipse.swt.widgets.Shell shell, String text) {
		return UI.one(shell, Button.class, b -> b.getText().equals(text), "button " + text);
	}

	/** Whether the Modules view's tree holds the module; on the UI thread. */
	private static boolean paletteLists() {
		ModulesView palette = (ModulesView) UI.page().findView(ModulesView.ID);
		TreeViewer tree = (TreeViewer) palette.getSite().getSelectionProvider();
		return contains(tree.getTree().getItems());
	}

	private static boolean contains(TreeItem[] items) {
		for (TreeItem item : items) {
			if (item.getData() instanceof ModuleDescriptor module && module.kind() == ModuleKind.ATTENTION && module.id().equals(MODULE)) {
				return true;
			}
			if (contains(item.getItems())) {
				return true;
			}
		}
		return false;
	}

	/** Whether the attention chooser on the editor's pipeline page offers the module; on the UI thread. */
	private static boolean editorOffers(ExperimentEditor editor) {
		Combo chooser = UI.one(editor.pipeline().control(), Combo.class, c -> c.getData("kind") == ModuleKind.ATTENTION, "attention chooser");
		return List.of(chooser.getItems()).contains(MODULE);
	}

	/** A third party's module bundle: a manifest, a plugin.xml contributing one attention module, its factory class. */
	private static Path writePlugin(Path jar) throws Exception {
		String pluginXml = """
				<?xml version="1.0" encoding="UTF-8"?>
				<plugin>
				   <extension point="facet.core.attention">
				      <attention id="%s" name="Harness ECA" description="Installed while the workbench runs" class="%s"/>
				   </extension>
				</plugin>
				""".formatted(MODULE, HarnessAttentionFactory.class.getName());
		return BundleJars.write(jar, BUNDLE, "1.0.0", "facet.core.modules,facet.core.spi", pluginXml, HarnessAttentionFactory.class);
	}
}
