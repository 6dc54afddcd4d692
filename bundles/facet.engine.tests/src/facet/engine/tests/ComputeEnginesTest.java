package facet.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import facet.core.experiment.ExperimentFormat;
import facet.core.runs.Run;
import facet.core.runs.RunEnvironment;
import facet.core.runs.RunStore;
import facet.engine.ComputeEngine;
import facet.engine.ComputeEngines;

class ComputeEnginesTest {

	@TempDir
	Path dir;

	@Test
	void theDefaultEngineIsMxnetOnTheCpu() {
		ComputeEngine engine = ComputeEngines.open();
		assertEquals("MXNet", engine.name());
		assertTrue(engine.version().matches("\\d+\\.\\d+\\.\\d+.*"), engine.version());
		assertEquals("cpu()", engine.device());
		try (NDManager manager = engine.newManager()) {
			NDArray sum = manager.create(new float[] { 1, 2, 3 }).sum();
			assertEquals(6f, sum.getFloat());
		}
	}

	@Test
	void anUnknownEngineIsRefusedListingTheInstalledOnes() {
		IllegalStateException e = assertThrows(IllegalStateException.class, () -> ComputeEngines.open("TensorFlow"));
		assertTrue(e.getMessage().startsWith("no compute engine 'TensorFlow' is installed; installed: "), e.getMessage());
		assertTrue(e.getMessage().contains("MXNet"), e.getMessage());
	}

	@Test
	void aRunRecordsTheEngineItRanOn() throws Exception {
		ComputeEngine engine = ComputeEngines.open();
		String experiment = """
				{"format": 1, "name": "engine check", "dataset": {"id": "d"}, "backbone": {"id": "b"}, "head": {"id": "h"},
				 "loss": {"terms": [{"id": "l"}]}, "seed": 3}
				""";
		Run run = new RunStore(dir).create(ExperimentFormat.parse(experiment, "inline"),
				RunEnvironment.current(engine.name(), engine.version(), Map.of()));
		RunEnvironment recorded = new RunStore(dir).open(run.id()).info().environment();
		assertEquals("MXNet", recorded.engine());
		assertEquals(engine.version(), recorded.engineVersion());
		assertTrue(recorded.bundles().containsKey("facet.engine"), recorded.bundles().toString());
	}
}
