package facet.faults.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import facet.core.Progress;
import facet.core.experiment.ExperimentException;
import facet.core.experiment.ExperimentFormat;
import facet.core.experiment.ExperimentSpec;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleRegistry;
import facet.core.runs.RunStatus;
import facet.core.runs.RunStore;
import facet.engine.run.ExperimentRunner;
import facet.engine.run.NetworkBuilder;
import facet.faults.tests.plugin.IdentityAttentionFactory;
import facet.faults.tests.plugin.ShrinkingAttentionFactory;
import facet.faults.tests.plugin.ThrowingAttentionFactory;
import facet.nn.api.ExpressionNetwork;

/** Broken and vanishing plug-ins: a clear error naming the module, never a crash. */
@ExtendWith(FaultLedger.class)
class PluginFaultsTest {

	@TempDir
	Path dir;

	private static String attentionPlugin(String id, Class<?> factory) {
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<plugin>
				   <extension point="facet.core.attention">
				      <attention id="ID" name="Fault" class="CLASS"/>
				   </extension>
				</plugin>
				""".replace("ID", id).replace("CLASS", factory.getName());
	}

	private static ExperimentSpec withAttention(String id) throws Exception {
		return ExperimentFormat.parse(Tiny.experiment(1, "{\"id\": \"" + id + "\", \"stage\": \"stage1\"}", ""), id);
	}

	@Test
	void aModuleWhoseFactoryThrowsIsRefusedNamingModuleAndBundle() throws Exception {
		Bundle bundle = FaultBundles.install(dir, "facet.faults.throwing", attentionPlugin("faults-throwing", ThrowingAttentionFactory.class),
				"faults-throwing", ThrowingAttentionFactory.class);
		try {
			RunStore store = new RunStore(dir.resolve("runs"));
			ExperimentException e = assertThrows(ExperimentException.class,
					() -> new ExperimentRunner(ModuleRegistry.getDefault(), 2).train(withAttention("faults-throwing"), store, Progress.NONE));
			assertEquals("$.backbone.attention[0]", e.problems().get(0).path());
			String message = e.problems().get(0).message();
			assertTrue(message.contains("faults-throwing") && message.contains("facet.faults.throwing"), message);
			assertTrue(message.contains("attention weights missing"), message);
			assertEquals(0, store.list().size(), "a refused experiment creates no run");
		} finally {
			FaultBundles.uninstall(bundle, "faults-throwing");
		}
	}

	@Test
	void aBundleUninstalledWhileItsModuleIsInUseLeavesTheCallWholeAndTheNextOneClear() throws Exception {
		Bundle bundle = FaultBundles.install(dir, "facet.faults.vanishing", attentionPlugin("faults-vanishing", IdentityAttentionFactory.class),
				"faults-vanishing", IdentityAttentionFactory.class);
		ExperimentSpec spec = withAttention("faults-vanishing");
		ExpressionNetwork network;
		try {
			network = new NetworkBuilder(ModuleRegistry.getDefault()).network(spec, 1);
		} finally {
			FaultBundles.uninstall(bundle, "faults-vanishing");
		}
		// the network built before goes on working: its classes stay loaded while it is referenced
		try (Model model = Model.newInstance("in-use")) {
			model.setBlock(network);
			network.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 24, 24));
			NDList out = network.forward(new ParameterStore(model.getNDManager(), false),
					new NDList(model.getNDManager().ones(new Shape(2, 1, 24, 24))), false);
			assertEquals(2, out.head().getShape().get(0));
		}
		ModuleException e = assertThrows(ModuleException.class, () -> new NetworkBuilder(ModuleRegistry.getDefault()).network(spec, 1));
		assertTrue(e.getMessage().contains("faults-vanishing"), e.getMessage());
		assertTrue(ModuleRegistry.getDefault().find(facet.core.modules.ModuleKind.BACKBONE, "separable").isPresent(), "the rest stays");
	}

	@Test
	void anAttentionBlockThatChangesTheShapeIsNamedWhenTheNetworkIsBuilt() throws Exception {
		Bundle bundle = FaultBundles.install(dir, "facet.faults.shrinking", attentionPlugin("faults-shrinking", ShrinkingAttentionFactory.class),
				"faults-shrinking", ShrinkingAttentionFactory.class);
		try {
			RunStore store = new RunStore(dir.resolve("runs"));
			ExperimentRunner.Result result = new ExperimentRunner(ModuleRegistry.getDefault(), 2).train(withAttention("faults-shrinking"),
					store, Progress.NONE);
			assertEquals(RunStatus.FAILED, result.status(), result.message());
			assertTrue(result.message().contains("stage1") && result.message().contains("faults-shrinking"), result.message());
			assertTrue(result.message().contains("shape"), result.message());
		} finally {
			FaultBundles.uninstall(bundle, "faults-shrinking");
		}
	}
}
