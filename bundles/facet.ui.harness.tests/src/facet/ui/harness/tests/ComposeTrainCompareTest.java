package facet.ui.harness.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.ISeries;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import facet.core.Progress;
import facet.core.experiment.AttentionRef;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.experiment.ExperimentValidator;
import facet.core.experiment.ModuleRef;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.Run;
import facet.core.runs.RunStatus;
import facet.engine.run.ExperimentRunner;
import facet.engine.run.PretrainedModel;
import facet.ui.internal.OpenExperimentAction;
import facet.ui.internal.compare.CompareEditor;
import facet.ui.internal.compare.CompareEditorInput;
import facet.ui.internal.editor.ExperimentEditor;
import facet.ui.internal.editor.ParameterForm;
import facet.ui.internal.heatmap.HeatmapComputation;
import facet.ui.internal.heatmap.HeatmapView;
import facet.ui.internal.runs.TrainJob;
import facet.ui.internal.views.ModulesView;
import facet.ui.internal.views.RunsView;

/**
 * What a researcher does in the workbench, in order: composes model 2 from a minimal experiment
 * by dragging modules from the palette and filling the generated forms, saves it, trains a tiny
 * version of it while the dashboard draws the curves, cancels a second training and resumes it,
 * compares the two runs, and looks at where the trained run looks beside the pretrained model.
 * The trainings are tiny (20 faces per class at 24 px, width 4).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeTrainCompareTest {

	/** The smallest experiment there is: the palette and the forms make model 2 of it. */
	private static final String MINIMAL = """
			{
			  "format": 1,
			  "name": "minimal",
			  "dataset": {"id": "synthetic"},
			  "backbone": {"id": "separable"},
			  "head": {"id": "linear"},
			  "loss": {"terms": [{"id": "cross-entropy"}]}
			}
			""";

	@TempDir
	static Path dir;

	private final ModuleRegistry registry = ModuleRegistry.getDefault();
	private Path file;
	private ExperimentEditor editor;
	private Run completed;
	private Run resumed;
	private ErrorLog log;

	@BeforeAll
	void openTheMinimalExperiment() throws Exception {
		log = new ErrorLog();
		file = Files.writeString(dir.resolve("model-2.facet.json"), MINIMAL);
		editor = UI.sync(() -> OpenExperimentAction.open(UI.page(), file));
		assertNotNull(editor);
	}

	/** Each step ends without an error in the log (an error dialog in the harness is an error entry). */
	@AfterEach
	void noErrorLogged() {
		try {
			log.assertNone("this step");
		} finally {
			log.clear();
		}
	}

	@AfterAll
	void closeEverything() throws Exception {
		try {
			UI.closeDialogs();
			UI.run(() -> UI.page().closeAllEditors(false));
			log.assertNone("closing the editors");
		} finally {
			log.close();
		}
	}

	@Test
	@Order(1)
	void model2IsComposedFromThePaletteAndTheForms() throws Exception {
		// the palette's drag, the editor's drop: each module lands where its kind belongs
		drag(ModuleKind.BACKBONE, "ghost-resnet");
		drag(ModuleKind.PREPROCESSOR, "normalize");
		drag(ModuleKind.AUGMENTATION, "hflip");
		drag(ModuleKind.AUGMENTATION, "cutout");
		drag(ModuleKind.ATTENTION, "cam");
		drag(ModuleKind.ATTENTION, "msa");
		UI.run(() -> assertEquals(List.of("stage4", "stage4"), editor.document().spec().backbone().attention().stream().map(AttentionRef::stage).toList(),
				"dropped attention goes to the backbone's last stage"));

		// the generated forms: model 2's settings, at a size that trains in seconds
		type("Name", "model-2");
		parameter("synthetic", "perClass", "20");
		parameter("synthetic", "size", "24");
		parameter("ghost-resnet", "width", "4");
		parameter("ghost-resnet", "blocks", "1");
		stage("cam", "stage2");
		stage("msa", "stage3");
		parameter("cam", "reduction", "4");
		parameter("msa", "scales", "3");
		check("msa", "residual", true);
		parameter("linear", "dropout", "0.1");
		choose("optimizer", "adam");
		type("learning rate", "0.003");
		type("weight decay", "0");
		type("warm-up epochs", "1");
		type("epochs", "2");
		type("batch size", "32");

		ExperimentSpec composed = UI.sync(() -> editor.document().spec());
		ExperimentSpec example = ExperimentFormat.read(examples().resolve("model-2.facet.json"));
		assertEquals(example.name(), composed.name());
		assertSameModule(ModuleKind.DATASET, withParams(example.dataset(), Map.of("perClass", 20L, "size", 24L)), composed.dataset());
		assertEquals(example.detector(), composed.detector());
		assertSameModules(ModuleKind.PREPROCESSOR, example.preprocessors(), composed.preprocessors());
		assertSameModules(ModuleKind.AUGMENTATION, example.augmentations(), composed.augmentations());
		assertSameModule(ModuleKind.BACKBONE, withParams(example.backbone().module(), Map.of("width", 4L)), composed.backbone().module());
		assertEquals(example.backbone().attention().stream().map(AttentionRef::stage).toList(),
				composed.backbone().attention().stream().map(AttentionRef::stage).toList());
		assertSameModules(ModuleKind.ATTENTION, example.backbone().attention().stream().map(AttentionRef::module).toList(),
				composed.backbone().attention().stream().map(AttentionRef::module).toList());
		assertSameModule(ModuleKind.HEAD, example.head(), composed.head());
		assertEquals(example.loss().size(), composed.loss().size());
		assertSameModule(ModuleKind.LOSS, example.loss().get(0).module(), composed.loss().get(0).module());
		assertEquals(example.loss().get(0).weight(), composed.loss().get(0).weight());
		assertEquals(example.optimizer(), composed.optimizer());
		assertEquals(example.schedule(), composed.schedule());
		assertEquals(example.batchSize(), composed.batchSize());
		assertEquals(example.seed(), composed.seed());
		assertEquals(2, composed.epochs());
		assertEquals(List.of(), new ExperimentValidator(registry).validate(composed));
		UI.run(() -> {
			assertTrue(editor.isDirty());
			String diagram = String.join(" | ", editor.pipeline().diagram().boxes().stream().map(b -> b.text()).toList());
			assertTrue(diagram.contains("ghost-resnet") && diagram.contains("cam @ stage2") && diagram.contains("msa @ stage3"), diagram);
		});
	}

	@Test
	@Order(2)
	void saveWritesTheComposedExperiment() throws Exception {
		ExperimentSpec composed = UI.sync(() -> editor.document().spec());
		UI.run(() -> assertTrue(UI.page().saveEditor(editor, false)));
		UI.run(() -> assertFalse(editor.isDirty()));
		assertEquals(UI.sync(() -> editor.document().text()), Files.readString(file));
		// the form holds ints where the file reader holds longs: compare what each writes
		assertEquals(ExperimentFormat.toJson(composed), ExperimentFormat.toJson(ExperimentFormat.read(file)));
	}

	@Test
	@Order(3)
	void aTinyTrainingRunsToTheEndAndTheDashboardDrawsItLive() throws Exception {
		TrainJob job = startTraining();
		awaitEnd(job);
		ExperimentRunner.Result result = job.result();
		assertEquals(RunStatus.COMPLETED, result.status(), result.message());
		assertTrue(job.getResult().isOK(), job.getResult().toString());
		completed = result.run();
		assertEquals(RunStatus.COMPLETED, Run.open(completed.folder()).info().status());
		assertEquals(2, completed.readMetrics().size());
		assertEquals(ExperimentFormat.toJson(ExperimentFormat.read(file)),
				ExperimentFormat.toJson(ExperimentFormat.read(completed.folder().resolve(Run.EXPERIMENT_FILE))), "the run holds the saved experiment");

		// batch points only come from the live metrics: the run's files hold epochs
		UI.waitFor("the dashboard to show the finished run", 30, () -> points("Loss", "train loss") == 2);
		UI.run(() -> {
			assertTrue(points("Loss", "batch loss") >= 2, "live batch losses: " + points("Loss", "batch loss"));
			assertTrue(points("Throughput", "batch") >= 2);
			assertEquals(2, points("Loss", "val loss"));
			assertEquals(2, points("Accuracy", "train"));
			assertEquals(2, points("Accuracy", "val"));
			assertEquals(2, points("Learning rate", "learning rate"));
			assertEquals(2, points("Throughput", "epoch"));
		});
		// the Runs view follows training jobs
		UI.waitFor("the Runs view to list the run", 30, () -> runsViewLists(completed.id()));
	}

	@Test
	@Order(4)
	void aCancelledTrainingIsRecordedCancelledAndResumesToTheEnd() throws Exception {
		type("epochs", "3");
		TrainJob job = UI.sync(() -> {
			TrainJob started = editor.train();
			// cancel as Cancel in the progress view would, once the first epoch is checkpointed
			started.addListener(new TrainJob.Listener() {
				@Override
				public void metrics(Map<String, ? extends Number> values) {
					if (values.containsKey("epoch")) {
						started.cancel();
					}
				}

				@Override
				public void finished(ExperimentRunner.Result result, Throwable failure) {
				}
			});
			return started;
		});
		assertNotNull(job);
		awaitEnd(job);
		assertEquals(IStatus.CANCEL, job.getResult().getSeverity(), job.getResult().toString());
		Run cancelled = Run.open(job.result().run().folder());
		assertEquals(RunStatus.CANCELLED, cancelled.info().status());
		assertTrue(cancelled.info().message().orElse("").contains("resume"), cancelled.info().message().toString());
		int epochsBefore = cancelled.readMetrics().size();
		assertTrue(epochsBefore >= 1 && epochsBefore < 3, "epochs before the cancel: " + epochsBefore);
		assertTrue(Files.isRegularFile(cancelled.folder().resolve("checkpoints/last.json")), "a checkpoint to resume from");
		UI.waitFor("the dashboard to say the run was cancelled", 30,
				() -> dashboardTitle().toLowerCase(java.util.Locale.ROOT).contains("cancel"));

		// resume as `facet resume` does: from the checkpoint, not from the start
		ExperimentRunner.Result result = new ExperimentRunner(registry, 2).resume(cancelled, Progress.NONE);
		assertEquals(RunStatus.COMPLETED, result.status(), result.message());
		List<Integer> epochs = new ArrayList<>();
		for (JsonObject record : cancelled.readMetrics()) {
			epochs.add(record.get("epoch").getAsInt());
		}
		assertEquals(List.of(1, 2, 3), epochs, "epochs before the cancel are not trained again");
		resumed = cancelled;
	}

	@Test
	@Order(5)
	void theCompareEditorShowsBothRunsSideBySide() throws Exception {
		assertNotNull(completed, "needs the completed run");
		assertNotNull(resumed, "needs the resumed run");
		CompareEditor compare = UI.sync(() -> (CompareEditor) UI.page().openEditor(
				new CompareEditorInput(List.of(completed.folder(), resumed.folder()), "test"), CompareEditor.ID));
		// the export buttons are enabled once the charts are drawn, the last thing the editor does
		UI.waitFor("the comparison and its charts", 120, () -> exportButton().isEnabled());
		UI.run(() -> {
			assertEquals(2, compare.panel().comparison().runs().size());
			assertEquals(2, compare.panel().table().getItemCount());
			assertFalse(compare.panel().significanceText().isBlank());
			List<Label> charts = UI.find(exportButton().getParent().getParent(), Label.class, l -> l.getImage() != null);
			assertTrue(charts.size() >= 2, "charts drawn: " + charts.size());
		});
	}

	private static Button exportButton() {
		return UI.one(UI.window().getShell(), Button.class, b -> b.getText().equals("Export HTML report…"),
				"the compare editor's export button");
	}

	@Test
	@Order(6)
	void theHeatmapViewerShowsTheTrainedRunBesideThePretrainedModel() throws Exception {
		assertNotNull(completed, "needs the completed run");
		List<String> models = List.of(PretrainedModel.NAME, completed.id());
		HeatmapView view = UI.sync(() -> (HeatmapView) UI.page().showView(HeatmapView.ID));
		UI.run(() -> {
			// the view lists the run store when it opens; Refresh reads it again
			UI.click(UI.one(UI.window().getShell(), Button.class,
					b -> b.getText().equals("Refresh") && b.getParent() instanceof org.eclipse.swt.widgets.Group g && g.getText().startsWith("Models"),
					"the heatmap viewer's Refresh"));
			assertEquals(2, view.checkModels(models), "the viewer offers the pretrained model and the run");
			view.start(List.of(HeatmapViewerTest.DEMO), models);
		});
		UI.waitUntil("the heatmaps", 240, () -> org.eclipse.core.runtime.jobs.Job.getJobManager().find(view).length == 0);
		UI.waitFor("the faces to be shown", 30, () -> !view.shown().isEmpty());
		for (HeatmapComputation.FaceMaps face : UI.sync(view::shown)) {
			assertEquals(models, face.models().stream().map(HeatmapComputation.ModelMaps::model).toList(), "side by side, in order");
			for (HeatmapComputation.ModelMaps maps : face.models()) {
				assertNull(maps.error(), maps.model() + ": " + maps.error());
				assertFalse(maps.panels().isEmpty(), maps.model() + " has a map");
			}
		}
	}

	private TrainJob startTraining() throws Exception {
		ExperimentSpec spec = UI.sync(() -> editor.document().spec());
		// an invalid experiment would open a modal message instead of a job
		assertEquals(List.of(), new ExperimentValidator(registry).validate(spec));
		TrainJob job = UI.sync(() -> editor.train());
		assertNotNull(job);
		return job;
	}

	private static void awaitEnd(TrainJob job) throws InterruptedException {
		UI.waitUntil("the training job " + job.getName() + " to end", 300, () -> job.getResult() != null);
	}

	private static Path examples() {
		return Path.of(System.getProperty("facet.examples", "../../examples"));
	}

	/** Selects the module in the Modules view and drags it onto the pipeline diagram. */
	private void drag(ModuleKind kind, String id) throws Exception {
		UI.run(() -> {
			ModulesView palette = (ModulesView) UI.page().showView(ModulesView.ID, null, IWorkbenchPage.VIEW_VISIBLE);
			TreeViewer tree = (TreeViewer) palette.getSite().getSelectionProvider();
			ModuleDescriptor module = registry.find(kind, id).orElseThrow(() -> new AssertionError(kind + " " + id + " is not installed"));
			tree.setSelection(new StructuredSelection(module), true);
			assertEquals(module, tree.getStructuredSelection().getFirstElement(), "the palette lists " + id);
			String dragged = PaletteDrag.dragFrom(tree.getControl());
			assertNotNull(dragged, "the palette starts a drag of " + id);
			assertTrue(PaletteDrag.dropOn(editor.pipeline().diagram().control(), dragged), "the editor takes " + id);
		});
	}

	/** The parameter form of a module on the pipeline page: the form below the row whose chooser shows the module. */
	private ParameterForm form(String moduleId) {
		for (ParameterForm form : editor.pipeline().forms()) {
			Control[] siblings = form.control().getParent().getChildren();
			int index = List.of(siblings).indexOf(form.control());
			if (index > 0 && siblings[index - 1] instanceof Composite row && row.getChildren().length > 0
					&& row.getChildren()[0] instanceof Combo chooser && chooser.getText().equals(moduleId)) {
				return form;
			}
		}
		throw new AssertionError("no form of " + moduleId + " on the pipeline page");
	}

	private void parameter(String moduleId, String name, String value) throws Exception {
		UI.run(() -> {
			Control field = form(moduleId).controlOf(name);
			assertTrue(field instanceof Text, moduleId + "." + name + " is a text field");
			((Text) field).setText(value);
			assertFalse(form(moduleId).decorationOf(name).isVisible(), moduleId + "." + name + " = " + value + " is refused");
		});
	}

	/** Ticks or clears a module's check box the way a click does. */
	private void check(String moduleId, String name, boolean selected) throws Exception {
		UI.run(() -> {
			Control field = form(moduleId).controlOf(name);
			assertTrue(field instanceof Button, moduleId + "." + name + " is a check box");
			((Button) field).setSelection(selected);
			field.notifyListeners(SWT.Selection, new Event());
		});
	}

	/** The stage chooser beside an attention module. */
	private void stage(String attentionId, String stage) throws Exception {
		UI.run(() -> {
			Combo chooser = UI.one(editor.pipeline().control(), Combo.class,
					c -> c.getData("kind") == ModuleKind.ATTENTION && c.getText().equals(attentionId), "chooser of " + attentionId);
			Control[] row = chooser.getParent().getChildren();
			Combo stages = (Combo) row[List.of(row).indexOf(chooser) + 2];
			assertTrue(List.of(stages.getItems()).contains(stage), List.of(stages.getItems()).toString());
			stages.setText(stage);
		});
	}

	/** The text field after a label on the pipeline page (the name and the training settings). */
	private void type(String label, String value) throws Exception {
		UI.run(() -> {
			Text field = (Text) after(label);
			field.setText(value);
		});
	}

	private void choose(String label, String item) throws Exception {
		UI.run(() -> {
			Combo combo = (Combo) after(label);
			int index = List.of(combo.getItems()).indexOf(item);
			assertTrue(index >= 0, label + " offers " + List.of(combo.getItems()));
			combo.select(index);
			UI.send(combo, SWT.Selection);
		});
	}

	private Control after(String label) {
		Label found = UI.one(editor.pipeline().control(), Label.class, l -> l.getText().equals(label), "label " + label);
		Control[] siblings = found.getParent().getChildren();
		return siblings[List.of(siblings).indexOf(found) + 1];
	}

	/** Points of a line in one of the dashboard's charts; on the UI thread. */
	private static int points(String chartTitle, String series) {
		Chart chart = UI.one(UI.window().getShell(), Chart.class, c -> c.getTitle().getText().equals(chartTitle), "chart " + chartTitle);
		ISeries<?> line = chart.getSeriesSet().getSeries(series);
		return line == null ? 0 : line.getYSeries().length;
	}

	/** The line above the dashboard's charts; on the UI thread. */
	private static String dashboardTitle() {
		Chart loss = UI.one(UI.window().getShell(), Chart.class, c -> c.getTitle().getText().equals("Loss"), "chart Loss");
		Composite root = loss.getParent().getParent().getParent();
		return ((Label) root.getChildren()[0]).getText();
	}

	private static boolean runsViewLists(String runId) {
		RunsView runs = (RunsView) UI.page().findView(RunsView.ID);
		if (runs == null) {
			return false;
		}
		for (org.eclipse.swt.widgets.TableItem item : runs.viewer().getTable().getItems()) {
			for (int column = 0; column < runs.viewer().getTable().getColumnCount(); column++) {
				if (item.getText(column).contains(runId)) {
					return true;
				}
			}
		}
		return false;
	}

	private void assertSameModule(ModuleKind kind, ModuleRef expected, ModuleRef actual) throws Exception {
		assertEquals(expected.id(), actual.id(), kind.label());
		ModuleDescriptor module = registry.get(kind, expected.id());
		assertEquals(module.settings(expected.params()).values(), module.settings(actual.params()).values(), kind.label() + " " + expected.id());
	}

	private void assertSameModules(ModuleKind kind, List<ModuleRef> expected, List<ModuleRef> actual) throws Exception {
		assertEquals(expected.stream().map(ModuleRef::id).toList(), actual.stream().map(ModuleRef::id).toList(), kind.label());
		for (int i = 0; i < expected.size(); i++) {
			assertSameModule(kind, expected.get(i), actual.get(i));
		}
	}

	private static ModuleRef withParams(ModuleRef ref, Map<String, Object> changed) {
		Map<String, Object> params = new HashMap<>(ref.params());
		params.putAll(changed);
		return new ModuleRef(ref.id(), params);
	}
}
