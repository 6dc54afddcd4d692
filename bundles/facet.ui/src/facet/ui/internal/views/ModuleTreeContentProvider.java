package facet.ui.internal.views;

import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.Viewer;

import facet.ui.internal.views.ModuleTree.KindNode;
import facet.ui.internal.views.ModuleTree.ProblemsNode;

final class ModuleTreeContentProvider implements ITreeContentProvider {

	private static final Object[] NONE = new Object[0];

	private ModuleTree tree;

	@Override
	public Object[] getElements(Object input) {
		return input instanceof ModuleTree t ? t.roots().toArray() : NONE;
	}

	@Override
	public Object[] getChildren(Object element) {
		if (element instanceof KindNode node) {
			return node.modules().toArray();
		}
		if (element instanceof ProblemsNode node) {
			return node.problems().toArray();
		}
		return NONE;
	}

	@Override
	public void inputChanged(Viewer viewer, Object oldInput, Object newInput) {
		tree = newInput instanceof ModuleTree t ? t : null;
	}

	@Override
	public Object getParent(Object element) {
		return tree == null ? null : tree.parentOf(element);
	}

	@Override
	public boolean hasChildren(Object element) {
		return element instanceof KindNode node ? !node.modules().isEmpty()
				: element instanceof ProblemsNode problems && !problems.problems().isEmpty();
	}
}
