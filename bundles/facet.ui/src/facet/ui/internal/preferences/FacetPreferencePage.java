package facet.ui.internal.preferences;

import java.util.Set;
import java.util.TreeSet;

import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.osgi.service.prefs.BackingStoreException;

import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;

/** Window &gt; Preferences &gt; Facet: the values of {@link FacetPreferences}, checked as they are typed. */
public class FacetPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

	public static final String ID = "facet.ui.preferences";

	private FacetPreferences preferences;
	private Text runStore;
	private Spinner threads;
	private Combo detector;
	private Text model;
	private Set<String> detectors = Set.of();

	public FacetPreferencePage() {
		setDescription("Where runs are kept and what the workbench starts with. Empty fields use the command line's defaults.");
	}

	/** For tests: preferences other than the workbench's. */
	public FacetPreferencePage(FacetPreferences preferences) {
		this();
		this.preferences = preferences;
	}

	@Override
	public void init(IWorkbench workbench) {
		if (preferences == null) {
			preferences = FacetPreferences.instance();
		}
	}

	@Override
	protected Control createContents(Composite parent) {
		if (preferences == null) {
			preferences = FacetPreferences.instance();
		}
		try {
			detectors = new TreeSet<>(ModuleRegistry.getDefault().modules(ModuleKind.DETECTOR).stream().map(ModuleDescriptor::id).toList());
		} catch (RuntimeException e) {
			Platform.getLog(getClass()).warn("detectors unknown: " + e.getMessage());
		}
		Composite body = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(3).applyTo(body);

		label(body, "&Run store:");
		runStore = new Text(body, SWT.BORDER);
		runStore.setMessage(facet.core.runs.RunStore.defaultStore().root().toString());
		runStore.setText(preferences.node().get(FacetPreferences.RUN_STORE, ""));
		GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(runStore);
		Button browse = new Button(body, SWT.PUSH);
		browse.setText("&Browse…");
		browse.addListener(SWT.Selection, e -> {
			DirectoryDialog dialog = new DirectoryDialog(getShell());
			dialog.setText("Run Store");
			String chosen = dialog.open();
			if (chosen != null) {
				runStore.setText(chosen);
			}
		});

		label(body, "&Threads:");
		threads = new Spinner(body, SWT.BORDER);
		threads.setValues(preferences.threads(), 1, FacetPreferences.MAX_THREADS, 0, 1, 4);
		threads.setToolTipText("Data pipeline threads for training started here (the cores: " + FacetPreferences.defaultThreads() + ")");
		GridDataFactory.swtDefaults().span(2, 1).applyTo(threads);

		label(body, "Default &detector:");
		detector = new Combo(body, SWT.DROP_DOWN);
		detector.setItems(detectors.toArray(String[]::new));
		detector.setText(preferences.node().get(FacetPreferences.DETECTOR, ""));
		detector.setToolTipText("Empty: " + FacetPreferences.DEFAULT_DETECTOR);
		GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(detector);

		label(body, "Default &model:");
		model = new Text(body, SWT.BORDER);
		model.setMessage(FacetPreferences.DEFAULT_MODEL + " (or a run id or folder)");
		model.setText(preferences.node().get(FacetPreferences.MODEL, ""));
		GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(model);

		runStore.addModifyListener(e -> check());
		threads.addModifyListener(e -> check());
		detector.addModifyListener(e -> check());
		check();
		return body;
	}

	private static void label(Composite parent, String text) {
		Label label = new Label(parent, SWT.NONE);
		label.setText(text);
	}

	private void check() {
		var problems = FacetPreferences.validate(runStore.getText(), threads.getText(), detector.getText(), detectors);
		setErrorMessage(problems.isEmpty() ? null : String.join("; ", problems));
		setValid(problems.isEmpty());
	}

	@Override
	protected void performDefaults() {
		runStore.setText("");
		threads.setSelection(FacetPreferences.defaultThreads());
		detector.setText("");
		model.setText("");
		super.performDefaults();
	}

	@Override
	public boolean performOk() {
		try {
			int n = threads.getSelection();
			preferences.store(runStore.getText(), n == FacetPreferences.defaultThreads() ? 0 : n, detector.getText(), model.getText());
			return true;
		} catch (BackingStoreException e) {
			setErrorMessage("Preferences not saved: " + e.getMessage());
			Platform.getLog(getClass()).error("Facet preferences not saved", e);
			return false;
		}
	}

	/** For tests and screenshots: the fields. */
	public Text runStoreField() {
		return runStore;
	}

	public Spinner threadsField() {
		return threads;
	}

	public Combo detectorField() {
		return detector;
	}
}
