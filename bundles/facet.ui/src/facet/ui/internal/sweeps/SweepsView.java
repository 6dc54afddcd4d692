package facet.ui.internal.sweeps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.part.ViewPart;

import facet.core.runs.RunStore;

/**
 * The sweeps of the run store: one line per sweep (executor, state counts, comparison) with its
 * tasks below (point, seed, state, run). Cancel and retry act on the selected sweep; "Open
 * comparison" shows what the sweep wrote once every task was done. Refreshes itself every few
 * seconds while a sweep has open tasks; reading runs in the background, since Slurm is asked.
 */
public class SweepsView extends ViewPart {

	public static final String ID = "facet.ui.views.sweeps";
	private static final int REFRESH_MS = 5000;
	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

	private final SweepsModel model = SweepsModel.of(RunStore.defaultStore());
	private TreeViewer viewer;
	private Label status;
	private Action cancelAction;
	private Action retryAction;
	private Action comparisonAction;
	private volatile boolean reading;

	@Override
	public void createPartControl(Composite parent) {
		Composite root = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().margins(4, 4).spacing(0, 4).applyTo(root);
		viewer = new TreeViewer(root, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
		Tree tree = viewer.getTree();
		tree.setHeaderVisible(true);
		tree.setLinesVisible(true);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(tree);
		viewer.setContentProvider(new ITreeContentProvider() {
			@Override
			public Object[] getElements(Object input) {
				return ((List<?>) input).toArray();
			}

			@Override
			public Object[] getChildren(Object element) {
				return element instanceof SweepRow s ? s.tasks().toArray() : new Object[0];
			}

			@Override
			public Object getParent(Object element) {
				return element instanceof SweepRow.TaskRow t ? t.parent() : null;
			}

			@Override
			public boolean hasChildren(Object element) {
				return element instanceof SweepRow s && !s.tasks().isEmpty();
			}
		});
		column("Sweep / point", 300, s -> s.name(), t -> t.pointText());
		column("State", 230, SweepRow::stateText, t -> t.state().word());
		column("Seed / kind", 90, s -> s.sweep().kind(), t -> Long.toString(t.task().seed()));
		column("Executor / run", 330, s -> s.sweep().executor() + ", " + DATE.format(s.sweep().created()) + (s.canOpenComparison() ? ", comparison written" : ""),
				SweepRow.TaskRow::run);
		status = new Label(root, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
		viewer.addSelectionChangedListener(event -> updateActions());
		viewer.addDoubleClickListener(event -> {
			SweepRow row = selected();
			if (row != null && row.canOpenComparison()) {
				openComparison(row);
			}
		});
		createActions();
		refresh();
	}

	private void column(String name, int width, Function<SweepRow, String> sweepText, Function<SweepRow.TaskRow, String> taskText) {
		TreeViewerColumn column = new TreeViewerColumn(viewer, SWT.NONE);
		column.getColumn().setText(name);
		column.getColumn().setWidth(width);
		column.setLabelProvider(new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				return element instanceof SweepRow s ? sweepText.apply(s) : taskText.apply((SweepRow.TaskRow) element);
			}
		});
	}

	private void createActions() {
		Action refreshAction = new Action("Refresh") {
			@Override
			public void run() {
				refresh();
			}
		};
		cancelAction = new Action("Cancel") {
			@Override
			public void run() {
				cancel();
			}
		};
		cancelAction.setToolTipText("Cancel the selected sweep's pending and running tasks");
		retryAction = new Action("Retry") {
			@Override
			public void run() {
				retry();
			}
		};
		retryAction.setToolTipText("Run the selected sweep's failed and cancelled tasks again (resuming from checkpoints)");
		comparisonAction = new Action("Open comparison") {
			@Override
			public void run() {
				SweepRow row = selected();
				if (row != null) {
					openComparison(row);
				}
			}
		};
		comparisonAction.setToolTipText("Mean ± CI per point over seeds, paired tests, the ablation table");
		IToolBarManager toolbar = getViewSite().getActionBars().getToolBarManager();
		toolbar.add(refreshAction);
		toolbar.add(cancelAction);
		toolbar.add(retryAction);
		toolbar.add(comparisonAction);
		updateActions();
	}

