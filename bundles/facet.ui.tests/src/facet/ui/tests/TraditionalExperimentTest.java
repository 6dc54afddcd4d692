package facet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.Run;
import facet.core.runs.RunStatus;
import facet.core.runs.RunStore;
import facet.ui.internal.editor.ExperimentDocument;
import facet.ui.internal.editor.ParameterForm;
import facet.ui.internal.editor.PipelinePage;
import facet.ui.internal.pipeline.ModuleDrop;
import facet.ui.internal.pipeline.PipelineDiagram;
import facet.ui.internal.runs.TrainJob;

/**
 * The editor's pages on every shipped example, the features → classifier ones (hog-svm, lbp-svm,
 * gabor-pca-svm) in particular: their feature stages and classifier on the form and in the
 * diagram, edits reaching the JSON, and training through the same runner as {@code facet train}.
 */
class TraditionalExperimentTest {

	@TempDir
	Path dir;

	private Display display;
	private Shell shell;
	private ExperimentDocument document;
	private PipelinePage page;

	@BeforeEach
	void open() {
		shell = TestDisplay.newShell();
		display = shell.getDisplay();
		shell.setSize(1100, 800);
		page = new PipelinePage(shell, ModuleRegistry.getDefault(), () -> document.modelChanged());
		shell.open();
	}

	@AfterEach
	void close() {
		shell.dispose();
		settle();
	}

	private void settle() {
		TestDisplay.settle(display);
	}

	/** Wires a document to the page as the editor does: accepted text replaces the model. */
	private void show(String source, String text) {
		document = new ExperimentDocument(source, text);
		TestDisplay.followText(document, page);
		page.setModel(document.model());
		settle();
	}

	private void show(Path file) throws Exception {
		show(file.toString(), Files.readString(file));
	}

	private ExperimentSpec spec() throws Exception {
		return ExperimentFormat.parse(document.text(), "document");
	}

	static Path examples() {
		Path examples = Path.of(System.getProperty("facet.examples", "../../examples"));
		assertTrue(Files.isDirectory(examples), examples.toAbsolutePath() + " holds the examples");
		return examples;
	}

	static List<Path> exampleFiles() throws Exception {
		try (Stream<Path> list = Files.list(examples())) {
			return list.filter(p -> p.getFileName().toString().endsWith(".facet.json")).sorted().toList();
		}
	}

	private ParameterForm formWith(String parameter) {
		return page.forms().stream().filter(f -> f.controlOf(parameter) != null).findFirst()
				.orElseThrow(() -> new AssertionError("no form has '" + parameter + "'"));
	}

	@Test
	void everyShippedExampleOpensInThePagesWithItsModulesAndStaysInSync() throws Exception {
		List<Path> files = exampleFiles();
		List<String> traditional = new ArrayList<>();
		for (Path file : files) {
			String text = Files.readString(file);
			ExperimentSpec original = ExperimentFormat.parse(text, file.toString());
			show(file);
			assertTrue(document.parseProblems().isEmpty(), file + ": " + document.parseProblems());
			assertNull(page.failure(), file + ": " + page.failure());
			assertFalse(page.forms().isEmpty(), file + ": the pipeline page has forms");
			assertFalse(document.isDirty(), file + " is not changed by opening it");
			assertEquals("", page.problemsText(), file + ": every module of the example is installed and valid");
			List<ModuleKind> kinds = page.diagram().boxes().stream().map(PipelineDiagram.Box::kind).toList();
			if (original.isTraditional()) {
				traditional.add(file.getFileName().toString());
				assertEquals(List.of(ModuleKind.DATASET, ModuleKind.DETECTOR, ModuleKind.PREPROCESSOR, ModuleKind.FEATURE, ModuleKind.CLASSIFIER),
						kinds, file.toString());
				PipelineDiagram.Box features = page.diagram().boxes().get(3);
				for (var stage : original.features()) {
					assertTrue(features.text().contains(stage.id()), features.text());
				}
				assertTrue(page.diagram().boxes().get(4).text().contains(original.classifier().get().id()));
				// dataset, every feature stage with parameters and the classifier have forms
				assertNotNull(formWith("kernel"), file.toString());
			} else {
				assertTrue(kinds.containsAll(List.of(ModuleKind.BACKBONE, ModuleKind.HEAD, ModuleKind.LOSS)), file + ": " + kinds);
			}
			// a form round trip writes the same experiment, description kept
			document.modelChanged();
			assertEquals(original, spec(), file.toString());
			if (text.contains("\"description\"")) {
				assertTrue(document.text().contains("\"description\""), file.toString());
			}
		}
		assertEquals(List.of("gabor-pca-svm.facet.json", "hog-svm.facet.json", "lbp-svm.facet.json", "linear-pixels.facet.json"), traditional);
	}

	@Test
	void aClassifierParameterEditedInTheFormShowsInTheJsonAndUndoes() throws Exception {
		show(examples().resolve("hog-svm.facet.json").toString(), Files.readString(examples().resolve("hog-svm.facet.json")));
		Text c = (Text) formWith("c").controlOf("c");
		c.setText("2.5");
		assertEquals(2.5, ((Number) spec().classifier().get().params().get("c")).doubleValue());
		assertTrue(spec().isTraditional());
		assertTrue(document.isDirty());

		Combo kernel = (Combo) formWith("kernel").controlOf("kernel");
		kernel.select(kernel.indexOf("rbf"));
		kernel.notifyListeners(SWT.Selection, new Event());
		assertFalse(spec().classifier().get().params().containsKey("kernel"), "rbf is the default, which the JSON leaves out");
		kernel.select(kernel.indexOf("linear"));
		kernel.notifyListeners(SWT.Selection, new Event());
		assertEquals("linear", spec().classifier().get().params().get("kernel"));

		c.setText("-1");
		assertTrue(formWith("c").decorationOf("c").isVisible(), "below the declared minimum");
		assertTrue(page.problemsText().contains("$.classifier"), page.problemsText());
		c.setText("3");
		assertEquals("", page.problemsText());

		document.undo();
		assertEquals(-1.0, ((Number) spec().classifier().get().params().get("c")).doubleValue(), "undo steps back through the edits");
	}

