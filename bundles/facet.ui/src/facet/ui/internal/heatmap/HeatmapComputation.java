package facet.ui.internal.heatmap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

import facet.core.ExpressionClass;
import facet.core.FaceBox;
import facet.core.ImageFiles;
import facet.core.ImageRaster;
import facet.core.Progress;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.spi.DetectorFactory;
import facet.core.spi.FaceDetector;
import facet.engine.heatmap.AttentionMap;
import facet.engine.heatmap.GradCam;
import facet.engine.heatmap.Heatmap;
import facet.engine.heatmap.HeatmapRenderer;
import facet.engine.heatmap.ModelHeatmaps;
import facet.engine.heatmap.SquareCrop;
import facet.engine.run.TrainedModel;
import facet.ui.internal.common.ModelSource;

/**
 * What the heatmap viewer shows, computed off the UI thread with facet.engine.heatmap exactly as
 * {@code facet heatmap} does: faces found by a detector (or the whole image), cut as squares, and
 * per face and model the Grad-CAM / Grad-CAM++ map at a stage for a class, or the map of each
 * attention module. Opacity is not part of it: {@link #overlay} blends again at any opacity
 * without computing anything.
 */
public final class HeatmapComputation {

	/** The maps a user can ask for. */
	public enum Method {
		GRAD_CAM("Grad-CAM", GradCam.Method.GRAD_CAM), GRAD_CAM_PP("Grad-CAM++", GradCam.Method.GRAD_CAM_PLUS_PLUS),
		ATTENTION("Attention modules", null);

		private final String label;
		private final GradCam.Method gradient;

		Method(String label, GradCam.Method gradient) {
			this.label = label;
			this.gradient = gradient;
		}

		public String label() {
			return label;
		}
	}

	/**
	 * One request.
	 *
	 * @param images the photos
	 * @param models model names of a {@link ModelSource}, shown side by side
	 * @param stage a stage name, or null for each model's default (ignored for attention)
	 * @param targetClass the class to explain (canonical index), or empty for the predicted one
	 * @param detector a detector module id, or null to take each image as one face
	 */
	public record Request(List<Path> images, List<String> models, Method method, String stage, OptionalInt targetClass, String detector) {
		public Request {
			images = List.copyOf(images);
			models = List.copyOf(models);
			if (images.isEmpty()) {
				throw new IllegalArgumentException("choose at least one image");
			}
			if (models.isEmpty()) {
				throw new IllegalArgumentException("choose at least one model");
			}
		}
	}

	/** One map of one face by one model: spatial, or (channel attention) weights alone. */
	public record Panel(String title, Heatmap map, float[] channels) {
	}

	/** One model on one face: its maps and probabilities, or why there are none. */
	public record ModelMaps(String model, List<Panel> panels, float[] probabilities, String error) {

		public String caption() {
			if (error != null) {
				return model + ": " + error;
			}
			ExpressionClass predicted = ExpressionClass.mostProbable(probabilities);
			return String.format(Locale.ROOT, "%s: %s %.0f %%", model, predicted.label(), 100 * probabilities[predicted.ordinal()]);
		}
	}

	/** One face of one image, with every model's maps. */
	public record FaceMaps(Path image, int face, ImageRaster crop, List<ModelMaps> models) {
	}

	private final ModelSource models;
	private final ModuleRegistry registry;

	public HeatmapComputation(ModelSource models, ModuleRegistry registry) {
		this.models = models;
		this.registry = registry;
	}

	/** The stages of a model's backbone, in forward order (opens the model). */
	public List<String> stages(String model) throws IOException {
		return new ModelHeatmaps(models.open(model)).stages();
	}

