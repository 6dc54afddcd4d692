package facet.ui.internal;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

import facet.ui.internal.views.ModulesView;

/** The one perspective: Facet has no editors yet, so the views share the whole window. */
public class FacetPerspective implements IPerspectiveFactory {

	public static final String ID = "facet.ui.perspective";

	@Override
	public void createInitialLayout(IPageLayout layout) {
		layout.setEditorAreaVisible(false);
		layout.addView(ModulesView.ID, IPageLayout.LEFT, 0.5f, layout.getEditorArea());
		layout.addShowViewShortcut(ModulesView.ID);
	}
}
