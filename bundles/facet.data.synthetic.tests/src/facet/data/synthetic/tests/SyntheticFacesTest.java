package facet.data.synthetic.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import facet.core.ExpressionClass;
import facet.core.FaceBox;
import facet.core.Point;
import facet.core.Sample;
import facet.core.modules.ModuleDescriptor;
import facet.core.modules.ModuleException;
import facet.core.modules.ModuleKind;
import facet.core.modules.ModuleRegistry;
import facet.core.modules.SettingsException;
import facet.core.spi.Dataset;
import facet.core.spi.DatasetFactory;
import facet.data.synthetic.internal.ActionUnit;
import facet.data.synthetic.internal.Difficulty;
import facet.data.synthetic.internal.FaceGenerator;
import facet.data.synthetic.internal.FaceGeometry;
import facet.data.synthetic.internal.GeneratorOptions;
import facet.data.synthetic.internal.Identity;
import facet.data.synthetic.internal.Occluder;
import facet.data.synthetic.internal.SamplePlan;
import facet.data.synthetic.internal.SampleSpec;
import facet.data.synthetic.internal.SceneGenerator;

class SyntheticFacesTest {

	static GeneratorOptions options(int perClass, long seed, double occlusion) {
		return new GeneratorOptions(48, perClass, Difficulty.DEFAULT, 1, occlusion, seed, 30, 0.1, 0.2, 4, 320, 240);
	}

	static ModuleDescriptor module() throws ModuleException {
		return ModuleRegistry.getDefault().get(ModuleKind.DATASET, "synthetic");
	}

	@Test
	void sameSeedGivesIdenticalImagesWhateverTheThreadCountAndAnotherSeedDiffers() {
		List<SampleSpec> specs = new SamplePlan(options(10, 5, 0.3)).samples();
		FaceGenerator a = new FaceGenerator(options(10, 5, 0.3));
		FaceGenerator b = new FaceGenerator(options(10, 5, 0.3));
		FaceGenerator other = new FaceGenerator(options(10, 6, 0.3));
		List<byte[]> parallel = specs.parallelStream().map(s -> a.render(s).image().pixels()).toList();
		int differing = 0;
		for (int i = 0; i < specs.size(); i++) {
			// reverse order and one thread: nothing may depend on what was drawn before
			SampleSpec spec = specs.get(specs.size() - 1 - i);
			assertArrayEquals(parallel.get(spec.index()), b.render(spec).image().pixels(), spec.id());
			differing += Arrays.equals(parallel.get(spec.index()), other.render(spec).image().pixels()) ? 0 : 1;
		}
		assertEquals(specs.size(), differing);
	}

	@Test
	void classesAreBalancedInEverySplitAndSubjectsNeverCrossSplits() throws Exception {
		Dataset dataset = module().factory(DatasetFactory.class)
				.create(module().settings(Map.of("perClass", 20, "identities", 30, "valFraction", 0.1, "testFraction", 0.2)));
		Map<String, List<Sample>> splits = dataset.splits();
		assertEquals(List.of("train", "val", "test"), List.copyOf(splits.keySet()));
		Map<String, Integer> expected = Map.of("train", 14, "val", 2, "test", 4);
		Map<String, Set<String>> subjects = new java.util.HashMap<>();
		for (Map.Entry<String, List<Sample>> split : splits.entrySet()) {
			Map<ExpressionClass, Long> counts = split.getValue().stream().collect(Collectors.groupingBy(Sample::label, Collectors.counting()));
			for (ExpressionClass c : ExpressionClass.values()) {
				assertEquals(expected.get(split.getKey()).longValue(), counts.get(c), split.getKey() + " " + c);
			}
			subjects.put(split.getKey(), split.getValue().stream().map(s -> s.id().replaceAll(".*-(id\\d+).*", "$1")).collect(Collectors.toSet()));
		}
		assertTrue(subjects.get("train").size() > 10, subjects.toString());
		for (String s : subjects.get("test")) {
			assertFalse(subjects.get("train").contains(s) || subjects.get("val").contains(s), s + " is in test and another split");
		}
		Sample first = splits.get("test").get(0);
		assertEquals(48 * 48, dataset.load(first).pixels().length);
	}

