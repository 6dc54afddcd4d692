package facet.ui.internal.plugins;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.Bundle;

import facet.ui.internal.common.FormDialog;

/**
 * Lists the bundles installed as module plug-ins while Facet runs ({@code $FACET_PLUGINS} or
 * Install Module Plugin…) and lets the user tick the ones to uninstall. Facet's own bundles are
 * not offered.
 */
public class UninstallPluginDialog extends FormDialog {

	private final List<Bundle> bundles;
	private CheckboxTableViewer table;
	private List<Bundle> chosen = List.of();

	public UninstallPluginDialog(Shell parent, List<Bundle> bundles) {
		super(parent, "Uninstall Module Plugins", "&Uninstall", 1);
		this.bundles = bundles;
	}

	@Override
	protected void createBody(Composite body) {
		setTitle("Uninstall Module Plugins");
		setMessage(bundles.isEmpty() ? "No module plug-in is installed; Facet's own bundles cannot be uninstalled here."
				: "Tick the plug-ins to uninstall. Their modules leave the palette; experiments that use them no longer validate; the next start does not install them again.");
		table = CheckboxTableViewer.newCheckList(body, SWT.BORDER | SWT.V_SCROLL);
		GridDataFactory.fillDefaults().grab(true, true).hint(520, 200).applyTo(table.getTable());
		table.setContentProvider(ArrayContentProvider.getInstance());
		table.setLabelProvider(new LabelProvider() {
			@Override
			public String getText(Object element) {
				Bundle bundle = (Bundle) element;
				return bundle.getSymbolicName() + " " + bundle.getVersion() + "   (" + bundle.getLocation() + ")";
			}
		});
		table.setInput(bundles);
		table.addCheckStateListener(e -> inputChanged());
	}

	@Override
	protected void inputChanged() {
		setActionEnabled(table.getCheckedElements().length > 0);
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
