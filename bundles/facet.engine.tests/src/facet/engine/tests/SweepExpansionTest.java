package facet.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import facet.core.experiment.ExperimentException;
import facet.core.experiment.ExperimentValidator;
import facet.core.modules.ModuleRegistry;
import facet.engine.sweep.Shards;
import facet.engine.sweep.SweepDefinition;
import facet.engine.sweep.SweepExpansion;
import facet.engine.sweep.SweepPoint;

/** Sweep files expanded into validated points with the shipped modules; shards. */
class SweepExpansionTest {

	@TempDir
	Path dir;

	private static final String BASE = ExperimentRunnerTest.TINY;

	private static List<SweepPoint> expand(String sweep) throws Exception {
		return SweepExpansion.expand(SweepDefinition.parse(sweep, "test.sweep.json", null), new ExperimentValidator(ModuleRegistry.getDefault()));
	}

	@Test
	void aGridIsTheProductOfItsAxesWithResolvedExperiments() throws Exception {
		List<SweepPoint> points = expand("{\"format\": 1, \"name\": \"g\", \"base\": " + BASE
				+ ", \"grid\": {\"$.optimizer.learningRate\": [0.001, 0.01], \"$.loss.terms[1].weight\": [0, 0.5], \"$.backbone.attention[0].id\": [\"cam\"]}}");
		assertEquals(4, points.size());
		assertEquals("learningRate=0.001 weight=0 id=cam", points.get(0).label());
		assertEquals("tiny learningRate=0.01 weight=0.5 id=cam", points.get(3).experiment().name());
		assertEquals(0.01, points.get(3).experiment().optimizer().learningRate(), 1e-12);
		assertEquals(0.5, points.get(3).experiment().loss().get(1).weight(), 1e-12);
	}

	@Test
	void randomDrawsAreReproducibleAndInRange() throws Exception {
		String sweep = "{\"format\": 1, \"name\": \"r\", \"base\": " + BASE
				+ ", \"random\": {\"draws\": 5, \"seed\": 3, \"parameters\": {\"$.optimizer.learningRate\": {\"logUniform\": [0.0001, 0.1]}}}, \"seeds\": [1, 2]}";
		List<SweepPoint> a = expand(sweep);
		List<SweepPoint> b = expand(sweep);
		assertEquals(5, a.size());
		for (int i = 0; i < 5; i++) {
			double lr = a.get(i).experiment().optimizer().learningRate();
			assertTrue(lr >= 0.0001 && lr <= 0.1, "lr " + lr);
			assertEquals(lr, b.get(i).experiment().optimizer().learningRate());
		}
		assertEquals(List.of(1L, 2L), SweepExpansion.seeds(SweepDefinition.parse(sweep, "s", null), a));
	}

	@Test
	void theAblationRemovesEachAttentionAugmentationAndExtraLossTerm() throws Exception {
		List<SweepPoint> points = expand("{\"format\": 1, \"name\": \"a\", \"base\": " + BASE + ", \"kind\": \"ablation\", \"seeds\": 2}");
		assertEquals(List.of("full", "without cam at stage1", "without hflip", "without cutout", "without center loss", "without l2 loss"),
				points.stream().map(SweepPoint::label).toList());
		assertEquals(0, points.get(1).experiment().backbone().attention().size());
		assertEquals(2, points.get(4).experiment().loss().size());
	}

	@Test
	void badPathsAndValuesNameThePointAndTheJsonPath() {
		ExperimentException e = assertThrows(ExperimentException.class, () -> expand("{\"format\": 1, \"name\": \"b\", \"base\": " + BASE
				+ ", \"grid\": {\"$.loss.terms[7].weight\": [1], \"$.backbone.attention[0].stage\": [\"stage9\"]}}"));
		String message = e.getMessage();
		assertTrue(message.contains("$.loss.terms[7].weight: $.loss.terms has 3 elements, so no element [7]"), message);
		ExperimentException v = assertThrows(ExperimentException.class, () -> expand("{\"format\": 1, \"name\": \"b\", \"base\": " + BASE
				+ ", \"grid\": {\"$.backbone.attention[0].stage\": [\"stage1\", \"stage9\"]}}"));
		assertEquals(1, v.problems().size(), v.getMessage());
		assertEquals("point 1 (stage=stage9) $.backbone.attention[0].stage", v.problems().get(0).path());
		ExperimentException f = assertThrows(ExperimentException.class,
				() -> SweepDefinition.parse("{\"format\": 1, \"name\": \"x\", \"base\": {}, \"grid\": {\"optimizer.lr\": [1]}}", "f", null));
		assertTrue(f.getMessage().contains("$.grid[\"optimizer.lr\"]: expected a JSON path"), f.getMessage());
	}

	@Test
	void shardsCoverEveryInputOnceWhateverTheOrderAndMergeBack() throws Exception {
		List<Path> inputs = List.of(Path.of("e"), Path.of("a"), Path.of("d"), Path.of("b"), Path.of("c"));
		assertEquals(List.of(Path.of("a"), Path.of("d")), Shards.select(inputs, 1, 3));
		assertEquals(List.of(Path.of("c")), Shards.select(inputs.reversed(), 3, 3));
		Path one = Files.writeString(dir.resolve("1.csv"), "sample,p\na,1\n");
		Path two = Files.writeString(dir.resolve("2.csv"), "sample,p\nb,2\n");
		Shards.mergeCsv(List.of(one, two), dir.resolve("all.csv"));
		assertEquals("sample,p\na,1\nb,2\n", Files.readString(dir.resolve("all.csv")));
		Path j1 = Files.writeString(dir.resolve("1.json"), "{\"count\": 1, \"items\": [1]}");
		Path j2 = Files.writeString(dir.resolve("2.json"), "{\"count\": 2, \"items\": [2]}");
		assertThrows(java.io.IOException.class, () -> Shards.mergeJson(List.of(j1, j2), dir.resolve("all.json")));
		assertEquals(new Shards.Shard(2, 8), Shards.Shard.parse("2/8"));
	}
}
