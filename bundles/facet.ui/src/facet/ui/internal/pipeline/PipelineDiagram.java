package facet.ui.internal.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

import facet.core.modules.ModuleKind;
import facet.ui.internal.editor.ExperimentModel;
import facet.ui.internal.editor.ExperimentModel.Slot;

/**
 * The experiment as a chain of boxes: dataset → detector → preprocessors → augmentations →
 * backbone (its attention modules beneath, at their stages) → head → loss terms, or for a
 * features → classifier experiment dataset → detector → preprocessors → features → classifier.
 * Clicking a box
 * reports its kind, so that the page can go to that entry's form.
 */
public final class PipelineDiagram {

	/** One box: where it is drawn, what it says, which part of the pipeline it stands for. */
	public record Box(ModuleKind kind, String text, Rectangle bounds) {
	}

	private static final int GAP = 22;
	private static final int PAD = 6;
	private static final RGBColour[] FILL = { new RGBColour(222, 235, 247), new RGBColour(229, 245, 224), new RGBColour(254, 230, 206) };

	private record RGBColour(int r, int g, int b) {
	}

	private final Canvas canvas;
	private ExperimentModel model;
	private List<Box> boxes = List.of();

	public PipelineDiagram(Composite parent, Consumer<ModuleKind> onClick) {
		canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
		canvas.addPaintListener(e -> paint(e.gc));
		canvas.addListener(SWT.MouseUp, e -> boxAt(e.x, e.y).ifPresent(b -> onClick.accept(b.kind())));
		canvas.setToolTipText("Click a box to go to its settings; drop modules from the Modules view on this page");
	}

	public Canvas control() {
		return canvas;
	}

	public void setModel(ExperimentModel newModel) {
		model = newModel;
		GC gc = new GC(canvas);
		try {
			boxes = layout(model, text -> gc.textExtent(text));
		} finally {
			gc.dispose();
		}
		canvas.redraw();
	}

	/** The boxes as laid out for the model, given how wide a text is drawn. */
	public static List<Box> layout(ExperimentModel model, java.util.function.Function<String, Point> extent) {
		List<Box> result = new ArrayList<>();
		if (model == null) {
			return result;
		}
		int x = PAD;
		int y = PAD;
		int height = extent.apply("Ag").y * 2 + 2 * PAD;
		x = box(result, ModuleKind.DATASET, "dataset\n" + id(model.dataset), x, y, height, extent);
		x = box(result, ModuleKind.DETECTOR, "detector\n" + id(model.detector), x, y, height, extent);
		x = box(result, ModuleKind.PREPROCESSOR, "preprocessors\n" + ids(model.preprocessors), x, y, height, extent);
		if (model.isTraditional()) {
			x = box(result, ModuleKind.FEATURE, "features\n" + ids(model.features), x, y, height, extent);
			box(result, ModuleKind.CLASSIFIER, "classifier\n" + id(model.classifier), x, y, height, extent);
			return result;
		}
		x = box(result, ModuleKind.AUGMENTATION, "augmentations\n" + ids(model.augmentations), x, y, height, extent);
		int backboneX = x;
		x = box(result, ModuleKind.BACKBONE, "backbone\n" + id(model.backbone), x, y, height, extent);
		x = box(result, ModuleKind.HEAD, "head\n" + id(model.head), x, y, height, extent);
		box(result, ModuleKind.LOSS, "loss\n" + losses(model.loss), x, y, height, extent);
		if (!model.attention.isEmpty()) {
			StringBuilder text = new StringBuilder("attention");
			for (Slot a : model.attention) {
				text.append('\n').append(a.id).append(" @ ").append(a.stage == null ? "?" : a.stage);
			}
			Point size = extent.apply(text.toString());
			result.add(new Box(ModuleKind.ATTENTION, text.toString(), new Rectangle(backboneX, y + height + GAP / 2, size.x + 2 * PAD,
					size.y + 2 * PAD)));
		}
		return result;
	}

	private static int box(List<Box> boxes, ModuleKind kind, String text, int x, int y, int height,
			java.util.function.Function<String, Point> extent) {
		Point size = extent.apply(text);
		Rectangle bounds = new Rectangle(x, y, Math.max(70, size.x + 2 * PAD), Math.max(height, size.y + 2 * PAD));
		boxes.add(new Box(kind, text, bounds));
		return x + bounds.width + GAP;
	}

	private static String id(Slot slot) {
		return slot == null ? "(none)" : slot.id;
	}

	private static String ids(List<Slot> slots) {
		return slots.isEmpty() ? "(none)" : String.join("\n", slots.stream().map(s -> s.id).toList());
	}

	private static String losses(List<Slot> slots) {
		return slots.isEmpty() ? "(none)" : String.join("\n", slots.stream().map(s -> s.weight + " · " + s.id).toList());
	}

	public List<Box> boxes() {
		return boxes;
	}

	/** The box under a point, if any. */
	public java.util.Optional<Box> boxAt(int x, int y) {
		return boxes.stream().filter(b -> b.bounds().contains(x, y)).findFirst();
	}

	/** The size the diagram needs. */
	public Point preferredSize() {
		int w = 0;
		int h = 0;
		for (Box b : boxes) {
			w = Math.max(w, b.bounds().x + b.bounds().width + PAD);
			h = Math.max(h, b.bounds().y + b.bounds().height + PAD);
		}
		return new Point(w, h);
	}

	private void paint(GC gc) {
		gc.setAntialias(SWT.ON);
		Color line = canvas.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY);
		Box previous = null;
		for (Box b : boxes) {
			Rectangle r = b.bounds();
			RGBColour c = FILL[switch (b.kind()) {
				case BACKBONE, ATTENTION, HEAD, FEATURE -> 1;
				case LOSS, CLASSIFIER -> 2;
				default -> 0;
			}];
			Color fill = new Color(c.r(), c.g(), c.b());
			gc.setBackground(fill);
			gc.fillRoundRectangle(r.x, r.y, r.width, r.height, 10, 10);
			gc.setForeground(line);
			gc.drawRoundRectangle(r.x, r.y, r.width, r.height, 10, 10);
			gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
			gc.drawText(b.text(), r.x + PAD, r.y + PAD, true);
			gc.setForeground(line);
			if (b.kind() == ModuleKind.ATTENTION) {
				Box backbone = boxes.stream().filter(o -> o.kind() == ModuleKind.BACKBONE).findFirst().orElse(null);
				if (backbone != null) {
					int ax = backbone.bounds().x + backbone.bounds().width / 2;
					gc.drawLine(ax, backbone.bounds().y + backbone.bounds().height, ax, r.y);
				}
				continue;
			}
			if (previous != null) {
				Rectangle p = previous.bounds();
				int ay = p.y + p.height / 2;
				gc.drawLine(p.x + p.width, ay, r.x, ay);
				gc.drawLine(r.x - 6, ay - 4, r.x, ay);
				gc.drawLine(r.x - 6, ay + 4, r.x, ay);
			}
			previous = b;
		}
	}
}
