package facet.engine.run;

import java.io.IOException;

import facet.core.experiment.ExperimentException;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.engine.data.ChannelStatistics;

/**
 * The model a command or view means by {@code pretrained}: face-api.js's expression network
 * (npm @vladmandic/face-api 1.7.15), imported by the module bundle facet.nn.faceapi, whose weights
 * come with the module (from the setup's cache), not from a run. The same experiment ships as
 * examples/faceapi-pretrained.facet.json.
 */
public final class PretrainedModel {

	/** What names this model where a run id could stand. */
	public static final String NAME = "pretrained";

	/** The network's modules; its stem subtracts face-api's mean itself, so the pipeline only scales to [0, 1]. */
	private static final String EXPERIMENT = """
			{"format": 1, "name": "faceapi-pretrained",
			 "dataset": {"id": "synthetic"},
			 "preprocessors": [],
			 "backbone": {"id": "faceapi-expression", "params": {}, "attention": []},
			 "head": {"id": "faceapi-logits", "params": {}},
			 "loss": {"terms": [{"id": "cross-entropy", "weight": 1}]},
			 "epochs": 1, "batchSize": 16, "seed": 42}
			""";

	private PretrainedModel() {
	}

	/** Whether the module bundle that holds the network is installed. */
	public static boolean available(ModuleRegistry registry) {
		return registry.find(ModuleKind.BACKBONE, "faceapi-expression").isPresent();
	}

	public static TrainedModel open(ModuleRegistry registry) throws IOException {
		if (!available(registry)) {
			throw new IOException("the pretrained model needs the module bundle facet.nn.faceapi, which is not installed");
		}
		ExperimentSpec spec;
		try {
			spec = ExperimentFormat.parse(EXPERIMENT, "pretrained");
		} catch (ExperimentException e) {
			throw new IllegalStateException(e);
		}
		ModelInfo info = new ModelInfo(3, 112, 112, new ChannelStatistics(new double[] { 0 }, new double[] { 1 }), 323_687);
		return TrainedModel.pretrained(spec, info, registry, "pretrained (face-api.js expression model, @vladmandic/face-api 1.7.15)");
	}
}
