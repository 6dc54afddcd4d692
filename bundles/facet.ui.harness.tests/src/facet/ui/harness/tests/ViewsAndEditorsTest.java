package facet.ui.harness.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IEditorReference;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.core.experiment.ExperimentFormat;
import facet.core.modules.ModuleKind;
import facet.core.runs.Run;
import facet.core.runs.RunStatus;
import facet.ui.internal.OpenExperimentAction;
import facet.ui.internal.editor.ExperimentEditor;
import facet.ui.internal.preferences.FacetPreferencePage;
import facet.ui.internal.runs.TrainJob;

/** Every view and editor of the workbench opens, inside the running workbench, without an error. */
class ViewsAndEditorsTest {

	@AfterEach
	void tidy() throws Exception {
		UI.closeDialogs();
		UI.run(() -> UI.page().closeAllEditors(false));
	}

	/** The views facet.ui contributes, id to class, as its plugin.xml declares them. */
	static Map<String, String> facetViews() {
		Map<String, String> views = new LinkedHashMap<>();
		for (IConfigurationElement element : Platform.getExtensionRegistry().getConfigurationElementsFor("org.eclipse.ui.views")) {
			if (element.getName().equals("view") && element.getContributor().getName().equals("facet.ui")) {
				views.put(element.getAttribute("id"), element.getAttribute("class"));
			}
		}
		return views;
	}

	@Test
	void everyViewOfFacetUiOpensWithoutAnError() throws Exception {
		Map<String, String> views = facetViews();
		assertTrue(views.keySet().containsAll(List.of("facet.ui.views.modules", "facet.ui.views.runs", "facet.ui.views.dashboard",
				"facet.ui.views.heatmap", "facet.ui.views.analyze", "facet.ui.views.dataset", "facet.ui.views.sweeps")), views.toString());
		try (ErrorLog log = new ErrorLog()) {
			for (Map.Entry<String, String> view : views.entrySet()) {
				IViewPart part = UI.sync(() -> UI.page().showView(view.getKey()));
				assertNotNull(part, view.getKey());
				// a view whose creation failed is replaced by the workbench's error part
				assertEquals(view.getValue(), part.getClass().getName(), view.getKey() + " shows an error instead of itself");
				assertTrue(UI.sync(() -> UI.page().isPartVisible(part)), view.getKey() + " is visible");
			}
			log.assertNone("opening the views");
		}
	}

	/**
	 * Every shipped example, the features → classifier ones (hog-svm, …) included: the editor
	 * shows their feature stages and classifier on the pipeline page.
	 */
	@Test
	void theExperimentEditorOpensEveryExampleWithItsPipelineAndSource() throws Exception {
		Path examples = Path.of(System.getProperty("facet.examples", "../../examples"));
		List<Path> files = new ArrayList<>();
		int traditional = 0;
		try (Stream<Path> list = Files.list(examples)) {
			for (Path file : list.filter(p -> p.getFileName().toString().endsWith(".facet.json")).sorted().toList()) {
				files.add(file);
				if (ExperimentFormat.read(file).isTraditional()) {
					traditional++;
				}
			}
		}
		assertTrue(files.size() >= 8, "examples in " + examples.toAbsolutePath() + ": " + files);
		assertEquals(4, traditional, "hog-svm, lbp-svm, gabor-pca-svm and linear-pixels in " + files);
		try (ErrorLog log = new ErrorLog()) {
			for (Path file : files) {
				ExperimentEditor editor = UI.sync(() -> OpenExperimentAction.open(UI.page(), file));
				assertNotNull(editor, file.toString());
				UI.run(() -> {
					assertTrue(editor.document().parseProblems().isEmpty(), file + ": " + editor.document().parseProblems());
					assertFalse(editor.pipeline().forms().isEmpty(), file + ": the pipeline page has forms");
					assertNull(editor.pipeline().failure(), file.toString());
					ModuleKind last = editor.pipeline().diagram().boxes().get(editor.pipeline().diagram().boxes().size() - 1).kind();
					if (editor.document().model().isTraditional()) {
						assertEquals(ModuleKind.CLASSIFIER, last, file + ": the diagram ends in the classifier");
					}
					assertFalse(editor.isDirty(), file + " is not changed by opening it");
					editor.showPage(ExperimentEditor.SOURCE_PAGE);
					assertEquals(Files.readString(file), editor.sourceText().getText());
					editor.showPage(ExperimentEditor.PIPELINE_PAGE);
				});
			}
			log.assertNone("opening the examples");
		}
	}

