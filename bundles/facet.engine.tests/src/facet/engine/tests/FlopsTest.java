package facet.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import facet.engine.eval.Flops;

/** FLOPs per image of a network whose count is done by hand. */
class FlopsTest {

	@Test
	void convolutionAndLinearLayersCountTwicePerMultiplyAddPerImage() {
		try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "MXNet")) {
			Block network = TrainingLoopTest.tinyNetwork();
			assertEquals(0, Flops.perImage(network), "not initialized yet");
			// batch 5: the count is per image all the same
			network.initialize(manager, DataType.FLOAT32, new Shape(5, 1, 16, 16));
			// conv 1 -> 8 channels, 3x3, padding 1 on 16x16: 2 * 16*16 * 8 * 9; max-pool 4 -> 8x4x4 = 128 -> linear 7: 2 * 128 * 7
			assertEquals(2.0 * 16 * 16 * 8 * 9 + 2.0 * 128 * 7, Flops.perImage(network), 1e-9);
		}
	}
}
