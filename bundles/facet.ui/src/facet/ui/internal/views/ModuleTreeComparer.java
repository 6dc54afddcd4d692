package facet.ui.internal.views;

import java.util.Objects;

import org.eclipse.jface.viewers.IElementComparer;

import facet.core.modules.ModuleDescriptor;
import facet.ui.internal.views.ModuleTree.KindNode;
import facet.ui.internal.views.ModuleTree.ProblemsNode;

/**
 * Identifies tree elements across registry snapshots: a kind node by its kind, a module by kind
 * and id. The records' own equality would not do, since every snapshot makes new descriptors
 * (with new factory suppliers), and the tree would collapse and lose its selection on each change.
 */
final class ModuleTreeComparer implements IElementComparer {

	@Override
	public boolean equals(Object a, Object b) {
		return Objects.equals(key(a), key(b));
	}

	@Override
	public int hashCode(Object element) {
		return Objects.hashCode(key(element));
	}

	private static Object key(Object element) {
		if (element instanceof KindNode node) {
			return node.kind();
		}
		if (element instanceof ProblemsNode) {
			return ProblemsNode.class;
		}
		if (element instanceof ModuleDescriptor module) {
			return module.kind() + "/" + module.id();
		}
		return element;
	}
}