	@Test
	void actionUnitsMoveTheFaceAsEachExpressionDemands() {
		Identity face = Identity.of(3, 0, Difficulty.EASY);
		Arrays.fill(face.resting, 0);
		Map<ExpressionClass, FaceGeometry> g = new java.util.EnumMap<>(ExpressionClass.class);
		for (ExpressionClass c : ExpressionClass.values()) {
			double[] au = new double[ActionUnit.COUNT];
			for (ActionUnit unit : ActionUnit.prototype(c)) {
				au[unit.ordinal()] = 1;
			}
			g.put(c, new FaceGeometry(face, au));
		}
		FaceGeometry neutral = g.get(ExpressionClass.NEUTRAL);
		// happy lifts the mouth corners, sad drops them
		assertTrue(g.get(ExpressionClass.HAPPINESS).cornerLift() > neutral.cornerLift() + 3);
		assertTrue(g.get(ExpressionClass.SADNESS).cornerLift() < neutral.cornerLift() - 2);
		// surprise raises the inner brows and opens the eyes and the jaw; anger lowers the brows
		assertTrue(g.get(ExpressionClass.SURPRISE).brow[0][0].y < neutral.brow[0][0].y - 4);
		assertTrue(g.get(ExpressionClass.ANGER).brow[0][0].y > neutral.brow[0][0].y + 2);
		assertTrue(g.get(ExpressionClass.SURPRISE).mouthOpening() > neutral.mouthOpening() + 5);
		assertTrue(g.get(ExpressionClass.FEAR).mouthOpening() > neutral.mouthOpening() + 5);
		assertTrue(g.get(ExpressionClass.SURPRISE).eyeOpening() > neutral.eyeOpening() * 1.3);
		// fear differs from surprise by brows pulled together (AU4) and stretched lips (AU20)
		assertTrue(g.get(ExpressionClass.FEAR).brow[0][0].x > g.get(ExpressionClass.SURPRISE).brow[0][0].x);
		assertTrue(g.get(ExpressionClass.FEAR).mouthCorner[1].x > g.get(ExpressionClass.SURPRISE).mouthCorner[1].x + 2);
		// disgust wrinkles and lifts the nose; anger thins and narrows the lips
		assertTrue(g.get(ExpressionClass.DISGUST).noseWrinkles > 0.5 && neutral.noseWrinkles == 0);
		assertTrue(g.get(ExpressionClass.DISGUST).noseTipY < neutral.noseTipY - 1);
		assertTrue(g.get(ExpressionClass.ANGER).mouthCorner[1].x < neutral.mouthCorner[1].x - 1.5);
		// every class has its own geometry
		Set<String> shapes = new HashSet<>();
		for (FaceGeometry geometry : g.values()) {
			shapes.add(Arrays.toString(new double[] { geometry.brow[0][0].y, geometry.eyeOpening(), geometry.cornerLift(), geometry.mouthOpening(),
					geometry.noseTipY, geometry.mouthCorner[1].x }));
		}
		assertEquals(ExpressionClass.COUNT, shapes.size());
		// a subtle expression is drawn between neutral and the full one
		double[] au = new double[ActionUnit.COUNT];
		double intensity = FaceGenerator.expression(ExpressionClass.HAPPINESS, face, Difficulty.DEFAULT, new SplittableRandom(1), au);
		assertTrue(intensity >= Difficulty.DEFAULT.minIntensity() && intensity <= Difficulty.DEFAULT.maxIntensity());
		assertTrue(Difficulty.DEFAULT.minIntensity() < 0.25, "the default level must include subtle expressions");
	}

