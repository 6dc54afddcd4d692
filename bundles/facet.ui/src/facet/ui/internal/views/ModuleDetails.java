package facet.ui.internal.views;

import java.util.List;
import java.util.function.Function;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleRegistry.Problem;
import facet.core.modules.ParameterSpec;
import facet.ui.internal.views.ModuleTree.KindNode;
import facet.ui.internal.views.ModuleTree.ProblemsNode;

/**
 * The right side of the modules view: what is known of the selected tree element. The short
 * values are read-only text fields rather than labels so that an id or a class name can be
 * copied into an experiment file or a bug report.
 */
final class ModuleDetails {

	private static final int ROWS = 4;

	private final Composite control;
	private final Label title;
	private final Label[] keys = new Label[ROWS];
	private final Text[] values = new Text[ROWS];
	private final Label description;
	private final Label parametersHeading;
	private final Composite parametersArea;
	private final TableViewer parameters;

	ModuleDetails(Composite parent) {
		control = new Composite(parent, SWT.NONE);
		GridLayoutFactory.swtDefaults().numColumns(2).margins(8, 8).applyTo(control);

		title = new Label(control, SWT.NONE);
		// the registry's fonts are shared; whoever asks must not dispose them
		title.setFont(JFaceResources.getHeaderFont());
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).indent(0, 0).applyTo(title);

		for (int i = 0; i < ROWS; i++) {
			keys[i] = new Label(control, SWT.NONE);
			GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.CENTER).applyTo(keys[i]);
			values[i] = new Text(control, SWT.READ_ONLY | SWT.SINGLE);
			GridDataFactory.fillDefaults().grab(true, false).applyTo(values[i]);
		}

		description = new Label(control, SWT.WRAP);
		// a width hint lets the text wrap to the pane instead of widening it to the longest line
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(200, SWT.DEFAULT).indent(0, 8).applyTo(description);

		parametersHeading = new Label(control, SWT.NONE);
		parametersHeading.setFont(JFaceResources.getBannerFont());
		GridDataFactory.fillDefaults().span(2, 1).indent(0, 8).applyTo(parametersHeading);

		parametersArea = new Composite(control, SWT.NONE);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, true).applyTo(parametersArea);
		TableColumnLayout columns = new TableColumnLayout();
		parametersArea.setLayout(columns);
		parameters = new TableViewer(parametersArea, SWT.BORDER | SWT.FULL_SELECTION | SWT.H_SCROLL | SWT.V_SCROLL);
		parameters.getTable().setHeaderVisible(true);
		parameters.getTable().setLinesVisible(true);
		parameters.setContentProvider(ArrayContentProvider.getInstance());
		ColumnViewerToolTipSupport.enableFor(parameters);
		addColumn(columns, "Name", 14, ParameterSpec::name);
		addColumn(columns, "Type", 8, parameter -> parameter.type().label());
		addColumn(columns, "Default", 10, parameter -> parameter.defaultText().orElse("(required)"));
		addColumn(columns, "Allowed", 24, ParameterSpec::describe);
		addColumn(columns, "Help", 44, ParameterSpec::help);

		show(null);
	}

	private void addColumn(TableColumnLayout layout, String name, int weight, Function<ParameterSpec, String> text) {
		TableViewerColumn column = new TableViewerColumn(parameters, SWT.LEFT);
		column.getColumn().setText(name);
		layout.setColumnData(column.getColumn(), new ColumnWeightData(weight, 60, true));
		column.setLabelProvider(new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				return text.apply((ParameterSpec) element);
			}

			@Override
			public String getToolTipText(Object element) {
				// cells are cut at the column's width; the help sentence is the one worth reading whole
				ParameterSpec parameter = (ParameterSpec) element;
				return parameter.help().isEmpty() ? null : parameter.name() + ": " + parameter.help();
			}
		});
	}

	Control getControl() {
		return control;
	}

	/** Shows a tree element: a module, a kind, the problems or one problem; anything else clears the pane. */
	void show(Object element) {
		if (element instanceof ModuleDescriptor module) {
			setTitle(module.name());
			setRows("Id:", module.id(),
					"Kind:", module.kind().label() + " (" + module.kind().extensionPointId() + ")",
					"Bundle:", module.bundle() + " " + module.version(),
					"Factory:", module.factoryClass());
			setDescription(module.description().isBlank() ? "(no description)" : module.description());
			setParameters(module.parameters());
		} else if (element instanceof KindNode node) {
			setTitle(ModuleTree.title(node.kind()));
			setRows("Extension point:", node.kind().extensionPointId(),
					"Element:", "<" + node.kind().elementName() + ">",
					"Factory type:", node.kind().factoryType().getName(),
					"Modules:", Integer.toString(node.modules().size()));
			setDescription(node.modules().isEmpty()
					? "No installed bundle contributes a " + node.kind().label() + "."
					: "Select a module to see its description and parameters.");
			setParameters(null);
		} else if (element instanceof ProblemsNode node) {
			setTitle("Problems");
			setRows("Rejected:", node.problems().size() + " contribution(s)");
			setDescription("The registry refused these contributions and kept every other module. "
					+ "Fix the contributing bundle's plugin.xml; the list updates when the bundle is reinstalled.");
			setParameters(null);
		} else if (element instanceof Problem problem) {
			setTitle("Rejected " + problem.kind().label());
			setRows("Bundle:", problem.bundle(),
					"Kind:", problem.kind().label() + " (" + problem.kind().extensionPointId() + ")",
					"Id:", problem.id() == null ? "(none)" : problem.id());
			setDescription(problem.message());
			setParameters(null);
		} else {
			setTitle("No module selected");
			setRows();
			setDescription("Select a module on the left to see its description and parameters.");
			setParameters(null);
		}
		control.layout(true, true);
	}

	private void setTitle(String text) {
		title.setText(text);
	}

	/** Fills the key/value rows from alternating keys and values and hides the rest. */
	private void setRows(String... pairs) {
		for (int i = 0; i < ROWS; i++) {
			boolean used = 2 * i + 1 < pairs.length;
			keys[i].setText(used ? pairs[2 * i] : "");
			values[i].setText(used ? pairs[2 * i + 1] : "");
			setVisible(keys[i], used);
			setVisible(values[i], used);
		}
	}

	private void setDescription(String text) {
		description.setText(text);
	}

	/** Shows the parameter table for a module; {@code null} hides it for anything that is not one. */
	private void setParameters(List<ParameterSpec> specs) {
		boolean module = specs != null;
		parametersHeading.setText(!module ? "" : specs.isEmpty() ? "Parameters: none" : "Parameters");
		setVisible(parametersHeading, module);
		setVisible(parametersArea, module && !specs.isEmpty());
		parameters.setInput(module ? specs : List.of());
	}

	private static void setVisible(Control widget, boolean visible) {
		widget.setVisible(visible);
		((GridData) widget.getLayoutData()).exclude = !visible;
	}
}
