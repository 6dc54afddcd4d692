package facet.ui.internal.views;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jface.action.IStatusLineManager;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.DelegatingStyledCellLabelProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DragSourceAdapter;
import org.eclipse.swt.dnd.DragSourceEvent;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.part.ViewPart;

import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ModuleRegistry.Problem;
import facet.ui.internal.pipeline.ModuleDrop;

/**
 * Every module the installed bundles contribute, grouped by kind, with the selected one's
 * description and parameters. Follows the registry, so a bundle installed or removed while the
 * workbench runs shows up here without a restart, and lists rejected contributions.
 */
public class ModulesView extends ViewPart {

	public static final String ID = "facet.ui.views.modules";

	private final ModuleTree tree = new ModuleTree();
	private final ModuleFilter filter = new ModuleFilter();
	/** Set while a refresh is queued, so that a burst of registry events costs one refresh. */
	private final AtomicBoolean refreshQueued = new AtomicBoolean();
	private final ModuleRegistry.Listener registryListener = registry -> scheduleRefresh();

	private ModuleRegistry registry;
	private Display display;
	private Text filterText;
	private TreeViewer viewer;
	private ModuleDetails details;

	@Override
	public void createPartControl(Composite parent) {
		display = parent.getDisplay();
		SashForm sash = new SashForm(parent, SWT.HORIZONTAL);

		Composite left = new Composite(sash, SWT.NONE);
		GridLayoutFactory.fillDefaults().spacing(0, 4).margins(4, 4).applyTo(left);
		filterText = new Text(left, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
		filterText.setMessage("Filter by id, name or description");
		GridDataFactory.fillDefaults().grab(true, false).applyTo(filterText);
		filterText.addModifyListener(event -> applyFilter());

		viewer = new TreeViewer(left, SWT.SINGLE | SWT.H_SCROLL | SWT.V_SCROLL | SWT.BORDER);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getControl());
		viewer.setUseHashlookup(true);
		viewer.setComparer(new ModuleTreeComparer());
		viewer.setContentProvider(new ModuleTreeContentProvider());
		viewer.setLabelProvider(new DelegatingStyledCellLabelProvider(new ModuleTreeLabelProvider(filter)));
		viewer.addFilter(filter);
		viewer.addSelectionChangedListener(event -> details.show(viewer.getStructuredSelection().getFirstElement()));
		viewer.addDoubleClickListener(event -> {
			Object element = viewer.getStructuredSelection().getFirstElement();
			if (viewer.isExpandable(element)) {
				viewer.setExpandedState(element, !viewer.getExpandedState(element));
			}
		});

		// a module dragged onto an experiment editor's pipeline page is added there
		viewer.addDragSupport(DND.DROP_COPY, new Transfer[] { TextTransfer.getInstance() }, new DragSourceAdapter() {
			@Override
			public void dragStart(DragSourceEvent event) {
				event.doit = viewer.getStructuredSelection().getFirstElement() instanceof ModuleDescriptor;
			}

			@Override
			public void dragSetData(DragSourceEvent event) {
				if (viewer.getStructuredSelection().getFirstElement() instanceof ModuleDescriptor module) {
					event.data = ModuleDrop.text(module.kind(), module.id());
				}
			}
		});

		details = new ModuleDetails(sash);
		sash.setWeights(35, 65);
		getSite().setSelectionProvider(viewer);

		registry = ModuleRegistry.getDefault();
		// listen before reading, so that a change in between is not lost
		registry.addListener(registryListener);
		tree.read(registry);
		viewer.setInput(tree);
		viewer.expandAll();
		// an empty details pane would hide that it exists; start on the first module there is
		registry.all().stream().findFirst().ifPresent(module -> viewer.setSelection(new StructuredSelection(module), true));
		updateStatusLine();
	}

	/** Registry events arrive on whatever thread changed the extension registry. */
	private void scheduleRefresh() {
		if (display.isDisposed() || !refreshQueued.compareAndSet(false, true)) {
			return;
		}
		display.asyncExec(() -> {
			refreshQueued.set(false);
			if (viewer.getControl().isDisposed()) {
				return;
			}
			tree.read(registry);
			viewer.refresh();
			details.show(viewer.getStructuredSelection().getFirstElement());
			updateStatusLine();
		});
	}

	private void applyFilter() {
		filter.setPattern(filterText.getText());
		viewer.getControl().setRedraw(false);
		try {
			viewer.refresh();
			if (filter.isActive()) {
				viewer.expandAll();
			}
		} finally {
			viewer.getControl().setRedraw(true);
		}
	}

	private void updateStatusLine() {
		IStatusLineManager statusLine = getViewSite().getActionBars().getStatusLineManager();
		List<Problem> problems = tree.problems();
		statusLine.setMessage(tree.moduleCount() + " modules installed");
		statusLine.setErrorMessage(problems.isEmpty() ? null
				: problems.size() + (problems.size() == 1 ? " contribution was" : " contributions were")
						+ " rejected; see Problems in the Modules view");
	}

	@Override
	public void setFocus() {
		viewer.getControl().setFocus();
		// The view's share of the status line shows only while the view is active, and the
		// workbench makes it visible after giving focus; a message set now would not show.
		display.asyncExec(() -> {
			if (!viewer.getControl().isDisposed()) {
				updateStatusLine();
			}
		});
	}

	@Override
	public void dispose() {
		if (registry != null) {
			registry.removeListener(registryListener);
		}
		super.dispose();
	}
}