	@Test
	void occludedSamplesSayItInTheirIdAndAreDrawnDifferently() {
		List<SampleSpec> all = new SamplePlan(options(10, 1, 1)).samples();
		assertTrue(all.stream().allMatch(s -> s.occluded() && s.id().contains("-occ-" + s.occluder().label())));
		assertEquals(4, all.stream().map(SampleSpec::occluder).distinct().count());
		assertTrue(new SamplePlan(options(10, 1, 0)).samples().stream().noneMatch(s -> s.occluded() || s.id().contains("occ")));
		long some = new SamplePlan(options(100, 1, 0.15)).samples().stream().filter(SampleSpec::occluded).count();
		assertTrue(some > 50 && some < 170, some + " of 700 occluded at probability 0.15");
		FaceGenerator generator = new FaceGenerator(options(10, 1, 1));
		for (SampleSpec occluded : all.subList(0, 10)) {
			SampleSpec clear = new SampleSpec(occluded.index(), occluded.split(), occluded.label(), occluded.identity(), Occluder.NONE);
			assertFalse(Arrays.equals(generator.render(occluded).image().pixels(), generator.render(clear).image().pixels()), occluded.id());
		}
	}

	@Test
	void sceneFacesHaveBoxesAndLandmarksInsideTheImageWhereTheFacesWereDrawn() {
		SceneGenerator scenes = new SceneGenerator(options(1, 9, 0));
		int faces = 0;
		for (int i = 0; i < 12; i++) {
			SceneGenerator.Scene scene = scenes.render(i);
			assertEquals(320, scene.image().width());
			assertEquals(240, scene.image().height());
			assertFalse(scene.faces().isEmpty());
			for (SceneGenerator.SceneFace face : scene.faces()) {
				FaceBox box = face.box();
				assertTrue(box.x1() >= 0 && box.y1() >= 0 && box.x2() <= 320 && box.y2() <= 240, box.toString());
				assertTrue(box.height() >= SceneGenerator.MIN_FACE * 0.8, box.toString());
				List<Point> l = box.landmarks();
				for (Point p : l) {
					assertTrue(p.x() > box.x1() && p.x() < box.x2() && p.y() > box.y1() && p.y() < box.y2(), p + " outside " + box);
				}
				// eyes above the nose above the mouth, left eye left of the right one (the tilt is at most 14 degrees)
				assertTrue(l.get(0).x() < l.get(1).x());
				assertTrue((l.get(0).y() + l.get(1).y()) / 2 < l.get(2).y());
				assertTrue(l.get(2).y() < (l.get(3).y() + l.get(4).y()) / 2);
				faces++;
			}
			for (int a = 0; a < scene.faces().size(); a++) {
				for (int b = a + 1; b < scene.faces().size(); b++) {
					assertEquals(0, scene.faces().get(a).box().iou(scene.faces().get(b).box()), 1e-9, "faces overlap in scene " + i);
				}
			}
		}
		assertTrue(faces >= 20, faces + " faces in 12 scenes");
	}

	@Test
	void badParametersAreRefusedNamingTheParameter() throws Exception {
		ModuleDescriptor module = module();
		SettingsException size = assertThrows(SettingsException.class, () -> module.settings(Map.of("size", 8)));
		assertTrue(size.getMessage().contains("'size'"), size.getMessage());
		assertThrows(SettingsException.class, () -> module.settings(Map.of("difficulty", "brutal")));
		assertThrows(SettingsException.class, () -> module.settings(Map.of("occlusion", 1.5)));
		assertThrows(SettingsException.class, () -> module.settings(Map.of("perClas", 3)));
		ModuleException split = assertThrows(ModuleException.class,
				() -> module.factory().validate(module.settings(Map.of("perClass", 2, "valFraction", 0.45, "testFraction", 0.45))));
		assertTrue(split.getMessage().contains("nothing for train"), split.getMessage());
		assertThrows(IllegalArgumentException.class, () -> Difficulty.parse("brutal"));
	}

}
