package facet.ui.internal.views;

import org.eclipse.jface.viewers.DelegatingStyledCellLabelProvider.IStyledLabelProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.StyledString;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;

import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleRegistry.Problem;
import facet.ui.internal.views.ModuleTree.KindNode;
import facet.ui.internal.views.ModuleTree.ProblemsNode;

/** Names in the tree, with counts and ids in the decoration colours the rest of Eclipse uses. */
final class ModuleTreeLabelProvider extends LabelProvider implements IStyledLabelProvider {

	private final ModuleFilter filter;

	ModuleTreeLabelProvider(ModuleFilter filter) {
		this.filter = filter;
	}

	@Override
	public StyledString getStyledText(Object element) {
		if (element instanceof KindNode node) {
			int total = node.modules().size();
			String count = filter.isActive() ? " (" + filter.matchCount(node) + " of " + total + ")" : " (" + total + ")";
			return new StyledString(ModuleTree.title(node.kind())).append(count, StyledString.COUNTER_STYLER);
		}
		if (element instanceof ModuleDescriptor module) {
			return new StyledString(module.name()).append("  " + module.id(), StyledString.QUALIFIER_STYLER);
		}
		if (element instanceof ProblemsNode node) {
			return new StyledString("Problems").append(" (" + node.problems().size() + ")", StyledString.COUNTER_STYLER);
		}
		if (element instanceof Problem problem) {
			return new StyledString(problem.id() == null ? problem.kind().label() : problem.id())
					.append("  " + problem.bundle(), StyledString.QUALIFIER_STYLER);
		}
		return new StyledString(String.valueOf(element));
	}

	@Override
	public String getText(Object element) {
		return getStyledText(element).getString();
	}

	@Override
	public Image getImage(Object element) {
		// shared images belong to the workbench, which disposes them
		ISharedImages images = PlatformUI.getWorkbench().getSharedImages();
		if (element instanceof KindNode) {
			return images.getImage(ISharedImages.IMG_OBJ_FOLDER);
		}
		if (element instanceof ModuleDescriptor) {
			return images.getImage(ISharedImages.IMG_OBJ_ELEMENT);
		}
		if (element instanceof ProblemsNode || element instanceof Problem) {
			return images.getImage(ISharedImages.IMG_OBJS_ERROR_TSK);
		}
		return null;
	}
}
