package facet.ui.internal.editor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.fieldassist.ControlDecoration;
import org.eclipse.jface.fieldassist.FieldDecorationRegistry;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ParameterSpec;
import facet.core.modules.ParameterType;
import facet.core.modules.SettingsException;
import facet.core.modules.ValidationProblem;

/**
 * The form of one module's parameters, generated from its declared {@link ParameterSpec}s:
 * numbers and strings as text fields, booleans as check boxes, enums as combos, files as a
 * text field with a browse button. Edits go straight into the slot's parameter map; what the
 * module refuses is marked at the field with the module's own message. An empty field means
 * the default, shown greyed as the field's hint.
 */
public final class ParameterForm {

	private final ModuleDescriptor module;
	private final Map<String, Object> params;
	private final Runnable onChange;
	private final Composite composite;
	private final Map<String, ControlDecoration> decorations = new HashMap<>();
	private final Map<String, Control> controls = new HashMap<>();
	private final Label otherProblems;

	public ParameterForm(Composite parent, ModuleDescriptor module, Map<String, Object> params, Runnable onChange) {
		this.module = module;
		this.params = params;
		this.onChange = onChange;
		composite = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(3).margins(14, 0).spacing(8, 3).applyTo(composite);
		for (ParameterSpec parameter : module.parameters()) {
			create(parameter);
		}
		otherProblems = new Label(composite, SWT.WRAP);
		otherProblems.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_RED));
		GridDataFactory.fillDefaults().span(3, 1).grab(true, false).exclude(true).applyTo(otherProblems);
		otherProblems.setVisible(false);
		validate();
	}

	public Composite control() {
		return composite;
	}

	/** The control that edits a parameter, for tests. */
	public Control controlOf(String parameterName) {
		return controls.get(parameterName);
	}

	/** The decoration of a parameter's field; shown when the value is refused. */
	public ControlDecoration decorationOf(String parameterName) {
		return decorations.get(parameterName);
	}

	private void create(ParameterSpec parameter) {
		Label label = new Label(composite, SWT.NONE);
		label.setText(parameter.name() + (parameter.required() ? " *" : ""));
		String tip = (parameter.help().isEmpty() ? "" : parameter.help() + "\n") + parameter.type().label() + ": " + parameter.describe()
				+ parameter.defaultText().map(d -> "; default " + d).orElse("; required");
		label.setToolTipText(tip);
		Control control = switch (parameter.type()) {
			case BOOL -> createCheck(parameter);
			case ENUM -> createCombo(parameter);
			case FILE -> createText(parameter, true);
			default -> createText(parameter, false);
		};
		control.setToolTipText(tip);
		controls.put(parameter.name(), control);
		ControlDecoration decoration = new ControlDecoration(control, SWT.LEFT | SWT.TOP, composite);
		decoration.setImage(FieldDecorationRegistry.getDefault().getFieldDecoration(FieldDecorationRegistry.DEC_ERROR).getImage());
		decoration.hide();
		decorations.put(parameter.name(), decoration);
	}

	private Control createCheck(ParameterSpec parameter) {
		Button check = new Button(composite, SWT.CHECK);
		Object value = params.getOrDefault(parameter.name(), parameter.defaultValue());
		check.setSelection(Boolean.TRUE.equals(value));
		GridDataFactory.fillDefaults().span(2, 1).indent(6, 0).applyTo(check);
		check.addListener(SWT.Selection, event -> {
			boolean selected = check.getSelection();
			if (Boolean.valueOf(selected).equals(parameter.defaultValue())) {
				params.remove(parameter.name());
			} else {
				params.put(parameter.name(), selected);
			}
			changed();
		});
		return check;
	}

	private Control createCombo(ParameterSpec parameter) {
		Combo combo = new Combo(composite, SWT.READ_ONLY);
		List<String> choices = parameter.choices();
		combo.setItems(choices.toArray(String[]::new));
		Object value = params.getOrDefault(parameter.name(), parameter.defaultValue());
		int index = choices.indexOf(String.valueOf(value));
		if (index >= 0) {
			combo.select(index);
		} else if (value != null) {
			combo.add(String.valueOf(value));
			combo.select(combo.getItemCount() - 1);
		}
		GridDataFactory.fillDefaults().span(2, 1).indent(6, 0).applyTo(combo);
		combo.addListener(SWT.Selection, event -> {
			String chosen = combo.getText();
			if (chosen.equals(parameter.defaultValue())) {
				params.remove(parameter.name());
			} else {
				params.put(parameter.name(), chosen);
			}
			changed();
		});
		return combo;
	}

	private Control createText(ParameterSpec parameter, boolean browse) {
		Text text = new Text(composite, SWT.BORDER);
		Object value = params.get(parameter.name());
		text.setText(value == null ? "" : textOf(value));
		text.setMessage(parameter.defaultText().orElse("required"));
		GridDataFactory.fillDefaults().grab(true, false).span(browse ? 1 : 2, 1).indent(6, 0).hint(160, SWT.DEFAULT).applyTo(text);
		text.addListener(SWT.Modify, event -> {
			String input = text.getText();
			if (input.isBlank()) {
				params.remove(parameter.name());
			} else {
				params.put(parameter.name(), valueOf(parameter, input));
			}
			changed();
		});
		if (browse) {
			Button button = new Button(composite, SWT.PUSH);
			button.setText("Browse…");
			button.addListener(SWT.Selection, event -> {
				FileDialog dialog = new FileDialog(composite.getShell(), SWT.OPEN);
				dialog.setFileName(text.getText());
				String chosen = dialog.open();
				if (chosen != null) {
					text.setText(chosen);
				}
			});
		}
		return text;
	}

	/**
	 * The value a field's text stands for: the checked value when the module accepts it, else the
	 * text itself, so that the JSON shows what was typed and the marker says what is wrong.
	 */
	static Object valueOf(ParameterSpec parameter, String input) {
		try {
			return parameter.parseText(input);
		} catch (IllegalArgumentException e) {
			// a number out of range stays a number, so that the JSON and the message show 100, not "100"
			if (parameter.type() == ParameterType.INT || parameter.type() == ParameterType.FLOAT) {
				try {
					double number = Double.parseDouble(input.trim());
					if (parameter.type() == ParameterType.INT && number == Math.rint(number) && Math.abs(number) < 1e15) {
						return (long) number;
					}
					return number;
				} catch (NumberFormatException notANumber) {
					return input;
				}
			}
			return input;
		}
	}

	static String textOf(Object value) {
		if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
			return Long.toString(d.longValue()) + ".0";
		}
		return String.valueOf(value);
	}

	private void changed() {
		validate();
		onChange.run();
	}

	/** Marks every refused value with the module's message. */
	public void validate() {
		decorations.values().forEach(ControlDecoration::hide);
		StringBuilder other = new StringBuilder();
		try {
			module.settings(params);
		} catch (SettingsException e) {
			for (ValidationProblem problem : e.problems()) {
				ControlDecoration decoration = decorations.get(problem.path());
				if (decoration != null) {
					decoration.setDescriptionText(problem.message());
					decoration.show();
				} else {
					other.append(other.isEmpty() ? "" : "\n").append(problem.message());
				}
			}
		}
		otherProblems.setText(other.toString());
		boolean show = !other.isEmpty();
		if (otherProblems.getVisible() != show) {
			otherProblems.setVisible(show);
			((org.eclipse.swt.layout.GridData) otherProblems.getLayoutData()).exclude = !show;
			composite.requestLayout();
		}
	}
}
