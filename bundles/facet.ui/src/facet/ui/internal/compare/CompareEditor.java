package facet.ui.internal.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
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
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;

import facet.charts.SwtChartRenderer;
import facet.engine.compare.RunComparison;
import facet.ui.internal.common.Errors;

/**
 * Runs side by side, as {@code facet compare} and {@code facet report} show them: the table of
 * runs, what the statistics say in words, overlaid training curves, per-class recall and the
 * confusion matrices side by side; exports the HTML report or the charts as PNG. The runs are
 * read and tested in a Job.
 */
public class CompareEditor extends EditorPart {

	public static final String ID = "facet.ui.editors.compare";

	private ScrolledComposite scroller;
	private Composite body;
	private Label title;
	private Table table;
	private Text significance;
	private Composite charts;
	private Button exportReport;
	private Button exportPng;
	private Font bold;
	private final List<Image> images = new ArrayList<>();
	private RunComparison comparison;

	@Override
	public void init(IEditorSite site, IEditorInput input) throws PartInitException {
		if (!(input instanceof CompareEditorInput)) {
			throw new PartInitException("the compare editor opens runs, not " + input.getName());
		}
		setSite(site);
		setInput(input);
		setPartName(input.getName());
		setTitleToolTip(input.getToolTipText());
	}

	public CompareEditorInput input() {
		return (CompareEditorInput) getEditorInput();
	}

	@Override
	public void createPartControl(Composite parent) {
		scroller = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
		body = new Composite(scroller, SWT.NONE);
		GridLayoutFactory.fillDefaults().margins(8, 8).spacing(6, 8).applyTo(body);
		scroller.setContent(body);
		scroller.setExpandHorizontal(true);
		scroller.setExpandVertical(true);
		scroller.addListener(SWT.Resize, e -> updateMinSize());

		Composite top = new Composite(body, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(3).applyTo(top);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(top);
		title = new Label(top, SWT.NONE);
		FontData data = title.getFont().getFontData()[0];
		bold = new Font(title.getDisplay(), data.getName(), data.getHeight() + 2, SWT.BOLD);
		title.setFont(bold);
		title.setText("Reading " + input().runs().size() + " run(s)…");
		GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
		exportReport = new Button(top, SWT.PUSH);
		exportReport.setText("Export HTML report…");
		exportReport.addListener(SWT.Selection, e -> export(true));
		exportPng = new Button(top, SWT.PUSH);
		exportPng.setText("Export PNG…");
		exportPng.addListener(SWT.Selection, e -> export(false));
		exportReport.setEnabled(false);
		exportPng.setEnabled(false);

		table = new Table(body, SWT.BORDER | SWT.FULL_SELECTION | SWT.H_SCROLL);
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		// a small width hint: the table scrolls sideways instead of widening the editor
		GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(table);
		for (String name : ComparisonTables.runHeader()) {
			TableColumn column = new TableColumn(table, SWT.NONE);
			column.setText(name);
		}
		significance = new Text(body, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP);
		significance.setFont(org.eclipse.jface.resource.JFaceResources.getTextFont());
		GridDataFactory.fillDefaults().grab(true, false).hint(600, SWT.DEFAULT).applyTo(significance);
		charts = new Composite(body, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).spacing(8, 8).applyTo(charts);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(charts);
		load();
	}

	/** Reads and compares the runs in a Job; the editor fills when it is done. */
	public Job load() {
		CompareEditorInput in = input();
		Job job = new Job("Compare " + in.runs().size() + " runs") {
			@Override
			protected IStatus run(IProgressMonitor monitor) {
				try {
					RunComparison result = RunComparison.of(in.runs(), in.split());
					asyncExec(() -> show(result));
				} catch (IOException | RuntimeException e) {
					asyncExec(() -> title.setText("Cannot compare: " + e.getMessage()));
					Errors.report(body, "Compare runs", "Cannot compare the runs", e);
				}
				return Status.OK_STATUS;
			}
		};
		job.setUser(true);
		job.schedule();
		return job;
	}

	private void asyncExec(Runnable runnable) {
		if (!body.isDisposed()) {
			body.getDisplay().asyncExec(() -> {
				if (!body.isDisposed()) {
					runnable.run();
				}
			});
		}
	}

	/** Fills the editor with a comparison (on the UI thread). */
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
		exportReport.setEnabled(true);
		exportPng.setEnabled(true);
		body.layout(true, true);
		updateMinSize();
	}

	/** As wide as the editor (at least as wide as the charts), so that the text wraps; as high as it then needs. */
	private void updateMinSize() {
		if (body.isDisposed()) {
			return;
		}
		int client = scroller.getClientArea().width;
		// a wrapping text wraps at its width hint only: it follows the editor's width
		((GridData) significance.getLayoutData()).widthHint = Math.max(300, client - 24);
		int width = Math.max(client, charts.computeSize(SWT.DEFAULT, SWT.DEFAULT).x + 16);
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

	public String significanceText() {
		return significance.getText();
	}

	private void export(boolean report) {
		DirectoryDialog dialog = new DirectoryDialog(getSite().getShell(), SWT.SAVE);
		dialog.setText(report ? "Folder for the HTML report" : "Folder for the chart PNGs");
		String folder = dialog.open();
		if (folder == null || comparison == null) {
			return;
		}
		try (SwtChartRenderer renderer = SwtChartRenderer.open()) {
			String what = report ? ComparisonTables.writeReport(comparison, Path.of(folder), renderer).toString()
					: ComparisonTables.writePngs(comparison, Path.of(folder), renderer).size() + " PNG files in " + folder;
			MessageDialog.openInformation(getSite().getShell(), "Export", "Wrote " + what);
		} catch (IOException | RuntimeException e) {
			Errors.report(body, "Export", "Cannot export to " + folder, e);
		}
	}

	@Override
	public void setFocus() {
		table.setFocus();
	}

	@Override
	public void dispose() {
		images.forEach(Image::dispose);
		if (bold != null) {
			bold.dispose();
		}
		super.dispose();
	}

	@Override
	public void doSave(IProgressMonitor monitor) {
		// nothing to save: exports write files
	}

	@Override
	public void doSaveAs() {
	}

	@Override
	public boolean isDirty() {
		return false;
	}

	@Override
	public boolean isSaveAsAllowed() {
		return false;
	}
}
