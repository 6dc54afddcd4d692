package facet.ui.internal.heatmap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.part.ViewPart;

import facet.core.ExpressionClass;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.engine.heatmap.Colormap;
import facet.engine.heatmap.HeatmapRenderer;
import facet.ui.internal.common.DefaultChoices;
import facet.ui.internal.common.Errors;
import facet.ui.internal.common.ImageInputs;
import facet.ui.internal.common.ModelSource;
import facet.ui.internal.common.RasterImages;
import facet.ui.internal.common.StartupRequests;
import facet.ui.internal.common.ViewJob;
import facet.ui.internal.preferences.FacetPreferences;
import facet.ui.internal.runs.JobProgress;

/**
 * Where models look: choose photos, one or more models (the pretrained one, runs of the store),
 * a method (Grad-CAM, Grad-CAM++, the attention modules), a stage and a class; each face is
 * shown once per model, side by side, with the map over it. The maps are computed in a Job by
 * {@link HeatmapComputation}; the opacity slider only blends again.
 */
public class HeatmapView extends ViewPart implements StartupRequests.ImageInputView {

	public static final String ID = "facet.ui.views.heatmap";
	static final String DEFAULT_STAGE = "(default: last stage)";
	static final String PREDICTED = "(predicted class)";
	public static final String WHOLE_IMAGE = "(none: whole image is the face)";
	private static final int SIDE = 200;
	/** One computation at a time: the models are shared. */
	private static final ISchedulingRule ONE_AT_A_TIME = new ISchedulingRule() {
		@Override
		public boolean contains(ISchedulingRule rule) {
			return rule == this;
		}

		@Override
		public boolean isConflicting(ISchedulingRule rule) {
			return rule == this;
		}
	};

	private FacetPreferences preferences;
	private ModelSource models;
	private HeatmapComputation computation;
	private final List<Path> images = new ArrayList<>();
	private org.eclipse.swt.widgets.List imageList;
	private Table modelTable;
	private Combo method;
	private Combo stage;
	private Combo targetClass;
	private Combo detector;
	private Scale opacity;
	private Label opacityText;
	private Button computeButton;
	private ScrolledComposite scroller;
	private Composite results;
	private Label status;
	private List<HeatmapComputation.FaceMaps> shown = List.of();
	private final List<Image> pictures = new ArrayList<>();

