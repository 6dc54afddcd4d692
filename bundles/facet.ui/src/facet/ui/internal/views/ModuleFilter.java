package facet.ui.internal.views;

import java.util.List;
import java.util.Locale;

import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerFilter;

import facet.core.modules.ModuleDescriptor;
import facet.ui.internal.views.ModuleTree.KindNode;

/**
 * Keeps the modules whose id, name, description or bundle contain every word typed, ignoring
 * case. Problems are never filtered out: a rejected contribution must stay in sight.
 */
final class ModuleFilter extends ViewerFilter {

	private List<String> words = List.of();

	void setPattern(String pattern) {
		words = pattern == null || pattern.isBlank() ? List.of()
				: List.of(pattern.trim().toLowerCase(Locale.ROOT).split("\\s+"));
	}

	boolean isActive() {
		return !words.isEmpty();
	}

	@Override
	public boolean select(Viewer viewer, Object parent, Object element) {
		if (element instanceof ModuleDescriptor module) {
			return matches(module);
		}
		if (element instanceof KindNode node) {
			return !isActive() || matchCount(node) > 0;
		}
		return true;
	}

	boolean matches(ModuleDescriptor module) {
		if (words.isEmpty()) {
			return true;
		}
		String text = String.join("\n", module.id(), module.name(), module.description(), module.bundle())
				.toLowerCase(Locale.ROOT);
		return words.stream().allMatch(text::contains);
	}

	int matchCount(KindNode node) {
		return (int) node.modules().stream().filter(this::matches).count();
	}
}