	@Test
	void featureStagesAreEditedAddedAndRemovedAndTheSourcePageFollows() throws Exception {
		show(examples().resolve("gabor-pca-svm.facet.json").toString(), Files.readString(examples().resolve("gabor-pca-svm.facet.json")));
		((Text) formWith("components").controlOf("components")).setText("30");
		assertEquals(30, ((Number) spec().features().get(1).params().get("components")).intValue());

		findButtons("Add feature").get(0).notifyListeners(SWT.Selection, new Event());
		settle();
		assertEquals(4, spec().features().size());

		// a drop of a feature stage lands at the end of the chain, one of a classifier replaces it
		assertTrue(page.drop(ModuleDrop.text(ModuleKind.FEATURE, "hog")));
		assertTrue(page.drop(ModuleDrop.text(ModuleKind.CLASSIFIER, "knn")));
		assertFalse(page.drop(ModuleDrop.text(ModuleKind.BACKBONE, "vgg")), "a features → classifier experiment has no backbone");
		assertFalse(page.drop(ModuleDrop.text(ModuleKind.AUGMENTATION, "hflip")));
		settle();
		assertEquals("hog", spec().features().get(4).id());
		assertEquals("knn", spec().classifier().get().id());
		assertFalse(document.text().contains("augmentations"), document.text());

		// the source page's text sets the form
		document.setText(document.text().replace("\"knn\"", "\"svm\""));
		settle();
		assertNotNull(formWith("kernel"));
		assertTrue(page.diagram().boxes().get(4).text().contains("svm"));

		// the seed is the one training setting
		Text seed = (Text) page.field("seed").orElseThrow();
		seed.setText("9");
		assertEquals(9, spec().seed());
		seed.setText("-3");
		assertTrue(page.marker("seed").orElseThrow().isVisible());
		assertEquals(9, spec().seed(), "a refused seed does not reach the JSON");

		// every stage removed: the page and the document say what is missing
		while (!document.model().features.isEmpty()) {
			// the feature stages are the last list on the page, so the last remove button is the last stage's
			List<Button> remove = findButtons("✕");
			remove.get(remove.size() - 1).notifyListeners(SWT.Selection, new Event());
			settle();
		}
		assertTrue(page.problemsText().contains("$.features: expected at least one feature extractor"), page.problemsText());
		try {
			document.spec();
			fail("an experiment without feature stages cannot train");
		} catch (facet.core.experiment.ExperimentException e) {
			assertEquals("$.features", e.problems().get(0).path());
		}
	}

	@Test
	void aNetworkTextTurnedIntoATraditionalOneRebuildsThePage() throws Exception {
		show("toy.facet.json", Experiments.VALID);
		assertTrue(page.diagram().boxes().stream().anyMatch(b -> b.kind() == ModuleKind.BACKBONE));
		document.setText(Files.readString(examples().resolve("lbp-svm.facet.json")));
		settle();
		assertNull(page.failure());
		assertEquals(ModuleKind.CLASSIFIER, page.diagram().boxes().get(page.diagram().boxes().size() - 1).kind());
		assertTrue(page.field("earlyStopping.metric").isEmpty(), "no network training settings");
	}

	@Test
	void trainingATraditionalExperimentRunsTheFeaturesClassifierRunner() throws Exception {
		String small = """
				{
				  "format": 1,
				  "name": "ui-hog-svm",
				  "dataset": {"id": "synthetic", "params": {"perClass": 20, "size": 32, "difficulty": "easy", "identities": 10, "occlusion": 0}},
				  "preprocessors": [{"id": "grayscale"}],
				  "features": [{"id": "hog", "params": {"cell": 8}}],
				  "classifier": {"id": "svm", "params": {"kernel": "linear", "c": 0.1}},
				  "seed": 3
				}
				""";
		show("small.facet.json", small);
		TrainJob job = new TrainJob(document.spec(), new RunStore(dir), ModuleRegistry.getDefault(), 1);
		job.schedule();
		job.join();
		IStatus status = job.getResult();
		assertTrue(status.isOK(), status.toString());
		Run run = Run.open(job.result().run().folder());
		assertEquals(RunStatus.COMPLETED, run.info().status());
		assertTrue(run.info().environment().engine().startsWith("traditional (svm"), run.info().environment().engine());
		assertTrue(Files.isRegularFile(run.folder().resolve("evaluation-test.json")));
		assertTrue(ExperimentFormat.read(run.folder().resolve(Run.EXPERIMENT_FILE)).isTraditional());
	}

	private List<Button> findButtons(String text) {
		List<Button> found = new ArrayList<>();
		collect(shell, text, found);
		return found;
	}

	private static void collect(org.eclipse.swt.widgets.Control control, String text, List<Button> found) {
		if (control instanceof Button button && text.equals(button.getText()) && !button.isDisposed()) {
			found.add(button);
		}
		if (control instanceof org.eclipse.swt.widgets.Composite composite) {
			for (org.eclipse.swt.widgets.Control child : composite.getChildren()) {
				collect(child, text, found);
			}
		}
	}
}
