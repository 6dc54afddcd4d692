package facet.nn.tests;

import java.util.List;
import java.util.Map;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.Pair;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ModuleSettings;
import facet.core.spi.AttentionFactory;
import facet.core.spi.HeadFactory;
import facet.core.spi.LossFactory;
import facet.nn.api.FacetLoss;
import facet.nn.api.StagedBackboneFactory;

/** Builds modules through the registry, as the engine will, so that the plugin.xml declarations are tested too. */
final class Nets {

	private Nets() {
	}

	static ModuleSettings settings(ModuleKind kind, String id, Map<String, ?> values) {
		try {
			return ModuleRegistry.getDefault().get(kind, id).settings(values);
		} catch (ModuleException e) {
			throw new AssertionError(e.getMessage(), e);
		}
	}

	static StagedBackboneFactory backbone(String id) throws ModuleException {
		return ModuleRegistry.getDefault().get(ModuleKind.BACKBONE, id).factory(StagedBackboneFactory.class);
	}

	@SuppressWarnings("unchecked")
	static Block attention(String id, Map<String, ?> values, int channels) throws ModuleException {
		AttentionFactory<Block> factory = ModuleRegistry.getDefault().get(ModuleKind.ATTENTION, id).factory(AttentionFactory.class);
		return factory.create(settings(ModuleKind.ATTENTION, id, values), channels);
	}

	@SuppressWarnings("unchecked")
	static Block head(String id, Map<String, ?> values, int classes) throws ModuleException {
		HeadFactory<Block> factory = ModuleRegistry.getDefault().get(ModuleKind.HEAD, id).factory(HeadFactory.class);
		return factory.create(settings(ModuleKind.HEAD, id, values), classes);
	}

	@SuppressWarnings("unchecked")
	static FacetLoss loss(String id, Map<String, ?> values, int classes) throws ModuleException {
		LossFactory<FacetLoss> factory = ModuleRegistry.getDefault().get(ModuleKind.LOSS, id).factory(LossFactory.class);
		return factory.create(settings(ModuleKind.LOSS, id, values), classes);
	}

	static NDManager manager() {
		Engine.getEngine("MXNet").setRandomSeed(7);
		return NDManager.newBaseManager(Device.cpu(), "MXNet");
	}

	/** Initializes weights as a trainer would (Xavier), biases and BatchNorm by their defaults. */
	static <B extends Block> B initialize(B block, NDManager manager, Shape input) {
		block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
		block.initialize(manager, DataType.FLOAT32, input);
		return block;
	}

	/** Inference-mode forward (BatchNorm uses its running statistics). */
	static NDList infer(Block block, NDManager manager, NDArray x) {
		return block.forward(new ParameterStore(manager, false), new NDList(x), false);
	}

	static long trainableParameters(Block block) {
		long count = 0;
		for (Pair<String, Parameter> p : block.getParameters()) {
			if (p.getValue().requiresGradient()) {
				count += p.getValue().getArray().size();
			}
		}
		return count;
	}

	static NDArray random(NDManager manager, Shape shape) {
		return manager.randomNormal(shape);
	}

	static List<String> stages(String id, Map<String, ?> values) throws ModuleException {
		return backbone(id).stageNames(settings(ModuleKind.BACKBONE, id, values));
	}
}
