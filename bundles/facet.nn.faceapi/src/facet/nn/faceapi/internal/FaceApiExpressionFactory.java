package facet.nn.faceapi.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleSettings;
import facet.nn.api.StagedBackbone;
import facet.nn.api.StagedBackboneFactory;

/**
 * face-api's {@code FaceFeatureExtractor} as stages: {@code stem} (mean subtraction),
 * {@code stage1} … {@code stage4} (dense0 … dense3: 56, 28, 14, 7 pixels at 32, 64, 128, 256
 * channels), {@code head-input} ({@code avgPool 7×7 stride 2 'valid'}: (N, 256, 1, 1)). The
 * pretrained weights are copied in when the network is initialized.
 */
public class FaceApiExpressionFactory implements StagedBackboneFactory {

	@Override
	public void validate(ModuleSettings settings) throws ModuleException {
		FaceApiModel.requireManifest(settings);
	}

	@Override
	public List<Stage> stages(ModuleSettings settings, int inputChannels) throws ModuleException {
		return stages(settings, inputChannels, new WeightSource(FaceApiModel.manifest(settings)));
	}

	private static List<Stage> stages(ModuleSettings settings, int inputChannels, WeightSource weights) throws ModuleException {
		if (inputChannels != 3) {
			throw new ModuleException(settings.module().displayName() + " needs RGB images (3 channels), the data has " + inputChannels
					+ (inputChannels == 1 ? " (gray); choose RGB in the dataset" : ""));
		}
		List<Stage> stages = new ArrayList<>();
		stages.add(new Stage(STEM, new MeanRgbStem(), 3));
		int in = 3;
		for (int b = 0; b < FaceApiModel.CHANNELS.length; b++) {
			int out = FaceApiModel.CHANNELS[b];
			stages.add(new Stage("stage" + (b + 1), new DenseBlock(b, in, out, weights), out));
			in = out;
		}
		stages.add(new Stage(HEAD_INPUT, new FeaturePool(), in));
		return stages;
	}

	/** Reads and checks the weights now, so that a bad file fails here with a {@link ModuleException}. */
	@Override
	public StagedBackbone create(ModuleSettings settings, int inputChannels, Map<String, List<Block>> attention) throws ModuleException {
		WeightSource weights = new WeightSource(FaceApiModel.readChecked(settings));
		List<Stage> stages = stages(settings, inputChannels, weights);
		List<String> names = stages.stream().map(Stage::name).toList();
		for (String stage : attention.keySet()) {
			if (!names.contains(stage)) {
				throw new ModuleException(settings.module().displayName() + " has no stage '" + stage
						+ "' to insert attention after; its stages are " + String.join(", ", names));
			}
		}
		return new StagedBackbone(stages, attention);
	}
}