	@Override
	public void createPartControl(Composite parent) {
		ModuleRegistry registry = ModuleRegistry.getDefault();
		preferences = FacetPreferences.instance();
		models = new ModelSource(preferences.runStore(), registry);
		computation = new HeatmapComputation(models, registry);
		SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
		Composite controls = new Composite(sash, SWT.NONE);
		GridLayoutFactory.fillDefaults().margins(6, 6).numColumns(2).applyTo(controls);

		Group imageGroup = group(controls, "Images");
		imageList = new org.eclipse.swt.widgets.List(imageGroup, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
		GridDataFactory.fillDefaults().grab(true, false).span(3, 1).hint(SWT.DEFAULT, 70).applyTo(imageList);
		button(imageGroup, "Add images…", this::addImages);
		button(imageGroup, "Add folder…", this::addFolder);
		button(imageGroup, "Clear", () -> setImages(List.of()));

		Group modelGroup = group(controls, "Models (side by side)");
		modelTable = new Table(modelGroup, SWT.CHECK | SWT.BORDER | SWT.V_SCROLL);
		GridDataFactory.fillDefaults().grab(true, false).span(3, 1).hint(SWT.DEFAULT, 80).applyTo(modelTable);
		button(modelGroup, "Refresh", this::refreshModels);

		method = combo(controls, "Method");
		for (HeatmapComputation.Method m : HeatmapComputation.Method.values()) {
			method.add(m.label());
		}
		method.select(0);
		method.addListener(SWT.Selection, e -> stage.setEnabled(selectedMethod() != HeatmapComputation.Method.ATTENTION));
		stage = combo(controls, "Stage");
		stage.add(DEFAULT_STAGE);
		stage.select(0);
		targetClass = combo(controls, "Class");
		targetClass.add(PREDICTED);
		for (ExpressionClass c : ExpressionClass.values()) {
			targetClass.add(c.label());
		}
		targetClass.select(0);
		detector = combo(controls, "Faces by");
		detector.add(WHOLE_IMAGE);
		for (ModuleDescriptor d : registry.modules(ModuleKind.DETECTOR)) {
			detector.add(d.id());
		}
		List<String> detectors = List.of(detector.getItems()).subList(1, detector.getItemCount());
		detector.select(DefaultChoices.detector(detectors, preferences, "Heatmaps").map(detector::indexOf).orElse(0));

		new Label(controls, SWT.NONE).setText("Opacity");
		Composite opacityRow = new Composite(controls, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).applyTo(opacityRow);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(opacityRow);
		opacity = new Scale(opacityRow, SWT.HORIZONTAL);
		opacity.setMinimum(0);
		opacity.setMaximum(100);
		opacity.setSelection(50);
		opacity.setPageIncrement(10);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(opacity);
		opacityText = new Label(opacityRow, SWT.NONE);
		opacityText.setText("0.50");
		opacity.addListener(SWT.Selection, e -> {
			opacityText.setText(String.format(Locale.ROOT, "%.2f", opacity()));
			render();
		});

		computeButton = new Button(controls, SWT.PUSH);
		computeButton.setText("Compute heatmaps");
		GridDataFactory.fillDefaults().span(2, 1).applyTo(computeButton);
		computeButton.addListener(SWT.Selection, e -> compute());
		status = new Label(controls, SWT.WRAP);
		GridDataFactory.fillDefaults().grab(true, false).span(2, 1).hint(200, SWT.DEFAULT).applyTo(status);

		scroller = new ScrolledComposite(sash, SWT.V_SCROLL | SWT.H_SCROLL);
		results = new Composite(scroller, SWT.NONE);
		GridLayoutFactory.fillDefaults().margins(8, 8).applyTo(results);
		scroller.setContent(results);
		scroller.setExpandHorizontal(true);
		scroller.setExpandVertical(true);
		sash.setWeights(28, 72);
		refreshModels();
	}

	private static Group group(Composite parent, String text) {
		Group group = new Group(parent, SWT.NONE);
		group.setText(text);
		GridLayoutFactory.fillDefaults().margins(4, 4).numColumns(3).applyTo(group);
		GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(group);
		return group;
	}

	private static void button(Composite parent, String text, Runnable action) {
		Button button = new Button(parent, SWT.PUSH);
		button.setText(text);
		button.addListener(SWT.Selection, e -> action.run());
	}

	private static Combo combo(Composite parent, String label) {
		new Label(parent, SWT.NONE).setText(label);
		Combo combo = new Combo(parent, SWT.READ_ONLY | SWT.DROP_DOWN);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(combo);
		return combo;
	}

	private void refreshModels() {
		List<String> checked = checkedModels();
		modelTable.removeAll();
		try {
			for (String name : models.names()) {
				TableItem item = new TableItem(modelTable, SWT.NONE);
				item.setText(name);
				item.setChecked(checked.contains(name));
			}
		} catch (IOException e) {
			Errors.report(modelTable, "Heatmaps", "Cannot list the runs of " + models.store().root(), e);
		}
		if (checkedModels().isEmpty() && modelTable.getItemCount() > 0) {
			List<String> names = List.of(modelTable.getItems()).stream().map(TableItem::getText).toList();
			DefaultChoices.model(names, preferences, "Heatmaps").ifPresent(name -> modelTable.getItem(names.indexOf(name)).setChecked(true));
		}
	}

	/** The detector chosen now, or {@link #WHOLE_IMAGE}. */
	public String detectorChoice() {
		return detector.getText();
	}

	/** The checked model names, in table order. */
	public List<String> checkedModels() {
		List<String> names = new ArrayList<>();
		for (TableItem item : modelTable.getItems()) {
			if (item.getChecked()) {
				names.add(item.getText());
			}
		}
		return names;
	}

	/** Checks exactly the named models that the table lists; returns how many it found. */
	public int checkModels(List<String> names) {
		int found = 0;
		for (TableItem item : modelTable.getItems()) {
			item.setChecked(names.contains(item.getText()));
			found += item.getChecked() ? 1 : 0;
		}
		return found;
	}

	private void addImages() {
		FileDialog dialog = new FileDialog(getSite().getShell(), SWT.OPEN | SWT.MULTI);
		dialog.setText("Images to explain");
		dialog.setFilterExtensions(new String[] { ImageInputs.FILTER, "*" });
		if (dialog.open() == null) {
			return;
		}
		List<Path> chosen = new ArrayList<>(images);
		for (String name : dialog.getFileNames()) {
			chosen.add(Path.of(dialog.getFilterPath(), name));
		}
		setImages(chosen);
	}

	private void addFolder() {
		DirectoryDialog dialog = new DirectoryDialog(getSite().getShell());
		dialog.setText("Folder of images to explain");
		String folder = dialog.open();
		if (folder == null) {
			return;
		}
		try {
			List<Path> chosen = new ArrayList<>(images);
			chosen.addAll(ImageInputs.expand(Path.of(folder)));
			setImages(chosen);
		} catch (IOException e) {
			Errors.report(imageList, "Heatmaps", "Cannot read the folder", e);
		}
	}

	public void setImages(List<Path> newImages) {
		images.clear();
		images.addAll(newImages.stream().distinct().toList());
		imageList.removeAll();
		images.forEach(p -> imageList.add(p.getFileName().toString()));
	}

	@Override
	public void start(List<Path> newImages, List<String> modelNames) {
		setImages(newImages);
		if (!modelNames.isEmpty()) {
			checkModels(modelNames);
		}
		if (!images.isEmpty() && !checkedModels().isEmpty()) {
			compute();
		}
	}

	public List<Path> images() {
		return List.copyOf(images);
	}

	private HeatmapComputation.Method selectedMethod() {
		return HeatmapComputation.Method.values()[Math.max(0, method.getSelectionIndex())];
	}

	/** The request the controls describe now. */
	public HeatmapComputation.Request request() {
		String s = stage.getText();
		String c = targetClass.getText();
		String d = detector.getText();
		return new HeatmapComputation.Request(images, checkedModels(), selectedMethod(), s.equals(DEFAULT_STAGE) || s.isEmpty() ? null : s,
				c.equals(PREDICTED) ? OptionalInt.empty() : OptionalInt.of(ExpressionClass.fromName(c).orElseThrow().ordinal()),
				d.equals(WHOLE_IMAGE) ? null : d);
	}

	public double opacity() {
		return opacity.getSelection() / 100.0;
	}

	/** Starts the computation of the current request in a Job; the result replaces what is shown. */
	public Job compute() {
		HeatmapComputation.Request request;
		try {
			request = request();
		} catch (IllegalArgumentException e) {
			status.setText(e.getMessage());
			return null;
		}
		computeButton.setEnabled(false);
		status.setText("Computing…");
		Job job = new ViewJob<>("Heatmaps of " + request.images().size() + " image(s) by " + String.join(", ", request.models()), results,
				monitor -> {
					List<HeatmapComputation.FaceMaps> faces = computation.compute(request, new JobProgress(monitor, m -> {
					}));
					return new Computed(faces, computation.stages(request.models().get(0)), monitor.isCanceled());
				}).onResult(c -> show(c.faces(), c.stages(), c.canceled())).onFailure("Heatmaps", "Cannot compute the heatmaps", e -> {
					computeButton.setEnabled(true);
					status.setText("Failed: " + e.getMessage());
				}).family(this);
		job.setRule(ONE_AT_A_TIME);
		job.setUser(true);
		job.schedule();
		return job;
	}

	/** What a computation found, and whether it was cancelled before the last face. */
	private record Computed(List<HeatmapComputation.FaceMaps> faces, List<String> stages, boolean canceled) {
	}

	private void show(List<HeatmapComputation.FaceMaps> faces, List<String> stages, boolean canceled) {
		computeButton.setEnabled(true);
		String chosen = stage.getText();
		stage.removeAll();
		stage.add(DEFAULT_STAGE);
		stages.forEach(stage::add);
		stage.select(Math.max(0, stage.indexOf(chosen)));
		shown = faces;
		status.setText(faces.size() + (faces.size() == 1 ? " face" : " faces") + (canceled ? " (cancelled)" : "")
				+ (faces.isEmpty() ? ": no face found; try another detector or the whole image" : ""));
		render();
	}

	/** The faces last computed. */
	public List<HeatmapComputation.FaceMaps> shown() {
		return shown;
	}

	/** Draws the faces shown at the slider's opacity: a row per face, a column per model and map. */
	private void render() {
		for (Control child : results.getChildren()) {
			child.dispose();
		}
		pictures.forEach(Image::dispose);
		pictures.clear();
		HeatmapRenderer renderer = new HeatmapRenderer(Colormap.TURBO, opacity());
		int columns = Math.max(1, shown.stream().mapToInt(f -> f.models().stream().mapToInt(m -> Math.max(1, m.panels().size())).sum())
				.max().orElse(1));
		GridLayoutFactory.fillDefaults().margins(8, 8).numColumns(columns + 1).spacing(8, 8).applyTo(results);
		for (HeatmapComputation.FaceMaps face : shown) {
			Label original = new Label(results, SWT.NONE);
			original.setImage(picture(face.crop()));
			original.setToolTipText(face.image() + ", face " + face.face());
			int used = 0;
			for (HeatmapComputation.ModelMaps maps : face.models()) {
				if (maps.panels().isEmpty()) {
					cell(null, maps.caption());
					used++;
					continue;
				}
				for (HeatmapComputation.Panel panel : maps.panels()) {
					cell(HeatmapComputation.overlay(face.crop(), panel, renderer, SIDE), maps.caption() + "\n" + panel.title());
					used++;
				}
			}
			for (; used < columns; used++) {
				new Label(results, SWT.NONE);
			}
		}
		results.layout(true, true);
		scroller.setMinSize(results.computeSize(SWT.DEFAULT, SWT.DEFAULT));
	}

	/** The face crop alone, as large as the maps beside it. */
	private Image picture(ImageRaster crop) {
		ImageRaster face = crop.width() == SIDE ? crop : ImageFiles.resize(crop, SIDE, Math.max(1, crop.height() * SIDE / crop.width()));
		Image image = new Image(results.getDisplay(), RasterImages.toImageData(face));
		pictures.add(image);
		return image;
	}

	private void cell(ImageRaster picture, String caption) {
		Composite cell = new Composite(results, SWT.NONE);
		GridLayoutFactory.fillDefaults().applyTo(cell);
		GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(cell);
		if (picture != null) {
			Image image = new Image(results.getDisplay(), RasterImages.toImageData(picture));
			pictures.add(image);
			new Label(cell, SWT.NONE).setImage(image);
		}
		Label text = new Label(cell, SWT.WRAP);
		text.setText(caption);
		GridDataFactory.fillDefaults().hint(SIDE, SWT.DEFAULT).applyTo(text);
	}

	@Override
	public void setFocus() {
		computeButton.setFocus();
	}

	@Override
	public void dispose() {
		pictures.forEach(Image::dispose);
		pictures.clear();
		// a running computation holds the models: they close when it has ended
		Job.getJobManager().cancel(this);
		Job closer = Job.create("Close heatmap models", monitor -> {
			models.close();
		});
		closer.setSystem(true);
		closer.setRule(ONE_AT_A_TIME);
		closer.schedule();
		super.dispose();
	}
}
