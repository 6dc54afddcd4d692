package facet.ui.internal.compare;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;

/** The runs a compare editor compares, as folders, and the split it compares them on. */
public final class CompareEditorInput implements IEditorInput {

	private final List<Path> runs;
	private final String split;

	public CompareEditorInput(List<Path> runs, String split) {
		if (runs.isEmpty()) {
			throw new IllegalArgumentException("nothing to compare: no runs given");
		}
		this.runs = runs.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
		this.split = split;
	}

	public List<Path> runs() {
		return runs;
	}

	public String split() {
		return split;
	}

	@Override
	public boolean exists() {
		return false;
	}

	@Override
	public ImageDescriptor getImageDescriptor() {
		return ImageDescriptor.getMissingImageDescriptor();
	}

	@Override
	public String getName() {
		return runs.size() == 1 ? "Compare " + runs.get(0).getFileName() : "Compare " + runs.size() + " runs";
	}

	@Override
	public IPersistableElement getPersistable() {
		return null;
	}

	@Override
	public String getToolTipText() {
		return String.join("\n", runs.stream().map(Path::toString).toList()) + "\n(" + split + " split)";
	}

	@Override
	public <T> T getAdapter(Class<T> adapter) {
		return null;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof CompareEditorInput other && other.runs.equals(runs) && other.split.equals(split);
	}

	@Override
	public int hashCode() {
		return Objects.hash(runs, split);
	}
}
