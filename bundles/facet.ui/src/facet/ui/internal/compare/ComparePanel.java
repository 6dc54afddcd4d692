package facet.ui.internal.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import facet.charts.SwtChartRenderer;
import facet.engine.compare.RunComparison;
import facet.ui.internal.common.Errors;
import facet.ui.internal.common.ViewJob;

/**
 * The compare editor's content, apart from the editor so that it can be built in any
 * composite: title and export buttons, the table of runs, the tests in words and the charts.
 * The title row, the table and the text are as wide as the visible area (the table scrolls its
 * columns sideways); only the charts may be wider and scroll with the editor.
 */
public final class ComparePanel {

	/** What Export writes. */
	public enum Export {
		/** The HTML report of {@code facet report} (with PNG and SVG charts and CSV tables). */
		HTML("Export HTML report…", "Folder for the HTML report"),
		/** The four charts as PNG. */
		PNG("Export PNG…", "Folder for the chart PNGs"),
		/** The four charts as SVG, as the report writes them. */
		SVG("Export SVG…", "Folder for the chart SVGs");

		final String label;
		final String question;

		Export(String label, String question) {
			this.label = label;
			this.question = question;
		}
	}

	private static final int MARGIN = 8;

	private final CompareEditorInput input;
	private final ScrolledComposite scroller;
	private final Composite body;
	private final Composite top;
	private final Label title;
	private final Table table;
	private final Text significance;
	private final Composite charts;
	private final List<Button> exports = new ArrayList<>();
	private final Font bold;
	private final List<Image> images = new ArrayList<>();
	private RunComparison comparison;

