package facet.engine.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import facet.core.ExpressionClass;
import facet.core.experiment.AttentionRef;
import facet.core.experiment.ExperimentSpec;
import facet.core.experiment.LossTerm;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ModuleSettings;
import facet.core.spi.AttentionFactory;
import facet.core.spi.HeadFactory;
import facet.core.spi.LossFactory;
import facet.nn.api.ClassifierHead;
import facet.nn.api.ExpressionNetwork;
import facet.nn.api.FacetLoss;
import facet.nn.api.StagedBackbone;
import facet.nn.api.StagedBackboneFactory;
import facet.nn.api.WeightedSumLoss;

/**
 * Composes the network and the joint loss of an experiment from the installed modules: the
 * backbone with attention blocks spliced after their stages, the head, and the weighted loss
 * terms. Every module is found through the registry; no module bundle is named here.
 */
public final class NetworkBuilder {

	private final ModuleRegistry registry;

	public NetworkBuilder(ModuleRegistry registry) {
		this.registry = registry;
	}

	/** The network of an experiment for images of {@code inputChannels} channels. */
	public ExpressionNetwork network(ExperimentSpec spec, int inputChannels) throws ModuleException {
		ModuleDescriptor backboneModule = registry.get(ModuleKind.BACKBONE, spec.backbone().module().id());
		ModuleSettings backboneSettings = backboneModule.settings(spec.backbone().module().params());
		StagedBackboneFactory backboneFactory = backboneModule.factory(StagedBackboneFactory.class);
		Map<String, Integer> channels = backboneFactory.stageChannels(backboneSettings, inputChannels);
		Map<String, List<Block>> attention = new LinkedHashMap<>();
		for (AttentionRef ref : spec.backbone().attention()) {
			Integer stageChannels = channels.get(ref.stage());
			if (stageChannels == null) {
				throw new ModuleException("backbone '" + backboneModule.id() + "' has no stage '" + ref.stage() + "'; its stages are "
						+ String.join(", ", channels.keySet()));
			}
			ModuleDescriptor module = registry.get(ModuleKind.ATTENTION, ref.module().id());
			@SuppressWarnings("unchecked")
			AttentionFactory<Block> factory = module.factory(AttentionFactory.class);
			Block block = factory.create(module.settings(ref.module().params()), stageChannels);
			requireSameShape(block, module, ref.stage(), stageChannels);
			attention.computeIfAbsent(ref.stage(), s -> new ArrayList<>()).add(block);
		}
		StagedBackbone backbone = backboneFactory.create(backboneSettings, inputChannels, attention);
		ModuleDescriptor headModule = registry.get(ModuleKind.HEAD, spec.head().id());
		@SuppressWarnings("unchecked")
		HeadFactory<Block> headFactory = headModule.factory(HeadFactory.class);
		Block head = headFactory.create(headModule.settings(spec.head().params()), ExpressionClass.COUNT);
		if (!(head instanceof ClassifierHead classifier)) {
			throw new ModuleException(headModule.displayName() + " built a " + head.getClass().getName() + ", not a ClassifierHead");
		}
		return new ExpressionNetwork(backbone, classifier);
	}

	/**
	 * Refuses an attention block that changes its input's shape, naming the module: unchecked, the
	 * next stage would silently adapt to it, or fail deep inside the engine without a module name.
	 */
	private static void requireSameShape(Block block, ModuleDescriptor module, String stage, int channels) throws ModuleException {
		Shape probe = new Shape(1, channels, 16, 16);
		Shape[] out;
		try {
			out = block.getOutputShapes(new Shape[] { probe });
		} catch (RuntimeException e) {
			// blocks that cannot tell their shapes before initialization are checked by the engine
			return;
		}
		if (out.length != 1 || !out[0].equals(probe)) {
			throw new ModuleException(module.displayName() + " after stage '" + stage + "' changes the feature map's shape from " + probe
					+ " to " + (out.length == 1 ? out[0] : java.util.Arrays.toString(out))
					+ "; an attention block must keep its input's shape");
		}
	}

	/** The joint loss Σ λ·term of the experiment's loss terms. */
	public WeightedSumLoss loss(ExperimentSpec spec) throws ModuleException {
		List<WeightedSumLoss.Term> terms = new ArrayList<>();
		for (LossTerm term : spec.loss()) {
			ModuleDescriptor module = registry.get(ModuleKind.LOSS, term.module().id());
			@SuppressWarnings("unchecked")
			LossFactory<Object> factory = module.factory(LossFactory.class);
			Object loss = factory.create(module.settings(term.module().params()), ExpressionClass.COUNT);
			if (!(loss instanceof ai.djl.training.loss.Loss djlLoss)) {
				throw new ModuleException(module.displayName() + " built a " + loss.getClass().getName() + ", not a DJL Loss");
			}
			terms.add(new WeightedSumLoss.Term(term.module().id(), term.weight(), djlLoss));
		}
		WeightedSumLoss loss = new WeightedSumLoss(terms);
		return loss;
	}

	/** Whether a loss needs the head's embedding; the network must then have one. */
	public static void checkEmbedding(FacetLoss loss, ExpressionNetwork network) throws ModuleException {
		if (loss.needsEmbedding() && !network.head().hasEmbedding()) {
			throw new ModuleException("a loss term needs an embedding (center or island loss), but the head gives only logits; "
					+ "use a head with an embedding, e.g. 'embedding'");
		}
	}
}
