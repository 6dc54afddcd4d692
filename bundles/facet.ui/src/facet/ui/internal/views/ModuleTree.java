package facet.ui.internal.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ModuleRegistry.Problem;

/**
 * The input of the modules tree: one node per kind, holding that kind's modules, and a node for
 * the rejected contributions when there are any. It is replaced as a whole when the registry
 * changes; the tree's {@link ModuleTreeComparer} keeps expansion and selection across that.
 */
final class ModuleTree {

	/** All modules of one kind, in the registry's order (by id). Every kind has a node, even an empty one. */
	record KindNode(ModuleKind kind, List<ModuleDescriptor> modules) {
	}

	/** Contributions the registry refused, so that a broken plug-in shows up instead of silently missing. */
	record ProblemsNode(List<Problem> problems) {
	}

	private volatile List<Object> roots = List.of();

	/** Takes a fresh snapshot; cheap, the registry has already read and cached its extensions. */
	void read(ModuleRegistry registry) {
		List<Object> nodes = new ArrayList<>();
		for (ModuleKind kind : ModuleKind.values()) {
			nodes.add(new KindNode(kind, registry.modules(kind)));
		}
		List<Problem> problems = registry.problems();
		if (!problems.isEmpty()) {
			nodes.add(new ProblemsNode(problems));
		}
		roots = List.copyOf(nodes);
	}

	List<Object> roots() {
		return roots;
	}

	int moduleCount() {
		return roots.stream().filter(KindNode.class::isInstance).mapToInt(node -> ((KindNode) node).modules().size()).sum();
	}

	List<Problem> problems() {
		return roots.stream().filter(ProblemsNode.class::isInstance).findFirst().map(node -> ((ProblemsNode) node).problems())
				.orElse(List.of());
	}

	/** The node that holds an element, for {@code getParent}. */
	Object parentOf(Object element) {
		for (Object root : roots) {
			if (element instanceof ModuleDescriptor module && root instanceof KindNode node && node.kind() == module.kind()) {
				return node;
			}
			if (element instanceof Problem && root instanceof ProblemsNode) {
				return root;
			}
		}
		return null;
	}

	/** "Backbones", "Attention": the extension point's name, as a heading. */
	static String title(ModuleKind kind) {
		String name = kind.pointName();
		return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
	}
}