	/** ▶ Train on a features → classifier experiment fits it the way {@code facet train} does, and the Dashboard shows the run. */
	@Test
	void trainingAFeaturesClassifierExperimentFromTheEditorRunsItToTheEnd(@TempDir Path dir) throws Exception {
		Path file = Files.writeString(dir.resolve("ui-hog-svm.facet.json"), """
				{
				  "format": 1,
				  "name": "ui-hog-svm",
				  "dataset": {"id": "synthetic", "params": {"perClass": 20, "size": 32, "difficulty": "easy", "identities": 10, "occlusion": 0}},
				  "preprocessors": [{"id": "grayscale"}],
				  "features": [{"id": "hog", "params": {"cell": 8}}],
				  "classifier": {"id": "svm", "params": {"kernel": "linear", "c": 0.1}},
				  "seed": 3
				}
				""");
		try (ErrorLog log = new ErrorLog()) {
			ExperimentEditor editor = UI.sync(() -> OpenExperimentAction.open(UI.page(), file));
			assertNotNull(editor);
			TrainJob job = UI.sync(editor::train);
			assertNotNull(job, "the experiment is valid: train starts a job instead of refusing");
			UI.waitUntil("the training job to end", 300, () -> job.getResult() != null);
			assertTrue(job.getResult().isOK(), job.getResult().toString());
			Run run = Run.open(job.result().run().folder());
			assertEquals(RunStatus.COMPLETED, run.info().status());
			assertTrue(run.info().environment().engine().startsWith("traditional (svm"), run.info().environment().engine());
			assertTrue(Files.isRegularFile(run.folder().resolve("evaluation-test.json")));
			UI.waitFor("the Dashboard to show the run", 30,
					() -> !UI.find(UI.window().getShell(), Text.class, t -> t.getText().contains(run.info().id()) && t.getText().contains("COMPLETED")).isEmpty());
			log.assertNone("training a features → classifier experiment");
		}
	}

	/**
	 * The harness runs in JFace's automated mode, where an error dialog is logged instead of
	 * shown: the log entry is the dialog's text.
	 */
	@Test
	void aFileTheEditorCannotReadGetsAnErrorDialogNamingItAndNoEditor(@TempDir Path dir) throws Exception {
		Path folder = Files.createDirectory(dir.resolve("folder.facet.json"));
		boolean automated = ErrorDialog.AUTOMATED_MODE;
		ErrorDialog.AUTOMATED_MODE = true;
		try (ErrorLog log = new ErrorLog()) {
			ExperimentEditor opened = UI.sync(() -> OpenExperimentAction.open(UI.page(), folder));
			assertNull(opened);
			List<String> messages = log.errors().stream().map(IStatus::getMessage).toList();
			assertTrue(messages.stream().anyMatch(m -> m.startsWith("Open Experiment") && m.contains("Cannot open " + folder + ": cannot read it")),
					messages.toString());
			UI.run(() -> {
				for (IEditorReference editor : UI.page().getEditorReferences()) {
					assertFalse(editor.getName().equals("folder.facet.json"), "no editor stays open on it");
				}
			});
		} finally {
			ErrorDialog.AUTOMATED_MODE = automated;
		}
	}

	@Test
	void theFacetPreferencePageOpens() throws Exception {
		UI.display().asyncExec(() -> PreferencesUtil.createPreferenceDialogOn(UI.window().getShell(), FacetPreferencePage.ID, null, null).open());
		PreferenceDialog dialog = UI.waitForDialog(PreferenceDialog.class, 30);
		UI.run(() -> {
			assertTrue(dialog.getSelectedPage() instanceof FacetPreferencePage, String.valueOf(dialog.getSelectedPage()));
			dialog.close();
		});
	}
}
