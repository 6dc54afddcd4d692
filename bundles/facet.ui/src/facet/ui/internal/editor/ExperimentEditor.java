package facet.ui.internal.editor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IPathEditorInput;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.part.MultiPageEditorPart;

import facet.core.experiment.ExperimentException;
import facet.core.experiment.ExperimentSpec;
import facet.core.experiment.ExperimentValidator;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ValidationProblem;
import facet.core.runs.AtomicFiles;
import facet.ui.internal.preferences.FacetPreferences;
import facet.ui.internal.runs.TrainJob;
import facet.ui.internal.views.DashboardView;

/**
 * The editor of {@code *.facet.json} files: the pipeline as a generated form and the JSON
 * source, kept in sync through one {@link ExperimentDocument} whose history serves undo and
 * redo on both pages. Train starts the experiment as it stands in a background job.
 */
public class ExperimentEditor extends MultiPageEditorPart {

	public static final String ID = "facet.ui.editors.experiment";
	public static final int PIPELINE_PAGE = 0;
	public static final int SOURCE_PAGE = 1;

	private final ModuleRegistry.Listener registryListener = registry -> registryChanged();
	private ModuleRegistry registry;
	private ExperimentDocument document;
	private PipelinePage pipeline;
	private Text source;
	private Label sourceProblems;
	private boolean settingSource;
	private int pendingParse;
	private Action undo;
	private Action redo;

