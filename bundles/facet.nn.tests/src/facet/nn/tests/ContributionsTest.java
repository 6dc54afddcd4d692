package facet.nn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.spi.AttentionFactory;
import facet.core.spi.HeadFactory;
import facet.core.spi.LossFactory;
import facet.nn.api.AttentionBlock;
import facet.nn.api.ClassifierHead;
import facet.nn.api.FacetLoss;
import facet.nn.api.StagedBackboneFactory;

/** The network bundles' plugin.xml: every module registered without a problem, each factory building the api's types. */
class ContributionsTest {

	private final ModuleRegistry registry = ModuleRegistry.getDefault();

	@Test
	void noProblemsFromTheNetworkBundles() {
		List<ModuleRegistry.Problem> ours = registry.problems().stream().filter(p -> p.bundle().startsWith("facet.nn.")).toList();
		assertEquals(List.of(), ours);
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyModuleIsThereAndBuildsTheApisType() throws Exception {
		for (String id : List.of("vgg", "resnet18", "resnet34", "ghost-resnet", "separable")) {
			assertTrue(registry.get(ModuleKind.BACKBONE, id).factory() instanceof StagedBackboneFactory, id);
		}
		for (String id : List.of("se", "cam", "cbam", "csam", "msa", "ehorm")) {
			ModuleDescriptor module = registry.get(ModuleKind.ATTENTION, id);
			Object block = module.factory(AttentionFactory.class).create(module.defaults(), 32);
			assertTrue(block instanceof AttentionBlock, id);
		}
		for (String id : List.of("linear", "embedding", "refinement")) {
			ModuleDescriptor module = registry.get(ModuleKind.HEAD, id);
			assertTrue(module.factory(HeadFactory.class).create(module.defaults(), 7) instanceof ClassifierHead, id);
		}
		for (String id : List.of("cross-entropy", "focal", "center", "island", "l2")) {
			ModuleDescriptor module = registry.get(ModuleKind.LOSS, id);
			assertTrue(module.factory(LossFactory.class).create(module.defaults(), 7) instanceof FacetLoss, id);
		}
	}
}
