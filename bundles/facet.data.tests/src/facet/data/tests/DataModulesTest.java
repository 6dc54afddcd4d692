package facet.data.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.spi.DatasetFactory;

/** The four readers are contributed, cleanly, with the parameters every reader shares. */
class DataModulesTest {

	@Test
	void everyReaderIsContributedWithTheCommonParameters() throws Exception {
		ModuleRegistry registry = ModuleRegistry.getDefault();
		assertTrue(registry.problems().stream().noneMatch(p -> p.bundle().equals("facet.data")), registry.problems().toString());
		for (String id : List.of("fer2013", "imagefolder", "rafdb", "affectnet")) {
			ModuleDescriptor module = registry.get(ModuleKind.DATASET, id);
			assertEquals("facet.data", module.bundle());
			module.factory(DatasetFactory.class);
			for (String parameter : List.of("skipBad", "resplit", "fractions", "folds", "fold", "seed")) {
				assertTrue(module.parameter(parameter).isPresent(), id + " lacks " + parameter);
			}
			assertEquals(Boolean.FALSE, module.parameter("skipBad").orElseThrow().defaultValue());
		}
	}
}
