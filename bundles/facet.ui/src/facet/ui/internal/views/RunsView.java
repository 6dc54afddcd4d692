package facet.ui.internal.views;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.IJobChangeListener;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.jface.viewers.ViewerFilter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;

import facet.core.runs.RunStore;
import facet.ui.internal.preferences.FacetPreferences;
import facet.ui.internal.compare.CompareEditor;
import facet.ui.internal.compare.CompareEditorInput;
import facet.ui.internal.runs.TrainJob;

/**
 * The runs of the run store as a table: filter, sort by any column, open one on the
 * Dashboard, delete one (after asking; the folder moves to the store's {@code .trash} folder,
 * so that a slip of the hand can still be undone on disk).
 */
public class RunsView extends ViewPart {

	public static final String ID = "facet.ui.views.runs";
	/** Where deleted runs go, inside the store; it has no run.json, so listing skips it. */
	public static final String TRASH = ".trash";

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

	private RunStore store = FacetPreferences.instance().runStore();
	/** Window > Preferences > Facet may point at another run store: show that one. */
	private final IEclipsePreferences.IPreferenceChangeListener storePreference = this::preferenceChanged;
	private TableViewer viewer;
	private Text filterText;
	private Comparator<RunRow> order = Comparator.comparing((RunRow r) -> r.info().started()).reversed();
	private Action openAction;
	private Action deleteAction;
	private Action compareAction;
	/** A training job creates a run when it starts and completes it when it ends: both show here. */
	private final IJobChangeListener trainingListener = new JobChangeAdapter() {
		@Override
		public void running(IJobChangeEvent event) {
			refreshLater(event, 3000);
		}

		@Override
		public void done(IJobChangeEvent event) {
			refreshLater(event, 0);
		}
	};

	@Override
	public void createPartControl(Composite parent) {
		Composite root = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().margins(4, 4).spacing(0, 4).applyTo(root);
		filterText = new Text(root, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
		filterText.setMessage("Filter by experiment, id or status");
		GridDataFactory.fillDefaults().grab(true, false).applyTo(filterText);
		filterText.addModifyListener(event -> viewer.refresh());

		viewer = new TableViewer(root, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
		Table table = viewer.getTable();
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
		viewer.setContentProvider(ArrayContentProvider.getInstance());
		column("Experiment", 150, r -> r.info().experiment(), Comparator.comparing(r -> r.info().experiment()));
		column("Status", 95, r -> r.info().status().name(), Comparator.comparing(r -> r.info().status()));
		column("Test accuracy", 110, RunRow::accuracyText,
				Comparator.comparingDouble(r -> r.testAccuracy().isPresent() ? r.testAccuracy().getAsDouble() : -1));
		column("Date", 130, r -> DATE.format(r.info().started()), Comparator.comparing(r -> r.info().started()));
		column("Seed", 60, r -> Long.toString(r.info().seed()), Comparator.comparingLong(r -> r.info().seed()));
		column("Run", 260, r -> r.info().id(), Comparator.comparing(r -> r.info().id()));
		viewer.addFilter(new ViewerFilter() {
			@Override
			public boolean select(Viewer v, Object parentElement, Object element) {
				return ((RunRow) element).matches(filterText.getText());
			}
		});
		viewer.setComparator(new ViewerComparator() {
			@Override
			@SuppressWarnings("unchecked")
			public int compare(Viewer v, Object a, Object b) {
				return order.compare((RunRow) a, (RunRow) b);
			}
		});
		viewer.addDoubleClickListener(event -> open());
		viewer.addSelectionChangedListener(event -> updateActions());
		getSite().setSelectionProvider(viewer);
		createActions();
		refresh();
		Job.getJobManager().addJobChangeListener(trainingListener);
		FacetPreferences.instance().node().addPreferenceChangeListener(storePreference);
	}

	private void refreshLater(IJobChangeEvent event, int delayMs) {
		if (!(event.getJob() instanceof TrainJob) || viewer.getControl().isDisposed()) {
			return;
		}
		viewer.getControl().getDisplay().asyncExec(() -> viewer.getControl().getDisplay().timerExec(delayMs, () -> {
			if (!viewer.getControl().isDisposed()) {
				refresh();
			}
		}));
	}

	@Override
	public void dispose() {
		Job.getJobManager().removeJobChangeListener(trainingListener);
		FacetPreferences.instance().node().removePreferenceChangeListener(storePreference);
		super.dispose();
	}

	private void column(String name, int width, Function<RunRow, String> text, Comparator<RunRow> comparator) {
		TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
		column.getColumn().setText(name);
		column.getColumn().setWidth(width);
		column.setLabelProvider(new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				return text.apply((RunRow) element);
			}
		});
		column.getColumn().addListener(SWT.Selection, event -> {
			Table table = viewer.getTable();
			boolean up = table.getSortColumn() != column.getColumn() || table.getSortDirection() != SWT.UP;
			table.setSortColumn(column.getColumn());
			table.setSortDirection(up ? SWT.UP : SWT.DOWN);
			order = up ? comparator : comparator.reversed();
			viewer.refresh();
		});
	}

