package facet.ui.internal.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.part.ViewPart;

import facet.charts.SwtChartRenderer;
import facet.core.ExpressionClass;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.experiment.ModuleRef;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.ui.internal.common.Errors;
import facet.ui.internal.common.RasterImages;
import facet.ui.internal.common.ViewJob;
import facet.ui.internal.runs.JobProgress;

/**
 * A dataset at a glance: samples per class and split as a bar chart and a contact sheet per
 * class, for a dataset module with its defaults or the dataset of an experiment file. Read in a Job.
 */
public class DatasetView extends ViewPart {

	public static final String ID = "facet.ui.views.dataset";
	private static final String PREFERRED = "synthetic";
	private static final int SHEET = 150;

	private Combo dataset;
	private Label status;
	private ScrolledComposite scroller;
	private Composite body;
	private final List<Image> images = new ArrayList<>();
	private DatasetOverview shown;

	@Override
	public void createPartControl(Composite parent) {
		Composite root = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(root);
		Composite bar = new Composite(root, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(5).applyTo(bar);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
		new Label(bar, SWT.NONE).setText("Dataset");
		dataset = new Combo(bar, SWT.READ_ONLY);
		for (ModuleDescriptor d : ModuleRegistry.getDefault().modules(ModuleKind.DATASET)) {
			dataset.add(d.id());
		}
		dataset.select(Math.max(0, dataset.indexOf(PREFERRED)));
		Button read = new Button(bar, SWT.PUSH);
		read.setText("Read (default settings)");
		read.addListener(SWT.Selection, e -> {
			if (dataset.getSelectionIndex() >= 0) {
				load(ModuleRef.of(dataset.getText()), null);
			}
		});
		Button experiment = new Button(bar, SWT.PUSH);
		experiment.setText("Dataset of an experiment…");
		experiment.addListener(SWT.Selection, e -> {
			FileDialog dialog = new FileDialog(getSite().getShell(), SWT.OPEN);
			dialog.setFilterExtensions(new String[] { "*.facet.json", "*.json" });
			String file = dialog.open();
			if (file != null) {
				load(null, Path.of(file));
			}
		});
		status = new Label(bar, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
		scroller = new ScrolledComposite(root, SWT.V_SCROLL | SWT.H_SCROLL);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(scroller);
		body = new Composite(scroller, SWT.NONE);
		GridLayoutFactory.fillDefaults().margins(6, 6).applyTo(body);
		scroller.setContent(body);
		scroller.setExpandHorizontal(true);
		scroller.setExpandVertical(true);
	}

	/**
	 * Reads a dataset in a Job.
	 *
	 * @param ref a dataset module and settings, or null to read the experiment's
	 * @param experiment an experiment file, used when ref is null
	 */
	public Job load(ModuleRef ref, Path experiment) {
		status.setText("Reading…");
		Job job = new ViewJob<>("Read dataset " + (ref != null ? ref.id() : experiment.getFileName()), body, monitor -> {
			JobProgress progress = new JobProgress(monitor, m -> {
			});
			return ref != null ? DatasetOverview.of(ref, ref.id() + " (defaults)", ModuleRegistry.getDefault(), progress)
					: DatasetOverview.ofExperiment(experiment, ModuleRegistry.getDefault(), progress);
		}).onResult(this::show).onFailure("Dataset", "Cannot read the dataset", e -> status.setText("Failed: " + e.getMessage()));
		job.setUser(true);
		job.schedule();
		return job;
	}

	public DatasetOverview shown() {
		return shown;
	}

	private void show(DatasetOverview overview) {
		shown = overview;
		long total = overview.counts().values().stream().mapToLong(v -> java.util.Arrays.stream(v).sum()).sum();
		status.setText(overview.source() + ": " + total + " samples in " + overview.counts().size() + " split(s)");
		for (Control child : body.getChildren()) {
			child.dispose();
		}
		images.forEach(Image::dispose);
		images.clear();
		try (SwtChartRenderer renderer = SwtChartRenderer.open()) {
			Label chart = new Label(body, SWT.NONE);
			chart.setImage(image(new Image(body.getDisplay(), renderer.render(overview.chart(), 760, 300))));
		} catch (RuntimeException e) {
			Errors.report(body, "Dataset", "Cannot draw the class counts", e);
		}
		Composite sheets = new Composite(body, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(ExpressionClass.COUNT).spacing(8, 8).applyTo(sheets);
		for (Map.Entry<ExpressionClass, ImageRaster> e : overview.sheets().entrySet()) {
			Composite cell = new Composite(sheets, SWT.NONE);
			GridLayoutFactory.fillDefaults().applyTo(cell);
			ImageRaster sheet = e.getValue();
			ImageRaster small = ImageFiles.resize(sheet, SHEET, Math.max(1, sheet.height() * SHEET / sheet.width()));
			new Label(cell, SWT.NONE).setImage(image(new Image(body.getDisplay(), RasterImages.toImageData(small))));
			new Label(cell, SWT.NONE).setText(e.getKey().label() + " (" + overview.total(e.getKey()) + ")");
		}
		body.layout(true, true);
		scroller.setMinSize(body.computeSize(SWT.DEFAULT, SWT.DEFAULT));
	}

	private Image image(Image image) {
		images.add(image);
		return image;
	}

	@Override
	public void setFocus() {
		dataset.setFocus();
	}

	@Override
	public void dispose() {
		images.forEach(Image::dispose);
		super.dispose();
	}
}
