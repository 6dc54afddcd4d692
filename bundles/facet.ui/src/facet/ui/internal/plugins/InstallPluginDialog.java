package facet.ui.internal.plugins;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import facet.ui.internal.common.FormDialog;

/**
 * Asks for a bundle jar, a p2 update site or a folder of jars and lists what it offers, ticked
 * to install: a site's features and bundles from its p2 metadata ({@link UpdateSite}, with what
 * a ticked unit requires from the site resolved and named), otherwise each jar's bundle.
 * Install is enabled when the ticked units resolve to something new; the caller installs
 * {@link #candidates()} after OK.
 */
public class InstallPluginDialog extends FormDialog {

	/** One line of the table: a jar's bundle, or a unit of an update site. */
	public record Row(String id, String version, String name, boolean installed, PluginCandidate jar, UpdateSite.Unit unit) {
		String status() {
			return installed ? "already installed" : "new";
		}
	}

	private final Predicate<String> isInstalled;
	private final UpdateSite.Platform platform;
	private Text location;
	private CheckboxTableViewer table;
	private List<Row> rows = List.of();
	private UpdateSite site;
	private List<PluginCandidate> candidates = List.of();
	private String initialLocation = "";

	/** @param isInstalled tells whether a bundle of a symbolic name runs already */
	public InstallPluginDialog(Shell parent, Predicate<String> isInstalled) {
		this(parent, isInstalled, PluginInstallation.platform());
	}

	/** @param platform what the running platform provides, for an update site's requirements */
	public InstallPluginDialog(Shell parent, Predicate<String> isInstalled, UpdateSite.Platform platform) {
		super(parent, "Install Module Plugin", "&Install", 4);
		this.isInstalled = isInstalled;
		this.platform = platform;
	}

	@Override
	protected void createBody(Composite body) {
		setTitle("Install Module Plugin");
		setMessage("Choose a module bundle jar or a p2 update site folder and tick what to install. It is installed into the running workbench; the Modules view and the experiment editor see its modules at once, and the workbench installs it again at its next start.");
		new Label(body, SWT.NONE).setText("&Location:");
		location = new Text(body, SWT.BORDER);
		location.setMessage("a .jar file, a p2 update site folder, or a folder of jars");
		GridDataFactory.fillDefaults().grab(true, false).applyTo(location);
		location.addModifyListener(e -> rescan());
		Button jar = new Button(body, SWT.PUSH);
		jar.setText("&Bundle Jar…");
		jar.addListener(SWT.Selection, e -> chooseJar());
		Button siteButton = new Button(body, SWT.PUSH);
		siteButton.setText("&Update Site…");
		siteButton.addListener(SWT.Selection, e -> chooseSite());

		table = CheckboxTableViewer.newCheckList(body, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
		table.getTable().setHeaderVisible(true);
		table.getTable().setLinesVisible(true);
		GridDataFactory.fillDefaults().grab(true, true).span(4, 1).hint(800, 240).applyTo(table.getTable());
		column("Bundle or feature", 270, Row::id);
		column("Version", 170, Row::version);
		column("Status", 125, Row::status);
		column("Name or file", 215, Row::name);
		table.setContentProvider(ArrayContentProvider.getInstance());
		table.setInput(rows);
		table.addCheckStateListener(e -> resolve());
		if (!initialLocation.isEmpty()) {
			location.setText(initialLocation);
		}
	}

	private void column(String title, int width, Function<Row, String> text) {
		TableViewerColumn column = new TableViewerColumn(table, SWT.LEFT);
		column.getColumn().setText(title);
		column.getColumn().setWidth(width);
		column.setLabelProvider(new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				return text.apply((Row) element);
			}
		});
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
		dialog.setMessage("A local p2 repository (content.jar/content.xml, artifacts.jar/artifacts.xml) or a folder of bundle jars");
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

	/** What Install installs: the ticked new bundles and, for an update site, the site's bundles they require. */
	public List<PluginCandidate> candidates() {
		return candidates;
	}

	/** The lines of the table, in order. */
	public List<Row> rows() {
		return rows;
	}

