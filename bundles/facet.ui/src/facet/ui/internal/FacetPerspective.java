package facet.ui.internal;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

import facet.ui.internal.sweeps.SweepsView;
import facet.ui.internal.views.DashboardView;
import facet.ui.internal.views.ModulesView;
import facet.ui.internal.views.RunsView;

/** The one perspective: experiments over the runs and modules on the left, the dashboard on the right. */
public class FacetPerspective implements IPerspectiveFactory {

	public static final String ID = "facet.ui.perspective";

	@Override
	public void createInitialLayout(IPageLayout layout) {
		String editors = layout.getEditorArea();
		layout.addView(DashboardView.ID, IPageLayout.RIGHT, 0.56f, editors);
		IFolderLayout bottom = layout.createFolder("facet.ui.folders.bottom", IPageLayout.BOTTOM, 0.64f, editors);
		bottom.addView(RunsView.ID);
		bottom.addView(ModulesView.ID);
		bottom.addView(SweepsView.ID);
		layout.addShowViewShortcut(ModulesView.ID);
		layout.addShowViewShortcut(DashboardView.ID);
		layout.addShowViewShortcut(RunsView.ID);
		layout.addShowViewShortcut(SweepsView.ID);
	}
}
