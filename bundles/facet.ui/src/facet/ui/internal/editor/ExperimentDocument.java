package facet.ui.internal.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import facet.core.experiment.ExperimentException;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.modules.ValidationProblem;

/**
 * An experiment being edited, in its two forms: the JSON text and the {@link ExperimentModel}
 * the form edits. A form change rewrites the text; a text change that parses replaces the
 * model, one that does not leaves the model as it was and reports the problems with their
 * JSON paths. Every accepted text is a step of the undo history, whichever page made it.
 */
public final class ExperimentDocument {

	/** Told after every change; {@code fromText} when the text changed and the model followed. */
	public interface Listener {
		void changed(ExperimentDocument document, boolean fromText);
	}

	private static final int HISTORY_LIMIT = 200;
	private static final java.util.regex.Pattern NAME_LINE = java.util.regex.Pattern.compile("(?m)^  \"name\": .*,\n");

	private final String source;
	private final List<Listener> listeners = new CopyOnWriteArrayList<>();
	private final List<String> undo = new ArrayList<>();
	private final List<String> redo = new ArrayList<>();
	private ExperimentModel model;
	private String text;
	private String savedText;
	private List<ValidationProblem> parseProblems = List.of();
	/** The experiment's description, which the spec does not hold: kept so that form edits do not lose it. */
	private String description;

	/**
	 * @param source names the document in messages (the file path)
	 * @param initialText the file's text; when it is not an experiment, {@link #parseProblems()} says why
	 */
	public ExperimentDocument(String source, String initialText) {
		this.source = source;
		this.text = initialText;
		this.savedText = initialText;
		parse(initialText);
	}

	public String source() {
		return source;
	}

	public String text() {
		return text;
	}

	/** The model of the last text that parsed; null when none ever did. */
	public ExperimentModel model() {
		return model;
	}

	/** Why the current text is not an experiment; empty when it is. */
	public List<ValidationProblem> parseProblems() {
		return parseProblems;
	}

	public boolean isDirty() {
		return !text.equals(savedText);
	}

	public void markSaved() {
		savedText = text;
		fire(false);
	}

	/** The source page changed the text. */
	public void setText(String newText) {
		if (Objects.equals(newText, text)) {
			return;
		}
		remember();
		text = newText;
		parse(newText);
		fire(true);
	}

	/** The form changed the model; the text follows. */
	public void modelChanged() {
		String newText = withDescription(ExperimentFormat.toJson(model.toSpec()));
		if (!newText.equals(text)) {
			remember();
			text = newText;
		}
		parseProblems = List.of();
		fire(false);
	}

	public boolean canUndo() {
		return !undo.isEmpty();
	}

	public boolean canRedo() {
		return !redo.isEmpty();
	}

	public void undo() {
		if (undo.isEmpty()) {
			return;
		}
		redo.add(text);
		text = undo.remove(undo.size() - 1);
		parse(text);
		fire(true);
	}

	public void redo() {
		if (redo.isEmpty()) {
			return;
		}
		undo.add(text);
		text = redo.remove(redo.size() - 1);
		parse(text);
		fire(true);
	}

	/** The experiment as it stands, or an exception naming every problem. */
	public ExperimentSpec spec() throws ExperimentException {
		if (!parseProblems.isEmpty()) {
			throw new ExperimentException(source, parseProblems);
		}
		if (model.isTraditional() && model.features.isEmpty()) {
			// the format refuses it when read back; the validator takes a spec as given
			throw new ExperimentException(source, List.of(new ValidationProblem("$.features", "expected at least one feature extractor")));
		}
		return model.toSpec();
	}

	public void addListener(Listener listener) {
		listeners.add(listener);
	}

	public void removeListener(Listener listener) {
		listeners.remove(listener);
	}

	private void remember() {
		undo.add(text);
		if (undo.size() > HISTORY_LIMIT) {
			undo.remove(0);
		}
		redo.clear();
	}

	private String withDescription(String json) {
		if (description == null) {
			return json;
		}
		java.util.regex.Matcher name = NAME_LINE.matcher(json);
		if (!name.find()) {
			return json;
		}
		return json.substring(0, name.end()) + "  \"description\": " + new GsonBuilder().disableHtmlEscaping().create().toJson(description) + ",\n" + json.substring(name.end());
	}

	private void parse(String json) {
		try {
			model = ExperimentModel.of(ExperimentFormat.parse(json, source));
			parseProblems = List.of();
			JsonElement value = JsonParser.parseString(json).getAsJsonObject().get("description");
			description = value != null && value.isJsonPrimitive() ? value.getAsString() : null;
		} catch (ExperimentException e) {
			parseProblems = e.problems();
		} catch (RuntimeException e) {
			// a spec the form cannot hold must not take the editor down: the source page shows why
			parseProblems = List.of(new ValidationProblem("$", "cannot be shown in the editor: " + e));
		}
	}

	private void fire(boolean fromText) {
		for (Listener listener : listeners) {
			listener.changed(this, fromText);
		}
	}
}