	/** The selected sweep (a task's sweep when a task is selected). */
	SweepRow selected() {
		Object o = ((IStructuredSelection) viewer.getSelection()).getFirstElement();
		return o instanceof SweepRow s ? s : o instanceof SweepRow.TaskRow t ? t.parent() : null;
	}

	private void updateActions() {
		SweepRow row = selected();
		cancelAction.setEnabled(row != null && row.canCancel());
		retryAction.setEnabled(row != null && row.canRetry());
		comparisonAction.setEnabled(row != null && row.canOpenComparison());
	}

	/** Reads the sweeps in the background and shows them; again in a few seconds while some task is open. */
	public void refresh() {
		if (reading) {
			return;
		}
		reading = true;
		Job job = Job.create("Reading sweeps", monitor -> {
			try {
				List<SweepRow> rows = model.read();
				show(rows, null);
			} catch (IOException | RuntimeException e) {
				show(null, e);
			} finally {
				reading = false;
			}
			return Status.OK_STATUS;
		});
		job.setSystem(true);
		job.schedule();
	}

	private void show(List<SweepRow> rows, Exception failure) {
		if (viewer.getControl().isDisposed()) {
			return;
		}
		viewer.getControl().getDisplay().asyncExec(() -> {
			if (viewer.getControl().isDisposed()) {
				return;
			}
			if (failure != null) {
				status.setText("Cannot read the sweeps of " + model.store().root() + ": " + failure.getMessage());
				return;
			}
			String selectedName = selected() == null ? null : selected().name();
			Object[] expanded = viewer.getExpandedElements();
			viewer.setInput(rows);
			for (SweepRow r : rows) {
				for (Object e : expanded) {
					if (e instanceof SweepRow old && old.name().equals(r.name())) {
						viewer.setExpandedState(r, true);
					}
				}
				if (r.name().equals(selectedName)) {
					viewer.setSelection(new org.eclipse.jface.viewers.StructuredSelection(r));
				}
			}
			if (expanded.length == 0 && !rows.isEmpty()) {
				viewer.setExpandedState(rows.get(0), true);
			}
			status.setText(rows.size() + " sweep(s) in " + model.store().root().resolve("sweeps"));
			updateActions();
			if (rows.stream().anyMatch(SweepRow::canCancel)) {
				viewer.getControl().getDisplay().timerExec(REFRESH_MS, () -> {
					if (!viewer.getControl().isDisposed()) {
						refresh();
					}
				});
			}
		});
	}

	private void cancel() {
		SweepRow row = selected();
		if (row == null || !MessageDialog.openConfirm(getSite().getShell(), "Cancel sweep", "Cancel the pending and running tasks of " + row.name()
				+ "? Cancelled tasks can be retried; runs with a checkpoint resume from it.")) {
			return;
		}
		try {
			model.cancel(row);
		} catch (IOException e) {
			error("Cannot cancel " + row.name(), e);
		}
		refresh();
	}

	private void retry() {
		SweepRow row = selected();
		if (row == null) {
			return;
		}
		int parallel = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
		SweepJob job = new SweepJob("Retrying sweep " + row.name(), progress -> model.retry(row, parallel, progress));
		job.addJobChangeListener(new org.eclipse.core.runtime.jobs.JobChangeAdapter() {
			@Override
			public void done(org.eclipse.core.runtime.jobs.IJobChangeEvent event) {
				refresh();
			}
		});
		job.schedule();
		viewer.getControl().getDisplay().timerExec(1000, () -> {
			if (!viewer.getControl().isDisposed()) {
				refresh();
			}
		});
	}

	private void openComparison(SweepRow row) {
		try {
			String text = Files.readString(row.comparison().orElseThrow(), StandardCharsets.UTF_8);
			new TextDialog(getSite().getShell(), "Comparison of " + row.name(), text).open();
		} catch (IOException e) {
			error("Cannot read the comparison of " + row.name(), e);
		}
	}

	private void error(String title, Exception e) {
		IStatus s = new Status(IStatus.ERROR, "facet.ui", e.getMessage(), e);
		Platform.getLog(getClass()).log(s);
		ErrorDialog.openError(getSite().getShell(), title, null, s);
	}

	@Override
	public void setFocus() {
		viewer.getControl().setFocus();
	}
}