	private void createActions() {
		Action refresh = new Action("Refresh") {
			@Override
			public void run() {
				refresh();
			}
		};
		refresh.setToolTipText("Read the run store again");
		openAction = new Action("Open") {
			@Override
			public void run() {
				open();
			}
		};
		openAction.setToolTipText("Show the selected run on the Dashboard");
		deleteAction = new Action("Delete…") {
			@Override
			public void run() {
				deleteSelected(true);
			}
		};
		deleteAction.setToolTipText("Move the selected runs to the store's .trash folder, after asking");
		compareAction = new Action("Compare") {
			@Override
			public void run() {
				compareSelected();
			}
		};
		compareAction.setToolTipText("Open the selected runs side by side in the compare editor");
		IToolBarManager toolBar = getViewSite().getActionBars().getToolBarManager();
		toolBar.add(refresh);
		toolBar.add(openAction);
		toolBar.add(compareAction);
		toolBar.add(deleteAction);
		updateActions();
	}

	private void updateActions() {
		int selected = viewer.getStructuredSelection().size();
		openAction.setEnabled(selected == 1);
		compareAction.setEnabled(selected > 0);
		deleteAction.setEnabled(selected > 0);
	}

	private void preferenceChanged(IEclipsePreferences.PreferenceChangeEvent event) {
		if (FacetPreferences.RUN_STORE.equals(event.getKey()) && viewer != null && !viewer.getControl().isDisposed()) {
			viewer.getControl().getDisplay().asyncExec(() -> {
				if (!viewer.getControl().isDisposed()) {
					setStore(FacetPreferences.instance().runStore());
				}
			});
		}
	}

	/** Shows another store (tests, or a preference). */
	public void setStore(RunStore newStore) {
		store = newStore;
		refresh();
	}

	public RunStore store() {
		return store;
	}

	public TableViewer viewer() {
		return viewer;
	}

	public Text filterText() {
		return filterText;
	}

	public void refresh() {
		List<RunRow> rows = new ArrayList<>();
		try {
			store.list().forEach(run -> rows.add(RunRow.of(run)));
			setContentDescription(rows.size() + (rows.size() == 1 ? " run in " : " runs in ") + store.root());
		} catch (IOException e) {
			setContentDescription("Cannot read " + store.root() + ": " + e.getMessage());
			Platform.getLog(getClass()).error("Run store " + store.root() + " unreadable", e);
		}
		viewer.setInput(rows);
		updateActions();
	}

	private void open() {
		Object selected = viewer.getStructuredSelection().getFirstElement();
		if (selected instanceof RunRow row) {
			try {
				DashboardView dashboard = (DashboardView) getSite().getPage().showView(DashboardView.ID);
				dashboard.showRun(row.run());
			} catch (PartInitException | RuntimeException e) {
				IStatus status = new Status(IStatus.ERROR, "facet.ui", "Cannot show run " + row.info().id() + ": " + e.getMessage(), e);
				Platform.getLog(getClass()).log(status);
				ErrorDialog.openError(getSite().getShell(), "Open run", null, status);
			}
		}
	}

	private void compareSelected() {
		List<Path> folders = viewer.getStructuredSelection().toList().stream().map(r -> ((RunRow) r).run().folder()).toList();
		if (folders.isEmpty()) {
			return;
		}
		try {
			getSite().getPage().openEditor(new CompareEditorInput(folders, "test"), CompareEditor.ID);
		} catch (PartInitException | RuntimeException e) {
			IStatus status = new Status(IStatus.ERROR, "facet.ui", "Cannot compare the runs: " + e.getMessage(), e);
			Platform.getLog(getClass()).log(status);
			ErrorDialog.openError(getSite().getShell(), "Compare runs", null, status);
		}
	}

	/**
	 * Moves the selected runs to the trash folder.
	 *
	 * @param ask whether to ask first; only tests skip the question
	 * @return how many runs were moved
	 */
	public int deleteSelected(boolean ask) {
		List<RunRow> rows = viewer.getStructuredSelection().toList().stream().map(RunRow.class::cast).toList();
		if (rows.isEmpty()) {
			return 0;
		}
		String what = rows.size() == 1 ? "run " + rows.get(0).info().id() : rows.size() + " runs";
		if (ask && !MessageDialog.openConfirm(getSite().getShell(), "Delete runs",
				"Delete " + what + "?\n\nThe folders move to " + store.root().resolve(TRASH) + "; delete them there for good.")) {
			return 0;
		}
		int moved = 0;
		for (RunRow row : rows) {
			try {
				moveToTrash(store, row.run().folder());
				moved++;
			} catch (IOException e) {
				IStatus status = new Status(IStatus.ERROR, "facet.ui", "Cannot delete run " + row.info().id() + ": " + e.getMessage(), e);
				Platform.getLog(getClass()).log(status);
				ErrorDialog.openError(getSite().getShell(), "Delete runs", null, status);
			}
		}
		refresh();
		return moved;
	}

	/** Moves a run folder into the store's trash, under a new name when one is there already. */
	public static Path moveToTrash(RunStore store, Path folder) throws IOException {
		Path trash = store.root().resolve(TRASH);
		Files.createDirectories(trash);
		Path target = trash.resolve(folder.getFileName());
		for (int i = 2; Files.exists(target); i++) {
			target = trash.resolve(folder.getFileName() + "-" + i);
		}
		return Files.move(folder, target, StandardCopyOption.ATOMIC_MOVE);
	}

	@Override
	public void setFocus() {
		viewer.getControl().setFocus();
	}
}
