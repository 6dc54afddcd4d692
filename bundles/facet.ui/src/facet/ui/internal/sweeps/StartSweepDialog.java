package facet.ui.internal.sweeps;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

import facet.core.modules.ModuleRegistry;
import facet.ui.internal.common.FormDialog;

/**
 * Sets up a sweep of the edited experiment: seeds, then the ablation or values for chosen
 * parameters, and the executor. Shows the points it expands to (or why it cannot) as one types.
 */
public final class StartSweepDialog extends FormDialog {

	private final SweepDraft draft;
	private final ModuleRegistry registry;
	private final List<Text> valueFields = new ArrayList<>();
	private Text name;
	private Spinner seeds;
	private Button ablation;
	private Combo executor;
	private Spinner parallel;
	private Label summary;
	private String chosenExecutor = "local";
	private int chosenParallel = 1;

	public StartSweepDialog(Shell parent, SweepDraft draft, ModuleRegistry registry) {
		super(parent, "Start a sweep", "Start", 4);
		this.draft = draft;
		this.registry = registry;
	}

	@Override
	protected void createBody(Composite body) {
		setTitle("Sweep of " + draft.name().replaceAll("-sweep$", ""));
		setMessage("Train the experiment over seeds, with the ablation or with values for the parameters you choose; compare them when all are done.");

		new Label(body, SWT.NONE).setText("Name");
		name = new Text(body, SWT.BORDER);
		name.setText(draft.name());
		GridDataFactory.fillDefaults().grab(true, false).applyTo(name);
		new Label(body, SWT.NONE).setText("Seeds per point");
		seeds = new Spinner(body, SWT.BORDER);
		seeds.setValues(draft.seeds(), 1, 50, 0, 1, 5);

		ablation = new Button(body, SWT.CHECK);
		ablation.setText("Ablation: the full experiment, then one point per attention module, augmentation and extra loss term removed");
		GridDataFactory.fillDefaults().span(4, 1).applyTo(ablation);

		Group vary = new Group(body, SWT.NONE);
		vary.setText("Or vary parameters (comma-separated values; every combination is a point)");
		GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(vary);
		GridDataFactory.fillDefaults().span(4, 1).grab(true, true).hint(SWT.DEFAULT, 260).applyTo(vary);
		ScrolledComposite scroll = new ScrolledComposite(vary, SWT.V_SCROLL);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(scroll);
		Composite rows = new Composite(scroll, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).spacing(8, 2).applyTo(rows);
		for (String path : draft.parameters()) {
			Label label = new Label(rows, SWT.NONE);
			label.setText(path);
			Text values = new Text(rows, SWT.BORDER);
			values.setMessage("values, e.g. 0.001, 0.003");
			values.setData(path);
			GridDataFactory.fillDefaults().grab(true, false).applyTo(values);
			values.addListener(SWT.Modify, event -> changed());
			valueFields.add(values);
		}
		scroll.setContent(rows);
		scroll.setExpandHorizontal(true);
		scroll.setExpandVertical(true);
		scroll.setMinSize(rows.computeSize(SWT.DEFAULT, SWT.DEFAULT));

		new Label(body, SWT.NONE).setText("Executor");
		executor = new Combo(body, SWT.READ_ONLY);
		executor.setItems("local", "slurm");
		executor.select(0);
		new Label(body, SWT.NONE).setText("Parallel (local)");
		parallel = new Spinner(body, SWT.BORDER);
		int cores = Runtime.getRuntime().availableProcessors();
		parallel.setValues(Math.max(1, cores / 2), 1, Math.max(1, cores), 0, 1, 1);

		summary = new Label(body, SWT.WRAP);
		GridDataFactory.fillDefaults().span(4, 1).grab(true, false).hint(600, SWT.DEFAULT).applyTo(summary);
		name.addListener(SWT.Modify, event -> changed());
		seeds.addListener(SWT.Modify, event -> changed());
		ablation.addListener(SWT.Selection, event -> changed());
	}

	@Override
	protected void inputChanged() {
		changed();
	}

	private void changed() {
		draft.name(name.getText().trim()).seeds(seeds.getSelection()).ablation(ablation.getSelection());
		for (Text t : valueFields) {
			draft.vary((String) t.getData(), t.getText());
			t.setEnabled(!ablation.getSelection());
		}
		String text = draft.summary(registry);
		summary.setText(text);
		summary.getParent().layout(true);
		setActionEnabled(text.matches("\\d+ points? × .*"));
	}

	@Override
	protected void okPressed() {
		chosenExecutor = executor.getText();
		chosenParallel = parallel.getSelection();
		super.okPressed();
	}

	/**
	 * Asks for the sweep of an experiment, writes its folder in the store and starts it in the
	 * background; shows the Sweeps view. Says why when it cannot start.
	 */
	public static void start(org.eclipse.ui.IWorkbenchPage page, String experimentJson, ModuleRegistry registry) {
		Shell shell = page.getWorkbenchWindow().getShell();
		java.util.Optional<java.nio.file.Path> launcher = SweepDraft.launcher();
		if (launcher.isEmpty()) {
			org.eclipse.jface.dialogs.MessageDialog.openError(shell, "Cannot start a sweep",
					"A sweep runs each point as its own ./facet process, and this workbench does not know where ./facet is: start it with ./facet gui.");
			return;
		}
		SweepDraft draft;
		try {
			draft = new SweepDraft(experimentJson);
		} catch (RuntimeException e) {
			org.eclipse.jface.dialogs.MessageDialog.openError(shell, "Cannot start a sweep", "The experiment is not valid JSON: " + e.getMessage());
			return;
		}
		StartSweepDialog dialog = new StartSweepDialog(shell, draft, registry);
		if (dialog.open() != OK) {
			return;
		}
		try {
			if (dialog.executor().equals("slurm") && !facet.engine.sweep.Slurm.available()) {
				org.eclipse.jface.dialogs.MessageDialog.openError(shell, "Cannot start a sweep",
						"No Slurm controller answers (scontrol ping failed). On one machine: releng/slurm/start.sh; or choose the local executor.");
				return;
			}
			facet.engine.sweep.Sweep sweep = draft.create(facet.core.runs.RunStore.defaultStore(), registry, dialog.executor(), launcher.get());
			SweepJob.run(sweep, sweep.tasks().stream().map(facet.engine.sweep.SweepTask::task).toList(), dialog.parallel()).schedule();
			SweepsView view = (SweepsView) page.showView(SweepsView.ID);
			view.refresh();
		} catch (Exception e) {
			org.eclipse.core.runtime.IStatus status = new org.eclipse.core.runtime.Status(org.eclipse.core.runtime.IStatus.ERROR, "facet.ui", e.getMessage(), e);
			org.eclipse.jface.dialogs.ErrorDialog.openError(shell, "Cannot start the sweep", null, status);
		}
	}

	/** What the dialog says the sweep expands to, or why it cannot run. */
	public String summaryText() {
		return summary.getText();
	}

	/** Whether Start is enabled. */
	public boolean canStart() {
		return actionEnabled();
	}

	/** As if the user ticked the ablation box or typed values for a parameter (for tests and scripts). */
	public void choose(boolean ablationOn, String path, String values) {
		ablation.setSelection(ablationOn);
		for (Text t : valueFields) {
			if (t.getData().equals(path)) {
				t.setText(values);
			}
		}
		changed();
	}

	public SweepDraft draft() {
		return draft;
	}

	public String executor() {
		return chosenExecutor;
	}

	public int parallel() {
		return chosenParallel;
	}
}