	public ComparePanel(Composite parent, CompareEditorInput input) {
		this.input = input;
		scroller = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
		body = new Composite(scroller, SWT.NONE);
		GridLayoutFactory.fillDefaults().margins(MARGIN, MARGIN).spacing(6, 8).applyTo(body);
		scroller.setContent(body);
		scroller.setExpandHorizontal(true);
		scroller.setExpandVertical(true);
		scroller.addListener(SWT.Resize, e -> updateMinSize());

		top = new Composite(body, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(1 + Export.values().length).applyTo(top);
		// not stretched to the charts' width (see updateMinSize)
		GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.CENTER).applyTo(top);
		title = new Label(top, SWT.NONE);
		FontData data = title.getFont().getFontData()[0];
		bold = new Font(title.getDisplay(), data.getName(), data.getHeight() + 2, SWT.BOLD);
		title.setFont(bold);
		title.setText("Reading " + input.runs().size() + " run(s)…");
		GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
		for (Export kind : Export.values()) {
			Button button = new Button(top, SWT.PUSH);
			button.setText(kind.label);
			button.setEnabled(false);
			button.setData(kind);
			button.addListener(SWT.Selection, e -> {
				DirectoryDialog dialog = new DirectoryDialog(body.getShell(), SWT.SAVE);
				dialog.setText(kind.question);
				String folder = dialog.open();
				if (folder != null) {
					exportAndTell(kind, Path.of(folder));
				}
			});
			exports.add(button);
		}

		table = new Table(body, SWT.BORDER | SWT.FULL_SELECTION | SWT.H_SCROLL);
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.FILL).hint(200, SWT.DEFAULT).applyTo(table);
		for (String name : ComparisonTables.runHeader()) {
			new TableColumn(table, SWT.NONE).setText(name);
		}
		significance = new Text(body, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP);
		significance.setFont(JFaceResources.getTextFont());
		GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.FILL).hint(600, SWT.DEFAULT).applyTo(significance);
		charts = new Composite(body, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).spacing(8, 8).applyTo(charts);
		GridDataFactory.fillDefaults().applyTo(charts);
		body.addDisposeListener(e -> {
			images.forEach(Image::dispose);
			bold.dispose();
		});
	}

	public Control control() {
		return scroller;
	}

	/** Reads and compares the runs in a Job; the panel fills when it is done. */
	public Job load() {
		Job job = new ViewJob<>("Compare " + input.runs().size() + " runs", body, monitor -> RunComparison.of(input.runs(), input.split()))
				.onResult(this::show)
				.onFailure("Compare runs", "Cannot compare the runs", e -> title.setText("Cannot compare: " + e.getMessage()));
		job.setUser(true);
		job.schedule();
		return job;
	}

	/** Fills the panel with a comparison (on the UI thread). */
	public void show(RunComparison result) {
		comparison = result;
		title.setText(result.runs().size() + " runs, " + result.groups().size() + " experiment(s), " + result.split() + " split");
		table.removeAll();
		for (List<String> row : ComparisonTables.runRows(result)) {
			new TableItem(table, SWT.NONE).setText(row.toArray(String[]::new));
		}
		for (TableColumn column : table.getColumns()) {
			column.pack();
		}
		significance.setText(ComparisonTables.significance(result));
		for (Control child : charts.getChildren()) {
			child.dispose();
		}
		images.forEach(Image::dispose);
		images.clear();
		try (SwtChartRenderer renderer = SwtChartRenderer.open()) {
			for (ComparisonTables.Named chart : ComparisonTables.charts(result)) {
				int[] size = ComparisonTables.size(chart, result);
				Image image = new Image(charts.getDisplay(), renderer.render(chart.chart(), size[0], size[1]));
				images.add(image);
				Label label = new Label(charts, SWT.NONE);
				label.setImage(image);
				GridDataFactory.fillDefaults().span(chart.name().equals("confusion") ? 2 : 1, 1).applyTo(label);
			}
		} catch (RuntimeException e) {
			Errors.report(body, "Compare runs", "Cannot draw the charts", e);
		}
		exports.forEach(b -> b.setEnabled(true));
		body.layout(true, true);
		updateMinSize();
	}

	/**
	 * The title row, the table and the text follow the visible width, whatever the charts need:
	 * otherwise a wide confusion chart widens them too and their right end (the last columns, the
	 * export buttons) lies outside the view.
	 */
	private void updateMinSize() {
		if (body.isDisposed()) {
			return;
		}
		int visible = Math.max(300, scroller.getClientArea().width - 2 * MARGIN);
		for (Control control : List.of(top, table, significance)) {
			((GridData) control.getLayoutData()).widthHint = visible;
		}
		int width = Math.max(visible, charts.computeSize(SWT.DEFAULT, SWT.DEFAULT).x) + 2 * MARGIN;
		scroller.setMinSize(body.computeSize(width, SWT.DEFAULT));
		body.layout(true, true);
	}

	/** The comparison shown, or null while the runs are read. */
	public RunComparison comparison() {
		return comparison;
	}

	public Table table() {
		return table;
	}

	/** The export buttons, in {@link Export} order. */
	public List<Button> exportButtons() {
		return List.copyOf(exports);
	}

	/** The area the panel shows without scrolling sideways, in the panel's body's coordinates. */
	public int visibleWidth() {
		return scroller.getClientArea().width;
	}

	public String significanceText() {
		return significance.getText();
	}

	/**
	 * Writes an export of the comparison shown into a folder.
	 *
	 * @return what was written, in words
	 */
	public String export(Export kind, Path folder) throws IOException {
		if (comparison == null) {
			throw new IOException("nothing to export yet: the runs are still being read");
		}
		if (kind == Export.SVG) {
			return ComparisonTables.writeSvgs(comparison, folder).size() + " SVG files in " + folder;
		}
		try (SwtChartRenderer renderer = SwtChartRenderer.open()) {
			return kind == Export.HTML ? ComparisonTables.writeReport(comparison, folder, renderer).toString()
					: ComparisonTables.writePngs(comparison, folder, renderer).size() + " PNG files in " + folder;
		}
	}

	private void exportAndTell(Export kind, Path folder) {
		try {
			MessageDialog.openInformation(body.getShell(), "Export", "Wrote " + export(kind, folder));
		} catch (IOException | RuntimeException e) {
			Errors.report(body, "Export", "Cannot export to " + folder, e);
		}
	}

	public void setFocus() {
		table.setFocus();
	}
}
