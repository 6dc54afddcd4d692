package facet.ui.internal.plugins;

import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.Bundle;

/**
 * Lists the bundles installed as module plug-ins while Facet runs ({@code $FACET_PLUGINS} or
 * Install Module Plugin…) and lets the user tick the ones to uninstall. Facet's own bundles are
 * not offered.
 */
public class UninstallPluginDialog extends TitleAreaDialog {

	private final List<Bundle> bundles;
	private CheckboxTableViewer table;
	private List<Bundle> chosen = List.of();

	public UninstallPluginDialog(Shell parent, List<Bundle> bundles) {
		super(parent);
		this.bundles = bundles;
		setShellStyle(getShellStyle() | SWT.RESIZE);
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText("Uninstall Module Plugins");
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		setTitle("Uninstall Module Plugins");
		setMessage(bundles.isEmpty() ? "No module plug-in is installed; Facet's own bundles cannot be uninstalled here."
				: "Tick the plug-ins to uninstall. Their modules leave the palette; experiments that use them no longer validate.");
		table = CheckboxTableViewer.newCheckList(area, SWT.BORDER | SWT.V_SCROLL);
		GridDataFactory.fillDefaults().grab(true, true).hint(520, 200).indent(8, 8).applyTo(table.getTable());
		table.setContentProvider(ArrayContentProvider.getInstance());
		table.setLabelProvider(new LabelProvider() {
			@Override
			public String getText(Object element) {
				Bundle bundle = (Bundle) element;
				return bundle.getSymbolicName() + " " + bundle.getVersion() + "   (" + bundle.getLocation() + ")";
			}
		});
		table.setInput(bundles);
		table.addCheckStateListener(e -> updateButton());
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, "&Uninstall", true);
		createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
		updateButton();
	}

	private void updateButton() {
		if (getButton(IDialogConstants.OK_ID) != null) {
			getButton(IDialogConstants.OK_ID).setEnabled(table.getCheckedElements().length > 0);
		}
	}

	@Override
	protected void okPressed() {
		chosen = java.util.Arrays.stream(table.getCheckedElements()).map(Bundle.class::cast).toList();
		super.okPressed();
	}

	/** The bundles ticked when OK was pressed. */
	public List<Bundle> chosen() {
		return chosen;
	}
}
