package facet.ui.internal.analyze;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.spi.DetectorFactory;
import facet.core.spi.FaceDetector;
import facet.engine.analyze.Annotator;
import facet.engine.analyze.FaceAnalyzer;
import facet.engine.run.TrainedModel;
import facet.ui.internal.common.ModelSource;

/**
 * The analyze view's state apart from its widgets: the images to step through, the current one,
 * and the chain of facet.engine.analyze ({@link FaceAnalyzer}: detect, crop, classify) with the
 * chosen detector and model. The detector is created once per choice and kept; {@link #analyze}
 * runs off the UI thread.
 */
public final class AnalyzeSession implements AutoCloseable {

	/** One analysed image: the engine's analysis and the picture with boxes, landmarks and labels drawn. */
	public record Result(FaceAnalyzer.Analysis analysis, ImageRaster annotated) {
	}

	private final ModuleRegistry registry;
	private final ModelSource models;
	private final List<Path> images = new ArrayList<>();
	private int index;
	private String detectorId;
	private FaceDetector detector;

	public AnalyzeSession(ModuleRegistry registry, ModelSource models) {
		this.registry = registry;
		this.models = models;
	}

	public synchronized void setImages(List<Path> newImages) {
		images.clear();
		images.addAll(newImages);
		index = 0;
	}

	public synchronized List<Path> images() {
		return List.copyOf(images);
	}

	/** The image shown, or empty when there is none. */
	public synchronized Optional<Path> current() {
		return images.isEmpty() ? Optional.empty() : Optional.of(images.get(index));
	}

	public synchronized int index() {
		return index;
	}

	/** Moves by {@code delta} images, staying within the list; returns whether it moved. */
	public synchronized boolean step(int delta) {
		int next = Math.max(0, Math.min(images.size() - 1, index + delta));
		boolean moved = next != index;
		index = Math.max(0, next);
		return moved;
	}

	/** "3 / 12 name.jpg", or a hint when nothing is open. */
	public synchronized String position() {
		return images.isEmpty() ? "no image: open an image or a folder"
				: (index + 1) + " / " + images.size() + "  " + images.get(index).getFileName();
	}

	/**
	 * Analyses an image with a detector and, when named, a model.
	 *
	 * @param model a {@link ModelSource} name, or null to detect only
	 */
	public Result analyze(Path image, String detectorName, String model, double margin) throws Exception {
		FaceDetector d = detector(detectorName);
		Optional<TrainedModel> classifier = model == null ? Optional.empty() : Optional.of(models.open(model));
		FaceAnalyzer.Analysis analysis = new FaceAnalyzer(d, classifier, margin).analyze(image);
		ImageRaster annotated = Annotator.annotate(ImageFiles.read(image, false), analysis.faces());
		return new Result(analysis, annotated);
	}

	private synchronized FaceDetector detector(String id) throws Exception {
		if (detector != null && id.equals(detectorId)) {
			return detector;
		}
		ModuleDescriptor module = registry.find(ModuleKind.DETECTOR, id)
				.orElseThrow(() -> new IllegalArgumentException(registry.unknownMessage(ModuleKind.DETECTOR, id)));
		FaceDetector created = module.factory(DetectorFactory.class).create(module.settings(Map.of()));
		if (detector != null) {
			detector.close();
		}
		detector = created;
		detectorId = id;
		return detector;
	}

	@Override
	public synchronized void close() {
		if (detector != null) {
			detector.close();
			detector = null;
		}
	}
}
