package facet.ui.internal.compare;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;

/**
 * Runs side by side, as {@code facet compare} and {@code facet report} show them: the table of
 * runs, what the statistics say in words, overlaid training curves, per-class recall and the
 * confusion matrices side by side; exports the HTML report or the charts as PNG or SVG. The
 * runs are read and tested in a Job; the content is a {@link ComparePanel}.
 */
public class CompareEditor extends EditorPart {

	public static final String ID = "facet.ui.editors.compare";

	private ComparePanel panel;

	@Override
	public void init(IEditorSite site, IEditorInput input) throws PartInitException {
		if (!(input instanceof CompareEditorInput)) {
			throw new PartInitException("the compare editor opens runs, not " + input.getName());
		}
		setSite(site);
		setInput(input);
		setPartName(input.getName());
		setTitleToolTip(input.getToolTipText());
	}

	public CompareEditorInput input() {
		return (CompareEditorInput) getEditorInput();
	}

	@Override
	public void createPartControl(Composite parent) {
		panel = new ComparePanel(parent, input());
		panel.load();
	}

	/** Reads and compares the runs again in a Job. */
	public Job load() {
		return panel.load();
	}

	public ComparePanel panel() {
		return panel;
	}

	@Override
	public void setFocus() {
		panel.setFocus();
	}

	@Override
	public void doSave(IProgressMonitor monitor) {
		// nothing to save: exports write files
	}

	@Override
	public void doSaveAs() {
	}

	@Override
	public boolean isDirty() {
		return false;
	}

	@Override
	public boolean isSaveAsAllowed() {
		return false;
	}
}