	/** The update site read from the location, or null when it is a jar or a plain folder. */
	public UpdateSite site() {
		return site;
	}

	/** Ticks exactly the rows of these ids (as the user would) and resolves again. */
	public void check(List<String> ids) {
		table.setCheckedElements(rows.stream().filter(r -> ids.contains(r.id())).toArray());
		resolve();
	}

	/** Whether the Install button is enabled now (false before the dialog is open). */
	public boolean installEnabled() {
		return actionEnabled();
	}

	/** Whether something new is ticked and resolves completely. */
	public boolean canInstall() {
		return !candidates.isEmpty() && candidates.stream().anyMatch(c -> !c.installed()) && getErrorMessage() == null;
	}

	private void rescan() {
		String text = location.getText().trim();
		rows = List.of();
		site = null;
		setErrorMessage(null);
		if (!text.isEmpty()) {
			try {
				Path path = Path.of(text);
				if (UpdateSite.isRepository(path)) {
					site = UpdateSite.read(path);
					// units for another platform (a Windows fragment) are not offered
					rows = site.installable().stream().filter(u -> UpdateSite.matches(u.filter(), platform.filterProperties()))
							.map(u -> new Row(u.label(), u.version().toString(), u.name(), installed(u), null, u)).toList();
				} else {
					rows = PluginSource.scan(path, isInstalled).stream()
							.map(c -> new Row(c.symbolicName(), c.version(), c.jar().getFileName().toString(), c.installed(), c, null)).toList();
				}
			} catch (IOException | java.nio.file.InvalidPathException e) {
				setErrorMessage(e.getMessage());
			}
		}
		table.setInput(rows);
		table.setCheckedElements(rows.stream().filter(r -> !r.installed()).toArray());
		resolve();
	}

	/** A feature counts as installed when each bundle it requires runs; a bundle when its symbolic name runs. */
	private boolean installed(UpdateSite.Unit unit) {
		if (unit.bundle()) {
			return isInstalled.test(unit.symbolicName());
		}
		return site.resolve(List.of(unit), platform).bundles().isEmpty();
	}

	private void resolve() {
		List<Row> ticked = Arrays.stream(table.getCheckedElements()).map(Row.class::cast).filter(r -> !r.installed()).toList();
		candidates = List.of();
		if (getErrorMessage() != null && rows.isEmpty()) {
			inputChanged();
			return;
		}
		setErrorMessage(null);
		if (site == null) {
			candidates = ticked.stream().map(Row::jar).toList();
			if (!rows.isEmpty()) {
				long fresh = rows.stream().filter(r -> !r.installed()).count();
				setMessage(rows.size() + (rows.size() == 1 ? " bundle, " : " bundles, ") + fresh + " new"
						+ (fresh == 0 ? ": nothing to install." : "; " + candidates.size() + " ticked to install."),
						fresh == 0 ? IMessageProvider.WARNING : IMessageProvider.INFORMATION);
			}
		} else {
			UpdateSite.Resolution resolution = site.resolve(ticked.stream().map(Row::unit).toList(), platform);
			List<PluginCandidate> found = new ArrayList<>();
			for (UpdateSite.Unit u : resolution.bundles()) {
				found.add(new PluginCandidate(u.jar().orElseThrow(), u.symbolicName(), u.version().toString(), false));
			}
			candidates = List.copyOf(found);
			if (!resolution.complete()) {
				setErrorMessage("Cannot install: neither the workbench nor the site provides " + String.join("; ", resolution.missing()));
			} else if (ticked.isEmpty()) {
				setMessage(rows.size() + " features and bundles on the site, " + rows.stream().filter(r -> !r.installed()).count()
						+ " new: tick what to install.", IMessageProvider.INFORMATION);
			} else {
				setMessage("Installs " + candidates.size() + (candidates.size() == 1 ? " bundle: " : " bundles: ")
						+ String.join(", ", candidates.stream().map(c -> c.symbolicName() + " " + c.version()).toList()), IMessageProvider.INFORMATION);
			}
		}
		inputChanged();
	}

	@Override
	protected void inputChanged() {
		setActionEnabled(canInstall());
	}
}
