package facet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.ui.internal.editor.ExperimentDocument;
import facet.ui.internal.editor.ExperimentModel;

class ExperimentDocumentTest {

	@Test
	void aFormChangeRewritesTheJsonAndIsUndoable() throws Exception {
		ExperimentDocument document = new ExperimentDocument("toy.facet.json", Experiments.VALID);
		assertFalse(document.isDirty());
		document.model().head.params.put("dropout", 0.2);
		document.model().epochs = 5;
		document.modelChanged();

		ExperimentSpec spec = ExperimentFormat.parse(document.text(), "text");
		assertEquals(0.2, ((Number) spec.head().params().get("dropout")).doubleValue());
		assertEquals(5, spec.epochs());
		assertTrue(document.isDirty());

		document.undo();
		assertEquals(Experiments.VALID, document.text());
		assertEquals(3, document.model().epochs);
		assertFalse(document.isDirty());
		document.redo();
		assertEquals(5, document.model().epochs);
	}

	@Test
	void formEditsKeepTheDescription() throws Exception {
		String described = Experiments.VALID.replace("\"name\": \"ui-toy\",", "\"name\": \"ui-toy\",\n  \"description\": \"Why: \\\"$1\\\" stays\",");
		ExperimentDocument document = new ExperimentDocument("toy.facet.json", described);
		document.model().epochs = 9;
		document.modelChanged();
		assertTrue(document.text().contains("\"description\": \"Why: \\\"$1\\\" stays\","), document.text());
		assertEquals(9, ExperimentFormat.parse(document.text(), "text").epochs());
	}

	@Test
	void brokenJsonKeepsTheModelAndNamesThePath() {
		ExperimentDocument document = new ExperimentDocument("toy.facet.json", Experiments.VALID);
		ExperimentModel before = document.model();
		document.setText(Experiments.VALID.replace("\"epochs\": 3", "\"epochs\": \"three\""));
		assertSame(before, document.model());
		assertEquals(1, document.parseProblems().size());
		assertEquals("$.epochs", document.parseProblems().get(0).path());

		document.setText(Experiments.VALID.replace("\"epochs\": 3", "\"epochs\": 4"));
		assertTrue(document.parseProblems().isEmpty());
		assertEquals(4, document.model().epochs);
	}

	@Test
	void textThatIsNotJsonIsReportedAtTheRoot() {
		ExperimentDocument document = new ExperimentDocument("toy.facet.json", "{ \"format\": 1,");
		assertEquals(null, document.model());
		assertEquals("$", document.parseProblems().get(0).path());
	}

	@Test
	void theModelRoundTripsEveryField() throws Exception {
		ExperimentSpec spec = ExperimentFormat.parse(Experiments.VALID, "text");
		assertEquals(spec, ExperimentModel.of(spec).toSpec());
	}
}
