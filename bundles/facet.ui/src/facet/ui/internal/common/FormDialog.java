package facet.ui.internal.common;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;

/**
 * The workbench's resizable dialogs with a title area (Install and Uninstall Module Plugin,
 * Start a sweep): a title and message at the top, a grid of controls below, and one action
 * button beside Cancel that is enabled only while the input allows it.
 */
public abstract class FormDialog extends TitleAreaDialog {

	private final String shellText;
	private final String actionLabel;
	private final int columns;

	/**
	 * @param shellText the window's title
	 * @param actionLabel the OK button's label (such as {@code &Install})
	 * @param columns the columns of the grid {@link #createBody} fills
	 */
	protected FormDialog(Shell parent, String shellText, String actionLabel, int columns) {
		super(parent);
		this.shellText = shellText;
		this.actionLabel = actionLabel;
		this.columns = columns;
		setShellStyle(getShellStyle() | SWT.RESIZE);
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(shellText);
	}

	@Override
	protected final Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		Composite body = new Composite(area, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
		GridLayoutFactory.swtDefaults().numColumns(columns).applyTo(body);
		createBody(body);
		return area;
	}

	/** Sets the title and message and fills the body, a grid of the columns given. */
	protected abstract void createBody(Composite body);

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, actionLabel, true);
		createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
		inputChanged();
	}

	/** Called once the buttons exist and whenever the input changes: update the action button here. */
	protected abstract void inputChanged();

	/** Enables the action button (nothing before the buttons exist). */
	protected final void setActionEnabled(boolean enabled) {
		Button action = getButton(IDialogConstants.OK_ID);
		if (action != null) {
			action.setEnabled(enabled);
		}
	}

	/** Whether the action button is enabled now (false before the dialog is open). */
	public final boolean actionEnabled() {
		Button action = getButton(IDialogConstants.OK_ID);
		return action != null && action.isEnabled();
	}
}
