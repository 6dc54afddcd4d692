package facet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import facet.core.experiment.AttentionRef;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.ui.internal.editor.ExperimentDocument;
import facet.ui.internal.editor.ExperimentModel;
import facet.ui.internal.editor.PipelinePage;
import facet.ui.internal.pipeline.ModuleDrop;
import facet.ui.internal.pipeline.PipelineDiagram;

/** Modules dropped from the palette onto the pipeline page, and the pipeline diagram above its forms. */
class PipelineDropTest {

	private Display display;
	private Shell shell;
	private ExperimentDocument document;
	private PipelinePage page;

	@BeforeEach
	void open() {
		shell = TestDisplay.newShell();
		display = shell.getDisplay();
		document = new ExperimentDocument("toy.facet.json", Experiments.VALID);
		page = new PipelinePage(shell, ModuleRegistry.getDefault(), () -> document.modelChanged());
		page.setModel(document.model());
		shell.setSize(1000, 700);
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

	private ExperimentSpec spec() throws Exception {
		return ExperimentFormat.parse(document.text(), "document");
	}

	@Test
	void dragTextNamesKindAndIdAndOtherTextIsIgnored() {
		String text = ModuleDrop.text(ModuleKind.AUGMENTATION, "test-flip");
		assertEquals(new ModuleDrop.Dropped(ModuleKind.AUGMENTATION, "test-flip"), ModuleDrop.parse(text).orElseThrow());
		assertTrue(ModuleDrop.parse("hello").isEmpty());
		assertTrue(ModuleDrop.parse(ModuleDrop.PREFIX + "NOKIND:x").isEmpty());
		assertTrue(ModuleDrop.parse(ModuleDrop.PREFIX + "AUGMENTATION:").isEmpty());
		assertEquals(new ModuleDrop.Dropped(ModuleKind.CLASSIFIER, "svm"), ModuleDrop.parse(ModuleDrop.text(ModuleKind.CLASSIFIER, "svm")).orElseThrow());
	}

	@Test
	void aNetworkExperimentRefusesFeatureStagesAndClassifiers() throws Exception {
		String before = document.text();
		assertFalse(page.drop(ModuleDrop.text(ModuleKind.CLASSIFIER, "svm")), "a network has no classifier");
		assertFalse(page.drop(ModuleDrop.text(ModuleKind.FEATURE, "hog")));
		settle();
		assertEquals(before, document.text());
		assertFalse(spec().isTraditional());
	}

	@Test
	void listModulesAreAddedAtTheEndOfTheirListAndSingleOnesReplaced() throws Exception {
		assertTrue(page.drop(ModuleDrop.text(ModuleKind.AUGMENTATION, "test-flip")));
		assertTrue(page.drop(ModuleDrop.text(ModuleKind.LOSS, "test-loss")));
		assertTrue(page.drop(ModuleDrop.text(ModuleKind.DETECTOR, "test-detector")));
		settle();
		ExperimentSpec spec = spec();
		assertEquals(2, spec.augmentations().size());
		assertEquals(2, spec.loss().size());
		assertEquals("test-detector", spec.detector().orElseThrow().id());
		assertEquals("test-invert", spec.preprocessors().get(0).id(), "the other lists stay as they were");
		assertFalse(page.drop("some text from elsewhere"));
		assertTrue(document.canUndo());
		document.undo();
		assertTrue(spec().detector().isEmpty(), "undo takes the last drop back");
	}

	@Test
	void attentionLandsAtTheBackbonesLastStage() throws Exception {
		assertTrue(page.drop(ModuleDrop.text(ModuleKind.ATTENTION, "test-attention")));
		settle();
		List<AttentionRef> attention = spec().backbone().attention();
		assertEquals(2, attention.size());
		assertEquals("stage2", attention.get(1).stage(), "test-backbone with 2 stages");
	}

	@Test
	void diagramHasABoxPerPartOfThePipelineAndAClickGoesThere() {
		settle();
		PipelineDiagram diagram = page.diagram();
		List<ModuleKind> kinds = diagram.boxes().stream().map(PipelineDiagram.Box::kind).toList();
		assertEquals(List.of(ModuleKind.DATASET, ModuleKind.DETECTOR, ModuleKind.PREPROCESSOR, ModuleKind.AUGMENTATION, ModuleKind.BACKBONE,
				ModuleKind.HEAD, ModuleKind.LOSS, ModuleKind.ATTENTION), kinds);
		PipelineDiagram.Box attention = diagram.boxes().get(7);
		assertTrue(attention.text().contains("test-attention @ stage2"), attention.text());
		PipelineDiagram.Box loss = diagram.boxes().get(6);
		Point inside = new Point(loss.bounds().x + 3, loss.bounds().y + 3);
		assertEquals(ModuleKind.LOSS, diagram.boxAt(inside.x, inside.y).orElseThrow().kind());
		assertTrue(diagram.boxAt(-5, -5).isEmpty());
		// small enough that the loss terms lie below the visible part
		shell.setLayout(new FillLayout());
		shell.setSize(1000, 300);
		shell.layout(true, true);
		settle();
		page.reveal(ModuleKind.LOSS);
		assertTrue(((org.eclipse.swt.custom.ScrolledComposite) page.control()).getOrigin().y > 0, "the loss terms are further down");
	}

	@Test
	void diagramFollowsTheModel() {
		ExperimentModel model = document.model();
		List<PipelineDiagram.Box> boxes = PipelineDiagram.layout(model, text -> new Point(text.length() * 7, 14));
		for (int i = 1; i < 7; i++) {
			assertTrue(boxes.get(i).bounds().x > boxes.get(i - 1).bounds().x, "left to right");
		}
		model.attention.clear();
		assertEquals(7, PipelineDiagram.layout(model, text -> new Point(text.length() * 7, 14)).size(), "no attention box without attention");
	}
}
