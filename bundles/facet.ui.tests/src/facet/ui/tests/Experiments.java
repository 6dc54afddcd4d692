package facet.ui.tests;

/** Experiments over facet.testmodules for the tests. */
final class Experiments {

	static final String VALID = """
			{
			  "format": 1,
			  "name": "ui-toy",
			  "dataset": {"id": "test-dataset", "params": {"size": 16}},
			  "preprocessors": [{"id": "test-invert"}],
			  "augmentations": [{"id": "test-flip", "params": {"probability": 0.25}}],
			  "backbone": {"id": "test-backbone", "params": {"stages": 2},
			               "attention": [{"id": "test-attention", "stage": "stage2", "params": {"reduction": 8}}]},
			  "head": {"id": "test-head"},
			  "loss": {"terms": [{"id": "test-loss", "weight": 1.0, "params": {"label": "cls"}}]},
			  "optimizer": {"name": "adamw", "learningRate": 0.001},
			  "schedule": {"name": "step", "stepEpochs": 5},
			  "epochs": 3,
			  "batchSize": 32,
			  "seed": 7
			}
			""";

	private Experiments() {
	}
}
