package facet.engine.heatmap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import facet.core.ImageRaster;
import facet.core.experiment.AttentionRef;
import facet.engine.run.TrainedModel;
import facet.nn.api.StagedBackbone;

/**
 * Heatmaps of a {@link TrainedModel} (a trained run or the pretrained model) for face crops of
 * any size, prepared exactly as the model's predictions prepare them.
 */
public final class ModelHeatmaps {

	private final TrainedModel model;

	public ModelHeatmaps(TrainedModel model) {
		this.model = model;
	}

	public TrainedModel model() {
		return model;
	}

	/** Stage names of the model's backbone, in forward order. */
	public List<String> stages() {
		return model.network().backbone().stageNames();
	}

	/** The stage Grad-CAM uses when none is named: the last before {@code head-input}. */
	public String defaultStage() {
		return GradCam.defaultStage(model.network().backbone());
	}

	/**
	 * Grad-CAM or Grad-CAM++ maps, one per face.
	 *
	 * @param stage a stage name, or null for {@link #defaultStage()}
	 * @param targetClass the class to explain (canonical index), or empty for the predicted class
	 */
	public List<GradCam.ClassMap> gradCam(List<ImageRaster> faces, String stage, GradCam.Method method, OptionalInt targetClass)
			throws IOException {
		String s = stage == null ? defaultStage() : stage;
		try (NDManager scope = model.trainer().getManager().newSubManager()) {
			NDArray input = model.input(faces, scope);
			return new GradCam(model.network()).compute(input, s, method, targetClass);
		}
	}

	/** Each attention module's map per face, in forward order; empty lists when the model has no attention. */
	public List<List<AttentionMap>> attention(List<ImageRaster> faces) throws IOException {
		try (NDManager scope = model.trainer().getManager().newSubManager()) {
			NDArray input = model.input(faces, scope);
			return AttentionMaps.extract(model.network(), input, attentionIds());
		}
	}

	/** The experiment's attention module ids in the order the backbone runs them. */
	List<String> attentionIds() {
		StagedBackbone backbone = model.network().backbone();
		List<String> ids = new ArrayList<>();
		for (String stage : backbone.stageNames()) {
			for (AttentionRef ref : model.experiment().backbone().attention()) {
				if (ref.stage().equals(stage)) {
					ids.add(ref.module().id());
				}
			}
		}
		return ids;
	}
}