	/**
	 * Computes the maps; a model that fails on a face (no attention, unknown stage) gives an
	 * error in its place, so that the others still show.
	 *
	 * @throws IOException when an image cannot be read or a model cannot be opened
	 */
	public List<FaceMaps> compute(Request request, Progress progress) throws Exception {
		progress.begin("Heatmaps", request.images().size() * (long) request.models().size() + request.models().size());
		List<ModelHeatmaps> heatmaps = new ArrayList<>();
		for (String name : request.models()) {
			progress.worked(0, "opening " + name);
			heatmaps.add(new ModelHeatmaps(models.open(name)));
			progress.worked(1, null);
		}
		List<FaceMaps> result = new ArrayList<>();
		FaceDetector detector = request.detector() == null ? null : detector(request.detector());
		try {
			for (Path image : request.images()) {
				if (progress.isCanceled()) {
					break;
				}
				progress.worked(0, image.getFileName().toString());
				ImageRaster photo = ImageFiles.read(image, false);
				List<ImageRaster> crops = new ArrayList<>();
				if (detector == null) {
					crops.add(new SquareCrop(0, 0, Math.max(photo.width(), photo.height())).extract(photo));
				} else {
					for (FaceBox box : detector.detect(photo)) {
						crops.add(SquareCrop.around(box, 1.0).extract(photo));
					}
				}
				List<List<ModelMaps>> perFace = new ArrayList<>();
				crops.forEach(c -> perFace.add(new ArrayList<>()));
				for (int m = 0; m < heatmaps.size(); m++) {
					List<ModelMaps> maps = crops.isEmpty() ? List.of() : maps(request, request.models().get(m), heatmaps.get(m), crops);
					for (int f = 0; f < maps.size(); f++) {
						perFace.get(f).add(maps.get(f));
					}
					progress.worked(1, null);
				}
				for (int f = 0; f < crops.size(); f++) {
					result.add(new FaceMaps(image, f + 1, crops.get(f), List.copyOf(perFace.get(f))));
				}
			}
		} finally {
			if (detector != null) {
				detector.close();
			}
		}
		return result;
	}

	private static List<ModelMaps> maps(Request request, String name, ModelHeatmaps heatmaps, List<ImageRaster> crops) {
		List<ModelMaps> result = new ArrayList<>();
		try {
			TrainedModel model = heatmaps.model();
			List<float[]> probabilities = model.predict(crops);
			if (request.method() != Method.ATTENTION) {
				String stage = request.stage() == null || !heatmaps.stages().contains(request.stage()) ? heatmaps.defaultStage() : request.stage();
				List<GradCam.ClassMap> maps = heatmaps.gradCam(crops, stage, request.method().gradient, request.targetClass());
				for (int f = 0; f < crops.size(); f++) {
					GradCam.ClassMap m = maps.get(f);
					String title = request.method().label() + " " + stage + ", " + ExpressionClass.ofIndex(m.targetClass()).label();
					result.add(new ModelMaps(name, List.of(new Panel(title, m.map(), null)), probabilities.get(f), null));
				}
				return result;
			}
			List<List<AttentionMap>> attention = heatmaps.attention(crops);
			for (int f = 0; f < crops.size(); f++) {
				List<Panel> panels = new ArrayList<>();
				for (AttentionMap m : attention.get(f)) {
					panels.add(new Panel(m.name(), m.spatial(), m.channelWeights()));
				}
				result.add(panels.isEmpty() ? new ModelMaps(name, List.of(), probabilities.get(f), "no attention module; choose Grad-CAM")
						: new ModelMaps(name, panels, probabilities.get(f), null));
			}
			return result;
		} catch (IOException | RuntimeException e) {
			String message = e.getMessage() == null ? e.toString() : e.getMessage();
			crops.forEach(c -> result.add(new ModelMaps(name, List.of(), null, message)));
			return result;
		}
	}

	private FaceDetector detector(String id) throws Exception {
		ModuleDescriptor module = registry.find(ModuleKind.DETECTOR, id)
				.orElseThrow(() -> new IOException(registry.unknownMessage(ModuleKind.DETECTOR, id)));
		return module.factory(DetectorFactory.class).create(module.settings(Map.of()));
	}

	/** The panel as a picture at a given opacity: the map over the face crop, or the top channel weights as bars. */
	public static ImageRaster overlay(ImageRaster crop, Panel panel, HeatmapRenderer renderer, int side) {
		if (panel.map() == null) {
			return HeatmapRenderer.channelBars(panel.channels(), 16, panel.title());
		}
		ImageRaster face = crop.width() == side ? crop : ImageFiles.resize(crop, side, Math.max(1, crop.height() * side / crop.width()));
		return renderer.overlay(face, panel.map());
	}
}