	@Override
	public void init(IEditorSite site, IEditorInput input) throws PartInitException {
		if (!(input instanceof IPathEditorInput pathInput)) {
			throw new PartInitException("Facet opens experiment files only, not " + input.getName());
		}
		super.init(site, input);
		java.nio.file.Path file = pathInput.getPath().toPath();
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new PartInitException("Cannot read " + file + ": " + e.getMessage(), e);
		}
		document = new ExperimentDocument(file.toString(), text);
		setPartName(input.getName());
		setTitleToolTip(file.toString());
		registry = ModuleRegistry.getDefault();
	}

	@Override
	protected void createPages() {
		Composite formPage = new Composite(getContainer(), SWT.NONE);
		GridLayoutFactory.fillDefaults().spacing(0, 0).applyTo(formPage);
		Composite bar = new Composite(formPage, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(3).margins(8, 6).applyTo(bar);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
		Button train = new Button(bar, SWT.PUSH);
		train.setText("▶ Train");
		train.setToolTipText("Train this experiment in the background; the Dashboard shows it live");
		train.addListener(SWT.Selection, event -> train());
		Button sweep = new Button(bar, SWT.PUSH);
		sweep.setText("Sweep…");
		sweep.setToolTipText("Train this experiment over seeds, its ablation or chosen parameter values, locally or on Slurm");
		sweep.addListener(SWT.Selection, event -> {
			flushSource();
			facet.ui.internal.sweeps.StartSweepDialog.start(getSite().getPage(), document.text(), registry);
		});
		Label hint = new Label(bar, SWT.NONE);
		hint.setText("Hover over a parameter for its meaning; red markers show refused values.");
		pipeline = new PipelinePage(formPage, registry, this::formChanged);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(pipeline.control());
		pipeline.setModel(document.model());
		setPageText(addPage(formPage), "Pipeline");

		Composite sourcePage = new Composite(getContainer(), SWT.NONE);
		GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(sourcePage);
		source = new Text(sourcePage, SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
		source.setFont(JFaceResources.getTextFont());
		source.setText(document.text());
		GridDataFactory.fillDefaults().grab(true, true).applyTo(source);
		sourceProblems = new Label(sourcePage, SWT.WRAP);
		sourceProblems.setForeground(sourcePage.getDisplay().getSystemColor(SWT.COLOR_RED));
		GridDataFactory.fillDefaults().grab(true, false).indent(6, 0).applyTo(sourceProblems);
		source.addListener(SWT.Modify, event -> sourceModified());
		setPageText(addPage(sourcePage), "Source");
		showSourceProblems();

		document.addListener((doc, fromText) -> documentChanged(fromText));
		registry.addListener(registryListener);
		createUndoActions();
		if (!document.parseProblems().isEmpty() || pipeline.failure() != null) {
			setActivePage(SOURCE_PAGE);
		}
		if (pipeline.failure() != null) {
			String message = pipeline.failure();
			// after the part is up: a modal dialog inside createPages would run while the workbench builds the part
			getSite().getShell().getDisplay().asyncExec(() -> error("Cannot show " + getEditorInput().getName(),
					"Cannot show " + document.source() + " as a pipeline: " + message, null));
		}
	}

	private void createUndoActions() {
		undo = new Action("&Undo") {
			@Override
			public void run() {
				flushSource();
				document.undo();
			}
		};
		redo = new Action("&Redo") {
			@Override
			public void run() {
				document.redo();
			}
		};
		getEditorSite().getActionBars().setGlobalActionHandler(ActionFactory.UNDO.getId(), undo);
		getEditorSite().getActionBars().setGlobalActionHandler(ActionFactory.REDO.getId(), redo);
		updateUndoActions();
	}

	private void updateUndoActions() {
		undo.setEnabled(document.canUndo());
		redo.setEnabled(document.canRedo());
		getEditorSite().getActionBars().updateActionBars();
	}

	/** Typing is parsed after a pause, so that every keystroke is not a step of the history. */
	private void sourceModified() {
		if (settingSource) {
			return;
		}
		int ticket = ++pendingParse;
		source.getDisplay().timerExec(400, () -> {
			if (ticket == pendingParse && !source.isDisposed()) {
				flushSource();
			}
		});
		firePropertyChange(PROP_DIRTY);
	}

	/** Hands the source page's text to the document now. */
	public void flushSource() {
		pendingParse++;
		if (source != null && !source.isDisposed()) {
			document.setText(source.getText());
		}
	}

	private void formChanged() {
		document.modelChanged();
	}

	private void documentChanged(boolean fromText) {
		if (!source.getText().equals(document.text())) {
			settingSource = true;
			try {
				source.setText(document.text());
			} finally {
				settingSource = false;
			}
		}
		if (fromText && document.parseProblems().isEmpty()) {
			pipeline.setModel(document.model());
		}
		showSourceProblems();
		updateUndoActions();
		firePropertyChange(PROP_DIRTY);
	}

	private void showSourceProblems() {
		List<ValidationProblem> problems = document.parseProblems();
		sourceProblems.setText(problems.isEmpty() ? "" : String.join("\n", problems.stream().map(ValidationProblem::toString).toList()));
		sourceProblems.requestLayout();
	}

	private void registryChanged() {
		Display display = getSite().getShell().getDisplay();
		display.asyncExec(() -> {
			if (pipeline != null && !pipeline.control().isDisposed()) {
				pipeline.rebuild();
			}
		});
	}

	/** Turns to the pipeline or the source page. */
	public void showPage(int page) {
		setActivePage(page);
	}

	public ExperimentDocument document() {
		return document;
	}

	public PipelinePage pipeline() {
		return pipeline;
	}

	public Text sourceText() {
		return source;
	}

	@Override
	public boolean isDirty() {
		return document != null && (document.isDirty() || (source != null && !source.isDisposed() && !source.getText().equals(document.text())));
	}

	@Override
	public void doSave(IProgressMonitor monitor) {
		flushSource();
		java.nio.file.Path file = ((IPathEditorInput) getEditorInput()).getPath().toPath();
		try {
			AtomicFiles.write(file, document.text());
			document.markSaved();
		} catch (IOException e) {
			error("Cannot save " + file, e.getMessage(), e);
			if (monitor != null) {
				monitor.setCanceled(true);
			}
		}
	}

	@Override
	public void doSaveAs() {
		// Save As would need a file dialog and a new input; experiments are copied on disk
	}

	@Override
	public boolean isSaveAsAllowed() {
		return false;
	}

	/** Starts training the experiment as it stands; refuses, with the reasons, when it cannot run. */
	public TrainJob train() {
		flushSource();
		ExperimentSpec spec;
		try {
			spec = document.spec();
			new ExperimentValidator(registry).requireValid(spec, getEditorInput().getName());
		} catch (ExperimentException e) {
			MessageDialog.openError(getSite().getShell(), "Cannot train " + getEditorInput().getName(),
					"Fix these first:\n\n" + String.join("\n", e.problems().stream().map(ValidationProblem::toString).toList()));
			return null;
		}
		FacetPreferences preferences = FacetPreferences.instance();
		TrainJob job = new TrainJob(spec, preferences.runStore(), registry, preferences.threads());
		try {
			DashboardView dashboard = (DashboardView) getSite().getPage().showView(DashboardView.ID);
			dashboard.follow(job);
		} catch (PartInitException e) {
			Platform.getLog(getClass()).error("Dashboard not shown", e);
		}
		job.schedule();
		return job;
	}

	private void error(String title, String message, Throwable e) {
		IStatus status = new Status(IStatus.ERROR, "facet.ui", message, e);
		Platform.getLog(getClass()).log(status);
		if (PlatformUI.isWorkbenchRunning()) {
			ErrorDialog.openError(getSite().getShell(), title, null, status);
		}
	}

	@Override
	public void dispose() {
		if (registry != null) {
			registry.removeListener(registryListener);
		}
		super.dispose();
	}
}
