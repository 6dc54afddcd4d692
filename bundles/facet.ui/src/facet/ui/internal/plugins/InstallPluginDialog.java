package facet.ui.internal.plugins;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Asks for a bundle jar or an update site folder and shows what it offers: each bundle with its
 * version and whether it is new. Install is enabled when something is new; the caller installs
 * {@link #candidates()} after OK.
 */
public class InstallPluginDialog extends TitleAreaDialog {

	private final Predicate<String> isInstalled;
	private Text location;
	private TableViewer table;
	private List<PluginCandidate> candidates = List.of();
	private String initialLocation = "";

	/** @param isInstalled tells whether a bundle of a symbolic name runs already */
	public InstallPluginDialog(Shell parent, Predicate<String> isInstalled) {
		super(parent);
		this.isInstalled = isInstalled;
		setShellStyle(getShellStyle() | SWT.RESIZE);
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText("Install Module Plugin");
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		setTitle("Install Module Plugin");
		setMessage("Choose a module bundle jar or a p2 update site folder. Its new bundles are installed into the running workbench; the Modules view and the experiment editor see their modules at once.");
		Composite body = new Composite(area, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
		GridLayoutFactory.swtDefaults().numColumns(4).applyTo(body);

		new Label(body, SWT.NONE).setText("&Location:");
		location = new Text(body, SWT.BORDER);
		location.setMessage("a .jar file, or a folder with plugins/");
		GridDataFactory.fillDefaults().grab(true, false).applyTo(location);
		location.addModifyListener(e -> rescan());
		Button jar = new Button(body, SWT.PUSH);
		jar.setText("&Bundle Jar…");
		jar.addListener(SWT.Selection, e -> chooseJar());
		Button site = new Button(body, SWT.PUSH);
		site.setText("&Update Site…");
		site.addListener(SWT.Selection, e -> chooseSite());

		table = new TableViewer(body, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
		table.getTable().setHeaderVisible(true);
		table.getTable().setLinesVisible(true);
		GridDataFactory.fillDefaults().grab(true, true).span(4, 1).hint(640, 220).applyTo(table.getTable());
		column("Bundle", 260, c -> c.symbolicName());
		column("Version", 170, c -> c.version());
		column("Status", 120, PluginCandidate::statusText);
		column("File", 260, c -> c.jar().getFileName().toString());
		table.setContentProvider(ArrayContentProvider.getInstance());
		table.setInput(candidates);
		if (!initialLocation.isEmpty()) {
			location.setText(initialLocation);
		}
		return area;
	}

	private void column(String title, int width, java.util.function.Function<PluginCandidate, String> text) {
		TableViewerColumn column = new TableViewerColumn(table, SWT.LEFT);
		column.getColumn().setText(title);
		column.getColumn().setWidth(width);
		column.setLabelProvider(new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				return text.apply((PluginCandidate) element);
			}
		});
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, "&Install", true);
		createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
		updateButton();
	}

	private void chooseJar() {
		FileDialog dialog = new FileDialog(getShell(), SWT.OPEN);
		dialog.setText("Module Bundle Jar");
		dialog.setFilterExtensions(new String[] { "*.jar", "*" });
		String chosen = dialog.open();
		if (chosen != null) {
			location.setText(chosen);
		}
	}

	private void chooseSite() {
		DirectoryDialog dialog = new DirectoryDialog(getShell());
		dialog.setText("Update Site Folder");
		dialog.setMessage("A local p2 repository (a folder with plugins/) or a folder of bundle jars");
		String chosen = dialog.open();
		if (chosen != null) {
			location.setText(chosen);
		}
	}

	/** Sets the location, as typing it would; before the dialog is created it becomes the initial one. */
	public void setLocation(String path) {
		if (location == null) {
			initialLocation = path;
		} else {
			location.setText(path);
		}
	}

	/** The bundles found at the location, new and installed ones. */
	public List<PluginCandidate> candidates() {
		return candidates;
	}

	/** Whether the Install button is enabled now (false before the dialog is open). */
	public boolean installEnabled() {
		Button install = getButton(IDialogConstants.OK_ID);
		return install != null && install.isEnabled();
	}

	/** Whether something found is new. */
	public boolean canInstall() {
		return candidates.stream().anyMatch(c -> !c.installed());
	}

	private void rescan() {
		String text = location.getText().trim();
		candidates = List.of();
		if (text.isEmpty()) {
			setErrorMessage(null);
		} else {
			try {
				candidates = PluginSource.scan(Path.of(text), isInstalled);
				setErrorMessage(null);
				long fresh = candidates.stream().filter(c -> !c.installed()).count();
				setMessage(candidates.size() + (candidates.size() == 1 ? " bundle, " : " bundles, ") + fresh + " new"
						+ (fresh == 0 ? ": nothing to install." : ": Install adds the new ones to the running workbench."),
						fresh == 0 ? IMessageProvider.WARNING : IMessageProvider.INFORMATION);
			} catch (IOException | java.nio.file.InvalidPathException e) {
				setErrorMessage(e.getMessage());
			}
		}
		table.setInput(candidates);
		updateButton();
	}

	private void updateButton() {
		Button install = getButton(IDialogConstants.OK_ID);
		if (install != null) {
			install.setEnabled(canInstall());
		}
	}
}
