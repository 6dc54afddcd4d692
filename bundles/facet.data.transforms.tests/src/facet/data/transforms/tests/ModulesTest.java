package facet.data.transforms.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import facet.core.FaceBox;
import facet.core.ImageRaster;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.spi.AugmentationFactory;
import facet.core.spi.ImageOperation;
import facet.core.spi.ImageOperation.Result;
import facet.core.spi.PreprocessorFactory;
import facet.core.spi.SampleMixing;
import facet.core.spi.TensorNormalization;

/** The contributions as the registry sees them, and seeded determinism of every augmentation. */
class ModulesTest {

	private static final List<String> PREPROCESSORS = List.of("grayscale", "resize", "equalize", "clahe", "align", "crop", "normalize");
	private static final List<String> AUGMENTATIONS = List.of("hflip", "random-crop", "rotate", "scale", "color", "noise", "cutout",
			"random-erasing", "mixup", "cutmix");

	private final ModuleRegistry registry = ModuleRegistry.getDefault();

	@Test
	void everyModuleIsRegisteredFromThisBundleWithoutProblems() {
		for (String id : PREPROCESSORS) {
			ModuleDescriptor module = registry.find(ModuleKind.PREPROCESSOR, id)
					.orElseThrow(() -> new AssertionError("no preprocessor " + id + "; problems: " + registry.problems()));
			assertEquals("facet.data.transforms", module.bundle());
		}
		for (String id : AUGMENTATIONS) {
			ModuleDescriptor module = registry.find(ModuleKind.AUGMENTATION, id)
					.orElseThrow(() -> new AssertionError("no augmentation " + id + "; problems: " + registry.problems()));
			assertEquals("facet.data.transforms", module.bundle());
		}
		assertTrue(registry.problems().stream().noneMatch(p -> p.bundle().equals("facet.data.transforms")), registry.problems().toString());
	}

	@Test
	void everyModuleBuildsFromItsDefaults() throws Exception {
		ImageRaster image = Images.pattern(40, 40, 3);
		Optional<FaceBox> face = Optional.of(Images.face(8, 6, 32, 36));
		for (String id : PREPROCESSORS) {
			ModuleDescriptor module = registry.get(ModuleKind.PREPROCESSOR, id);
			ImageOperation op = module.factory(PreprocessorFactory.class).create(module.defaults());
			Result r = op.apply(image, face, new SplittableRandom(1));
			assertNotNull(r.image(), id);
			assertTrue(r.face().isPresent(), id + " keeps the face");
		}
		for (String id : AUGMENTATIONS) {
			ModuleDescriptor module = registry.get(ModuleKind.AUGMENTATION, id);
			ImageOperation op = module.factory(AugmentationFactory.class).create(module.defaults());
			Result r = op.apply(image, face, new SplittableRandom(1));
			assertEquals(40, r.image().width(), id + " keeps the size");
			assertTrue(r.face().isPresent(), id + " keeps the face");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "hflip", "random-crop", "rotate", "scale", "color", "noise", "cutout", "random-erasing" })
	void augmentationsRepeatWithTheSeedAndVaryWithoutIt(String id) throws Exception {
		ModuleDescriptor module = registry.get(ModuleKind.AUGMENTATION, id);
		// a flip that always happens gives the same image for every seed: let it happen half the time
		Map<String, Object> always = module.parameter("probability").isEmpty() ? Map.of()
				: Map.of("probability", id.equals("hflip") ? 0.5 : 1.0);
		ImageOperation op = module.factory(AugmentationFactory.class).create(module.settings(always));
		ImageRaster image = Images.pattern(32, 32, 3);
		Optional<FaceBox> face = Optional.of(Images.face(4, 4, 28, 28));
		Result a = op.apply(image, face, new SplittableRandom(42));
		Result b = op.apply(image, face, new SplittableRandom(42));
		assertArrayEquals(a.image().pixels(), b.image().pixels(), id);
		assertEquals(a.face(), b.face(), id);
		boolean differs = false;
		for (int seed = 1; seed < 8 && !differs; seed++) {
			differs = !java.util.Arrays.equals(a.image().pixels(), op.apply(image, face, new SplittableRandom(seed)).image().pixels());
		}
		assertTrue(differs, id + " gives the same image for every seed");
		// the input is never modified
		assertArrayEquals(Images.pattern(32, 32, 3).pixels(), image.pixels());
	}

	@Test
	void normalizeAndMixingAreDeclarationsForThePipeline() throws Exception {
		ModuleDescriptor normalize = registry.get(ModuleKind.PREPROCESSOR, "normalize");
		ImageOperation op = normalize.factory(PreprocessorFactory.class)
				.create(normalize.settings(Map.of("mean", "0.485, 0.456,0.406", "std", "0.229,0.224,0.225")));
		TensorNormalization n = assertInstanceOf(TensorNormalization.class, op);
		assertFalse(n.fromDataset());
		assertArrayEquals(new double[] { 0.485, 0.456, 0.406 }, n.mean());
		ImageRaster image = Images.pattern(4, 4, 3);
		assertEquals(image, op.apply(image, Optional.empty(), null).image());

		ModuleDescriptor cutmix = registry.get(ModuleKind.AUGMENTATION, "cutmix");
		SampleMixing m = assertInstanceOf(SampleMixing.class, cutmix.factory(AugmentationFactory.class).create(cutmix.defaults()));
		assertEquals(SampleMixing.Kind.CUTMIX, m.kind());
		assertEquals(1.0, m.alpha());
	}

	@Test
	void badNormalizeAndScaleSettingsAreRefusedNamingTheParameter() throws Exception {
		ModuleDescriptor normalize = registry.get(ModuleKind.PREPROCESSOR, "normalize");
		PreprocessorFactory factory = normalize.factory(PreprocessorFactory.class);
		ModuleException e = assertThrows(ModuleException.class, () -> factory.validate(normalize.settings(Map.of("mean", "0.5,x"))));
		assertTrue(e.getMessage().contains("parameter 'mean': expected 1 or 3 comma-separated numbers, got \"0.5,x\""), e.getMessage());
		e = assertThrows(ModuleException.class, () -> factory.validate(normalize.settings(Map.of("std", "0"))));
		assertTrue(e.getMessage().contains("parameter 'std': every value must be > 0"), e.getMessage());

		ModuleDescriptor scale = registry.get(ModuleKind.AUGMENTATION, "scale");
		e = assertThrows(ModuleException.class,
				() -> scale.factory(AugmentationFactory.class).validate(scale.settings(Map.of("min", 1.5, "max", 1.2))));
		assertTrue(e.getMessage().contains("'min' (1.5) must not exceed 'max' (1.2)"), e.getMessage());
	}
}
