package facet.ui.internal.analyze;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.part.ViewPart;

import facet.core.ExpressionClass;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.engine.analyze.Annotator;
import facet.engine.analyze.FaceAnalyzer;
import facet.ui.internal.common.DefaultChoices;
import facet.ui.internal.common.Errors;
import facet.ui.internal.common.ImageInputs;
import facet.ui.internal.common.RasterImages;
import facet.ui.internal.common.StartupRequests;
import facet.ui.internal.common.ViewJob;
import facet.ui.internal.common.ModelSource;
import facet.ui.internal.preferences.FacetPreferences;

/**
 * {@code facet analyze} as a view: open an image or a folder, choose a detector and a model, and
 * see each face's box and landmarks on the photo and its expression probabilities as bars;
 * step through the images. Each image is analysed in a Job.
 */
public class AnalyzeView extends ViewPart implements StartupRequests.ImageInputView {

	public static final String ID = "facet.ui.views.analyze";
	public static final String DETECT_ONLY = "(none: detect only)";

	private ModelSource models;
	private AnalyzeSession session;
	private Combo detector;
	private Combo model;
	private Label position;
	private Canvas picture;
	private Canvas bars;
	private Image image;
	private AnalyzeSession.Result result;
	private Job running;

	@Override
	public void createPartControl(Composite parent) {
		ModuleRegistry registry = ModuleRegistry.getDefault();
		FacetPreferences preferences = FacetPreferences.instance();
		models = new ModelSource(preferences.runStore(), registry);
		session = new AnalyzeSession(registry, models);
		Composite root = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(root);
		Composite bar = new Composite(root, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(10).applyTo(bar);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
		button(bar, "Open image…", this::openImages);
		button(bar, "Open folder…", this::openFolder);
		new Label(bar, SWT.NONE).setText("Detector");
		detector = new Combo(bar, SWT.READ_ONLY);
		for (ModuleDescriptor d : registry.modules(ModuleKind.DETECTOR)) {
			detector.add(d.id());
		}
		DefaultChoices.detector(List.of(detector.getItems()), preferences, "Analyze").ifPresentOrElse(d -> detector.select(detector.indexOf(d)),
				() -> detector.select(0));
		detector.addListener(SWT.Selection, e -> analyzeCurrent());
		new Label(bar, SWT.NONE).setText("Model");
		model = new Combo(bar, SWT.READ_ONLY);
		model.add(DETECT_ONLY);
		try {
			models.names().forEach(model::add);
		} catch (IOException e) {
			Errors.report(root, "Analyze", "Cannot list the runs of " + models.store().root(), e);
		}
		List<String> names = List.of(model.getItems()).subList(1, model.getItemCount());
		model.select(DefaultChoices.model(names, preferences, "Analyze").map(model::indexOf).orElse(0));
		GridDataFactory.swtDefaults().hint(220, SWT.DEFAULT).applyTo(model);
		model.addListener(SWT.Selection, e -> analyzeCurrent());
		button(bar, "◀ Previous", () -> step(-1));
		button(bar, "Next ▶", () -> step(1));
		position = new Label(bar, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(position);
		position.setText(session.position());

		SashForm sash = new SashForm(root, SWT.HORIZONTAL);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
		picture = new Canvas(sash, SWT.DOUBLE_BUFFERED);
		picture.addPaintListener(e -> paintPicture(e.gc));
		bars = new Canvas(sash, SWT.DOUBLE_BUFFERED | SWT.V_SCROLL);
		bars.addPaintListener(e -> paintBars(e.gc));
		sash.setWeights(70, 30);
	}

	private static void button(Composite parent, String text, Runnable action) {
		Button button = new Button(parent, SWT.PUSH);
		button.setText(text);
		button.addListener(SWT.Selection, e -> action.run());
	}

	private void openImages() {
		FileDialog dialog = new FileDialog(getSite().getShell(), SWT.OPEN | SWT.MULTI);
		dialog.setText("Images to analyse");
		dialog.setFilterExtensions(new String[] { ImageInputs.FILTER, "*" });
		if (dialog.open() == null) {
			return;
		}
		List<Path> chosen = new ArrayList<>();
		for (String name : dialog.getFileNames()) {
			chosen.add(Path.of(dialog.getFilterPath(), name));
		}
		start(chosen, List.of());
	}

	private void openFolder() {
		DirectoryDialog dialog = new DirectoryDialog(getSite().getShell());
		dialog.setText("Folder of images to analyse");
		String folder = dialog.open();
		if (folder == null) {
			return;
		}
		try {
			start(ImageInputs.expand(Path.of(folder)), List.of());
		} catch (IOException e) {
			Errors.report(picture, "Analyze", "Cannot read the folder", e);
		}
	}

	@Override
	public void start(List<Path> images, List<String> modelNames) {
		if (!modelNames.isEmpty() && model.indexOf(modelNames.get(0)) >= 0) {
			model.select(model.indexOf(modelNames.get(0)));
		}
		session.setImages(images);
		analyzeCurrent();
	}

	private void step(int delta) {
		if (session.step(delta)) {
			analyzeCurrent();
		}
	}

	public AnalyzeSession session() {
		return session;
	}

	/** The detector chosen now. */
	public String detectorChoice() {
		return detector.getText();
	}

	/** The model chosen now, or {@link #DETECT_ONLY}. */
	public String modelChoice() {
		return model.getText();
	}

	/** Analyses the current image in a Job and shows the result when it is done. */
	public Job analyzeCurrent() {
		position.setText(session.position());
		Optional<Path> current = session.current();
		if (current.isEmpty() || detector.getSelectionIndex() < 0) {
			return null;
		}
		if (running != null) {
			running.cancel();
		}
		Path path = current.get();
		String detectorName = detector.getText();
		String modelName = model.getText().equals(DETECT_ONLY) ? null : model.getText();
		position.setText(session.position() + "  (analysing…)");
		Job job = new ViewJob<>("Analyze " + path.getFileName(), picture, monitor -> {
			AnalyzeSession.Result r = session.analyze(path, detectorName, modelName, 0.0);
			// a newer image was asked for meanwhile: this one is not shown
			return monitor.isCanceled() ? null : r;
		}).onResult(this::show).onFailure("Analyze", "Cannot analyse " + path, e -> position.setText(session.position() + "  (failed)"));
		job.setUser(false);
		running = job;
		job.schedule();
		return job;
	}

	private void show(AnalyzeSession.Result r) {
		result = r;
		if (image != null) {
			image.dispose();
		}
		image = new Image(picture.getDisplay(), RasterImages.toImageData(r.annotated()));
		FaceAnalyzer.Analysis a = r.analysis();
		position.setText(String.format(Locale.ROOT, "%s  %d face(s), %.0f ms", session.position(), a.faces().size(), a.milliseconds()));
		position.getParent().layout();
		picture.redraw();
		bars.redraw();
	}

	private void paintPicture(GC gc) {
		Rectangle area = picture.getClientArea();
		if (image == null) {
			gc.drawText("Open an image or a folder to see its faces.", 10, 10, true);
			return;
		}
		Rectangle size = image.getBounds();
		double scale = Math.min(1.0, Math.min((double) area.width / size.width, (double) area.height / size.height));
		int w = (int) Math.round(size.width * scale);
		int h = (int) Math.round(size.height * scale);
		gc.setInterpolation(SWT.HIGH);
		int left = (area.width - w) / 2;
		int top = (area.height - h) / 2;
		gc.drawImage(image, 0, 0, size.width, size.height, left, top, w, h);
		// the face's number under its box, as the bars beside name it
		gc.setForeground(picture.getDisplay().getSystemColor(SWT.COLOR_WHITE));
		gc.setBackground(picture.getDisplay().getSystemColor(SWT.COLOR_DARK_GREEN));
		List<FaceAnalyzer.Face> faces = result == null ? List.of() : result.analysis().faces();
		for (int f = 0; f < faces.size(); f++) {
			var box = faces.get(f).box();
			gc.drawText(" " + (f + 1) + " ", left + (int) Math.round(box.x1() * scale), top + (int) Math.round(box.y2() * scale) + 2, false);
		}
	}

	/** Per face, the seven class probabilities as horizontal bars in the annotator's class colours. */
	private void paintBars(GC gc) {
		if (result == null) {
			return;
		}
		Rectangle area = bars.getClientArea();
		int y = 6;
		int labelWidth = 90;
		int barWidth = Math.max(40, area.width - labelWidth - 60);
		int lineHeight = gc.getFontMetrics().getHeight() + 2;
		List<FaceAnalyzer.Face> faces = result.analysis().faces();
		if (faces.isEmpty()) {
			gc.drawText("No face found.", 6, y, true);
			return;
		}
		for (int f = 0; f < faces.size(); f++) {
			FaceAnalyzer.Face face = faces.get(f);
			gc.setForeground(bars.getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
			gc.drawText(String.format(Locale.ROOT, "Face %d (score %.2f)", f + 1, face.box().score()), 6, y, true);
			y += lineHeight;
			if (face.probabilities().isEmpty()) {
				gc.drawText("no model: detection only", 14, y, true);
				y += lineHeight + 6;
				continue;
			}
			float[] p = face.probabilities().get();
			for (ExpressionClass c : ExpressionClass.values()) {
				gc.setForeground(bars.getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
				gc.drawText(c.label(), 14, y, true);
				java.awt.Color awt = Annotator.CLASS_COLORS[c.ordinal()];
				Color colour = new Color(awt.getRed(), awt.getGreen(), awt.getBlue());
				gc.setBackground(colour);
				int w = Math.round(p[c.ordinal()] * barWidth);
				gc.fillRectangle(labelWidth, y + 2, w, lineHeight - 5);
				gc.drawText(String.format(Locale.ROOT, "%.0f %%", 100 * p[c.ordinal()]), labelWidth + w + 4, y, true);
				y += lineHeight;
			}
			y += 8;
		}
	}

	@Override
	public void setFocus() {
		picture.setFocus();
	}

	@Override
	public void dispose() {
		if (image != null) {
			image.dispose();
		}
		if (running != null) {
			running.cancel();
		}
		Job closer = Job.create("Close analyze models", monitor -> {
			if (running != null) {
				try {
					running.join();
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}
			session.close();
			models.close();
		});
		closer.setSystem(true);
		closer.schedule();
		super.dispose();
	}
}
