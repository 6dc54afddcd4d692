package facet.nn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import facet.core.modules.ModuleException;
import facet.nn.api.AttentionBlock;

/** Every attention block keeps its input's shape and exposes maps of the right shape in [0, 1]. */
class AttentionTest {

	private static final Shape INPUT = new Shape(2, 16, 12, 10);

	private static NDManager manager;

	@BeforeAll
	static void open() {
		manager = Nets.manager();
	}

	@AfterAll
	static void close() {
		manager.close();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "se, false, true", "cam, false, true", "cbam, true, true", "csam, true, true", "msa, true, false", "ehorm, false, true" })
	void keepsShapeAndExposesItsMaps(String id, boolean spatial, boolean channel) throws ModuleException {
		AttentionBlock block = (AttentionBlock) Nets.attention(id, Map.of(), 16);
		try (NDManager scope = manager.newSubManager()) {
			Nets.initialize(block, scope, INPUT);
			NDArray x = Nets.random(scope, INPUT);
			NDArray y = Nets.infer(block, scope, x).singletonOrThrow();
			assertEquals(INPUT, y.getShape());
			assertEquals(spatial, block.spatialMap().isPresent(), id + " spatial map");
			assertEquals(channel, block.channelWeights().isPresent(), id + " channel weights");
			block.spatialMap().ifPresent(map -> checkMap(id, map, new Shape(2, 1, 12, 10)));
			block.channelWeights().ifPresent(map -> checkMap(id, map, new Shape(2, 16)));
			assertFalse(y.allClose(x), id + " changed nothing");
		}
	}

	private static void checkMap(String id, NDArray map, Shape shape) {
		assertEquals(shape, map.getShape(), id);
		assertTrue(map.min().getFloat() >= 0 && map.max().getFloat() <= 1, id + " map outside [0, 1]");
	}

	@Test
	void csamComputesChannelAndSpatialInParallel() throws ModuleException {
		// changing the channel branch must leave CSAM's spatial map alone, and change CBAM's (sequential)
		assertEquals(Optional.of(true), spatialMapSurvivesChannelChange("csam"));
		assertEquals(Optional.of(false), spatialMapSurvivesChannelChange("cbam"));
	}

	private static Optional<Boolean> spatialMapSurvivesChannelChange(String id) throws ModuleException {
		AttentionBlock block = (AttentionBlock) Nets.attention(id, Map.of("reduction", 4), 16);
		try (NDManager scope = manager.newSubManager()) {
			Nets.initialize(block, scope, INPUT);
			NDArray x = Nets.random(scope, INPUT);
			Nets.infer(block, scope, x);
			NDArray before = block.spatialMap().orElseThrow().duplicate();
			int changed = 0;
			for (Pair<String, Parameter> p : block.getParameters()) {
				if (p.getKey().contains("channel")) {
					NDArray array = p.getValue().getArray();
					array.subi(array).addi(scope.randomNormal(array.getShape()).mul(3));
					changed++;
				}
			}
			assertTrue(changed > 0, id + " has no parameters named 'channel'");
			Nets.infer(block, scope, x);
			return Optional.of(block.spatialMap().orElseThrow().allClose(before, 1e-6, 1e-7, false));
		}
	}

	@Test
	void csamFusesByProduct() throws ModuleException {
		AttentionBlock block = (AttentionBlock) Nets.attention("csam", Map.of(), 16);
		try (NDManager scope = manager.newSubManager()) {
			Nets.initialize(block, scope, INPUT);
			NDArray x = Nets.random(scope, INPUT);
			NDArray y = Nets.infer(block, scope, x).singletonOrThrow();
			NDArray c = block.channelWeights().orElseThrow().expandDims(2).expandDims(3);
			NDArray expected = x.mul(c).mul(block.spatialMap().orElseThrow());
			assertTrue(y.allClose(expected, 1e-5, 1e-6, false));
		}
	}

	@Test
	void residualCsamAndMsaEmphasiseButNeverSwitchOff() throws ModuleException {
		AttentionBlock csam = (AttentionBlock) Nets.attention("csam", Map.of("residual", true), 16);
		AttentionBlock msa = (AttentionBlock) Nets.attention("msa", Map.of("residual", true), 16);
		try (NDManager scope = manager.newSubManager()) {
			Nets.initialize(csam, scope, INPUT);
			Nets.initialize(msa, scope, INPUT);
			NDArray x = Nets.random(scope, INPUT);
			NDArray y = Nets.infer(csam, scope, x).singletonOrThrow();
			NDArray c = csam.channelWeights().orElseThrow().expandDims(2).expandDims(3);
			assertTrue(y.allClose(x.mul(c.mul(csam.spatialMap().orElseThrow()).add(1)), 1e-5, 1e-6, false), "csam: x * (1 + c * s)");
			NDArray z = Nets.infer(msa, scope, x).singletonOrThrow();
			assertTrue(z.allClose(x.mul(msa.spatialMap().orElseThrow().add(1)), 1e-5, 1e-6, false), "msa: x * (1 + s)");
			// the gain lies in (1, 2): never below the input's own magnitude
			NDArray gain = z.abs().div(x.abs().add(1e-6f));
			assertTrue(gain.min().getFloat() > 0.99f && gain.max().getFloat() < 2.01f, "gain " + gain.min().getFloat() + " .. " + gain.max().getFloat());
		}
	}

	@Test
	void wrongChannelCountIsRefused() throws ModuleException {
		Block block = Nets.attention("cam", Map.of(), 8);
		try (NDManager scope = manager.newSubManager()) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nets.initialize(block, scope, INPUT));
			assertTrue(e.getMessage().contains("8 channels"), e.getMessage());
		}
	}
}
