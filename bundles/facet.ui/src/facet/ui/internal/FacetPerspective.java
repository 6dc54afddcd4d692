package facet.ui.internal;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

import facet.ui.internal.sweeps.SweepsView;
import facet.ui.internal.analyze.AnalyzeView;
import facet.ui.internal.dataset.DatasetView;
import facet.ui.internal.heatmap.HeatmapView;
import facet.ui.internal.views.DashboardView;
import facet.ui.internal.views.ModulesView;
import facet.ui.internal.views.RunsView;

/** The one perspective: experiments over the runs and modules on the left, the dashboard on the right. */
public class FacetPerspective implements IPerspectiveFactory {

	public static final String ID = "facet.ui.perspective";

	@Override
	public void createInitialLayout(IPageLayout layout) {
		String editors = layout.getEditorArea();
		IFolderLayout right = layout.createFolder("facet.ui.folders.right", IPageLayout.RIGHT, 0.56f, editors);
		right.addView(DashboardView.ID);
		right.addPlaceholder(HeatmapView.ID);
		right.addPlaceholder(AnalyzeView.ID);
		right.addPlaceholder(DatasetView.ID);
		IFolderLayout bottom = layout.createFolder("facet.ui.folders.bottom", IPageLayout.BOTTOM, 0.64f, editors);
		bottom.addView(RunsView.ID);
		bottom.addView(ModulesView.ID);
		bottom.addView(SweepsView.ID);
		layout.addShowViewShortcut(ModulesView.ID);
		layout.addShowViewShortcut(DashboardView.ID);
		layout.addShowViewShortcut(RunsView.ID);
		layout.addShowViewShortcut(SweepsView.ID);
		layout.addShowViewShortcut(HeatmapView.ID);
		layout.addShowViewShortcut(AnalyzeView.ID);
		layout.addShowViewShortcut(DatasetView.ID);
	}
}
