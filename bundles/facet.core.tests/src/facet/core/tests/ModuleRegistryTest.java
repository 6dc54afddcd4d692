package facet.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.ModuleSettings;
import facet.core.modules.ParameterType;
import facet.core.modules.SettingsException;
import facet.core.spi.BackboneFactory;
import facet.core.spi.DetectorFactory;
import facet.core.spi.FaceDetector;

/** The registry sees facet.testmodules, a bundle nothing in Facet names, with one module of every kind. */
class ModuleRegistryTest {

	private final ModuleRegistry registry = ModuleRegistry.getDefault();

	@Test
	void everyKindHasTheTestBundlesModule() {
		Map<ModuleKind, String> ids = Map.of(ModuleKind.DETECTOR, "test-detector", ModuleKind.DATASET, "test-dataset",
				ModuleKind.PREPROCESSOR, "test-invert", ModuleKind.AUGMENTATION, "test-flip", ModuleKind.BACKBONE, "test-backbone",
				ModuleKind.ATTENTION, "test-attention", ModuleKind.HEAD, "test-head", ModuleKind.LOSS, "test-loss", ModuleKind.FEATURE,
				"test-feature", ModuleKind.CLASSIFIER, "test-classifier");
		for (ModuleKind kind : ModuleKind.values()) {
			String id = ids.get(kind);
			ModuleDescriptor module = registry.find(kind, id).orElseThrow(() -> new AssertionError("no " + kind + " " + id
					+ " in " + registry.modules(kind) + "; problems: " + registry.problems()));
			assertEquals("facet.testmodules", module.bundle());
			assertTrue(module.version().startsWith("0.1.0"), module.version());
			assertFalse(module.name().isBlank());
		}
	}

	@Test
	void parametersAreReadWithTypesDefaultsAndRanges() throws Exception {
		ModuleDescriptor backbone = registry.get(ModuleKind.BACKBONE, "test-backbone");
		assertEquals(List.of("stages", "width"), backbone.parameters().stream().map(p -> p.name()).toList());
		assertEquals(ParameterType.ENUM, backbone.parameter("width").orElseThrow().type());
		assertEquals(List.of("narrow", "wide"), backbone.parameter("width").orElseThrow().choices());
		assertEquals(3L, backbone.defaults().values().get("stages"));
		assertEquals(6.0, backbone.parameter("stages").orElseThrow().max());
	}

	@Test
	void factoriesBuildWorkingModulesFromValidatedSettings() throws Exception {
		ModuleDescriptor detector = registry.get(ModuleKind.DETECTOR, "test-detector");
		ModuleSettings settings = detector.settings(Map.of("margin", 0.1));
		FaceDetector faces = detector.factory(DetectorFactory.class).create(settings);
		List<FaceBox> found = faces.detect(new ImageRaster(100, 50, 1, new byte[5000]));
		assertEquals(List.of(FaceBox.of(10, 5, 90, 45, 1.0)), found);

		ModuleDescriptor backbone = registry.get(ModuleKind.BACKBONE, "test-backbone");
		@SuppressWarnings("unchecked")
		BackboneFactory<String> factory = backbone.factory(BackboneFactory.class);
		ModuleSettings two = backbone.settings(Map.of("stages", 2));
		assertEquals(List.of("stem", "stage1", "stage2", "head-input"), factory.stageNames(two));
	}

	@Test
	void badValuesAreRefusedNamingModuleParameterValueAndExpectation() throws Exception {
		ModuleDescriptor backbone = registry.get(ModuleKind.BACKBONE, "test-backbone");
		SettingsException e = assertThrows(SettingsException.class,
				() -> backbone.settings(Map.of("stages", 12, "width", "huge", "depth", 3)));
		assertEquals(3, e.problems().size(), e.getMessage());
		assertEquals("backbone 'test-backbone' parameter 'stages': expected an integer in [1, 6], got 12",
				e.problems().get(0).message());
		assertEquals("backbone 'test-backbone' parameter 'width': expected one of narrow, wide, got \"huge\"",
				e.problems().get(1).message());
		assertEquals("depth", e.problems().get(2).path());

		ModuleDescriptor loss = registry.get(ModuleKind.LOSS, "test-loss");
		SettingsException missing = assertThrows(SettingsException.class, () -> loss.settings(Map.of()));
		assertEquals("loss 'test-loss' needs parameter 'label': a string", missing.problems().get(0).message());
	}

	@Test
	void unknownIdsListWhatIsInstalled() {
		ModuleException e = assertThrows(ModuleException.class, () -> registry.get(ModuleKind.ATTENTION, "eca"));
		assertTrue(e.getMessage().startsWith("unknown attention 'eca'; installed: "), e.getMessage());
		assertTrue(e.getMessage().contains("test-attention"), e.getMessage());
	}
}
