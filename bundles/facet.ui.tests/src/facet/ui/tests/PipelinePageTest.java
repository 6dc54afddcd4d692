package facet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.jface.fieldassist.ControlDecoration;
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

import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.modules.ModuleRegistry;
import facet.ui.internal.editor.ExperimentDocument;
import facet.ui.internal.editor.ParameterForm;
import facet.ui.internal.editor.PipelinePage;

/**
 * The editor's pipeline page in a plain shell, wired to its document the way the editor wires
 * it: form edits call {@link ExperimentDocument#modelChanged()}, accepted text replaces the model.
 */
class PipelinePageTest {

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
		// a decoration counts as visible only on a visible control
		shell.setSize(900, 700);
		shell.open();
		TestDisplay.followText(document, page);
	}

	@AfterEach
	void close() {
		shell.dispose();
		settle();
	}

	private void settle() {
		TestDisplay.settle(display);
	}

	private ParameterForm formWith(String parameter) {
		return page.forms().stream().filter(f -> f.controlOf(parameter) != null).findFirst().orElseThrow();
	}

	private ExperimentSpec spec() throws Exception {
		return ExperimentFormat.parse(document.text(), "document");
	}

	@Test
	void everyModuleWithParametersGetsAGeneratedForm() {
		// dataset, augmentation, backbone, attention, head and loss declare parameters; test-invert none
		assertEquals(7, page.forms().size());
		assertTrue(formWith("size").controlOf("size") instanceof Text);
		assertTrue(formWith("width").controlOf("width") instanceof Combo);
		assertEquals("16", ((Text) formWith("size").controlOf("size")).getText());
		assertEquals("", ((Text) formWith("dropout").controlOf("dropout")).getText(), "a default stays empty, shown as the hint");
		assertEquals("0.5", ((Text) formWith("dropout").controlOf("dropout")).getMessage());
	}

	@Test
	void aParameterChangedInTheFormShowsInTheJson() throws Exception {
		((Text) formWith("dropout").controlOf("dropout")).setText("0.2");
		assertEquals(0.2, ((Number) spec().head().params().get("dropout")).doubleValue());
		assertTrue(document.isDirty());

		((Text) formWith("dropout").controlOf("dropout")).setText("");
		assertFalse(spec().head().params().containsKey("dropout"), "an emptied field falls back to the default");
		document.undo();
		assertEquals(0.2, ((Number) spec().head().params().get("dropout")).doubleValue());
	}

	@Test
	void anEnumComboWritesItsChoice() throws Exception {
		Combo width = (Combo) formWith("width").controlOf("width");
		width.select(width.indexOf("wide"));
		width.notifyListeners(SWT.Selection, new Event());
		assertEquals("wide", spec().backbone().module().params().get("width"));
	}

	@Test
	void aRefusedValueIsMarkedWithTheModulesMessageAndStaysInTheJson() throws Exception {
		ParameterForm form = formWith("reduction");
		((Text) form.controlOf("reduction")).setText("100");
		ControlDecoration decoration = form.decorationOf("reduction");
		assertTrue(decoration.isVisible());
		assertEquals("attention 'test-attention' parameter 'reduction': expected an integer in [1, 64], got 100",
				decoration.getDescriptionText());
		assertEquals(100L, ((Number) spec().backbone().attention().get(0).module().params().get("reduction")).longValue());

		((Text) form.controlOf("reduction")).setText("16");
		assertFalse(decoration.isVisible());
	}

	@Test
	void aMissingRequiredValueIsMarked() {
		ParameterForm form = formWith("label");
		((Text) form.controlOf("label")).setText("");
		assertTrue(form.decorationOf("label").isVisible());
		assertTrue(form.decorationOf("label").getDescriptionText().contains("needs parameter 'label'"));
	}

	@Test
	void validJsonFromTheSourcePageUpdatesTheForm() {
		document.setText(Experiments.VALID.replace("\"head\": {\"id\": \"test-head\"}",
				"\"head\": {\"id\": \"test-head\", \"params\": {\"dropout\": 0.7}}"));
		assertEquals("0.7", ((Text) formWith("dropout").controlOf("dropout")).getText());

		document.setText("{ broken");
		assertEquals("$", document.parseProblems().get(0).path());
		assertEquals("0.7", ((Text) formWith("dropout").controlOf("dropout")).getText(), "the form keeps the last valid experiment");
	}

	@Test
	void earlyStoppingIsOnTheFormCheckedAndKeptInSyncWithTheJson() throws Exception {
		Combo metric = (Combo) page.field("earlyStopping.metric").orElseThrow();
		Text patience = (Text) page.field("earlyStopping.patience").orElseThrow();
		assertEquals("accuracy", metric.getText());
		assertEquals("0", patience.getText());
		assertFalse(document.text().contains("earlyStopping"), "off by default, and absent from the JSON");

		patience.setText("4");
		metric.select(metric.indexOf("macroF1"));
		metric.notifyListeners(SWT.Selection, new Event());
		assertEquals(new facet.core.experiment.EarlyStoppingSpec("macroF1", 4), spec().earlyStopping());
		assertTrue(document.text().contains("\"earlyStopping\""), document.text());

		ControlDecoration marker = page.marker("earlyStopping.patience").orElseThrow();
		patience.setText("-2");
		assertTrue(marker.isVisible());
		assertEquals("expected an integer from 0 to 100000, got \"-2\"", marker.getDescriptionText());
		assertEquals(4, spec().earlyStopping().patience(), "a refused value does not reach the JSON");
		patience.setText("soon");
		assertTrue(marker.isVisible());
		patience.setText("2");
		assertFalse(marker.isVisible());
		assertEquals(2, spec().earlyStopping().patience());

		// and back: the source page's JSON sets the form
		document.setText(document.text().replace("\"macroF1\"", "\"loss\"").replace("\"patience\": 2", "\"patience\": 7"));
		settle();
		metric = (Combo) page.field("earlyStopping.metric").orElseThrow();
		patience = (Text) page.field("earlyStopping.patience").orElseThrow();
		assertEquals("loss", metric.getText());
		assertEquals("7", patience.getText());

		// a metric without patience still picks the best checkpoint: it stays in the JSON
		patience.setText("0");
		assertEquals(new facet.core.experiment.EarlyStoppingSpec("loss", 0), spec().earlyStopping());
	}

	@Test
	void entriesAreAddedMovedAndRemoved() throws Exception {
		Button add = findButton("Add augmentation");
		add.notifyListeners(SWT.Selection, new Event());
		settle();
		assertEquals(2, spec().augmentations().size());

		findButtons("✕").get(1).notifyListeners(SWT.Selection, new Event());
		settle();
		assertEquals(1, spec().augmentations().size());
	}

	private Button findButton(String text) {
		return findButtons(text).get(0);
	}

	private java.util.List<Button> findButtons(String text) {
		java.util.List<Button> found = new java.util.ArrayList<>();
		collect(shell, text, found);
		return found;
	}

	private static void collect(org.eclipse.swt.widgets.Control control, String text, java.util.List<Button> found) {
		if (control instanceof Button button && text.equals(button.getText())) {
			found.add(button);
		}
		if (control instanceof org.eclipse.swt.widgets.Composite composite) {
			for (org.eclipse.swt.widgets.Control child : composite.getChildren()) {
				collect(child, text, found);
			}
		}
	}
}
