package facet.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import facet.core.ExpressionClass;
import facet.core.Sample;
import facet.core.data.ClassCounts;
import facet.core.data.Splits;

class SplitsTest {

	/** 7 classes of very different sizes (1 … 97 samples), all in "train". */
	private static List<Sample> samples() {
		int[] sizes = { 97, 3, 40, 1, 25, 60, 11 };
		List<Sample> samples = new ArrayList<>();
		for (ExpressionClass c : ExpressionClass.values()) {
			for (int i = 0; i < sizes[c.ordinal()]; i++) {
				samples.add(new Sample(c.label() + "/" + i + ".png", "train", c, Optional.empty()));
			}
		}
		return samples;
	}

	private static Map<String, Set<String>> ids(Map<String, List<Sample>> splits) {
		Map<String, Set<String>> ids = new LinkedHashMap<>();
		splits.forEach((name, list) -> ids.put(name, new HashSet<>(list.stream().map(Sample::id).toList())));
		return ids;
	}

	@Test
	void stratifiedSplitDividesEveryClassByTheFractions() {
		List<Sample> samples = samples();
		Map<String, Double> fractions = Splits.parseFractions("train=0.7, val=0.2, test=0.1");
		Map<String, List<Sample>> splits = Splits.stratifiedSplit(samples, fractions, 7);
		assertEquals(List.of("train", "val", "test"), List.copyOf(splits.keySet()));
		int[] all = ClassCounts.of(samples);
		Map<String, int[]> counts = ClassCounts.of(splits);
		for (ExpressionClass c : ExpressionClass.values()) {
			int sum = 0;
			for (String split : splits.keySet()) {
				int n = counts.get(split)[c.ordinal()];
				sum += n;
				assertTrue(Math.abs(n - all[c.ordinal()] * fractions.get(split)) <= 1,
						c + " in " + split + ": " + n + " of " + all[c.ordinal()]);
			}
			assertEquals(all[c.ordinal()], sum, c.label());
		}
		assertEquals(68, counts.get("train")[ExpressionClass.ANGER.ordinal()]); // round(97 * 0.7)
		splits.forEach((name, list) -> list.forEach(s -> assertEquals(name, s.split())));
		Set<String> union = new HashSet<>();
		ids(splits).values().forEach(union::addAll);
		assertEquals(samples.size(), union.size());
	}

	@Test
	void theSameSeedGivesTheSameSplitWhateverTheInputOrder() {
		List<Sample> samples = samples();
		Map<String, Double> fractions = Splits.parseFractions("train=0.8,val=0.1,test=0.1");
		Map<String, List<Sample>> first = Splits.stratifiedSplit(samples, fractions, 42);
		assertEquals(first, Splits.stratifiedSplit(samples, fractions, 42));
		List<Sample> shuffled = new ArrayList<>(samples);
		Collections.shuffle(shuffled, new Random(1));
		assertEquals(ids(first), ids(Splits.stratifiedSplit(shuffled, fractions, 42)));
		assertNotEquals(ids(first), ids(Splits.stratifiedSplit(samples, fractions, 43)));
		// output keeps the input order
		List<String> order = samples.stream().map(Sample::id).toList();
		List<Sample> train = first.get("train");
		for (int i = 1; i < train.size(); i++) {
			assertTrue(order.indexOf(train.get(i - 1).id()) < order.indexOf(train.get(i).id()));
		}
	}

	@Test
	void kFoldTestSetsAreDisjointCoverAllAndAreStratified() {
		List<Sample> samples = samples();
		int k = 5;
		Set<String> covered = new HashSet<>();
		int[] all = ClassCounts.of(samples);
		for (int fold = 0; fold < k; fold++) {
			Map<String, List<Sample>> splits = Splits.kFold(samples, k, fold, 3);
			assertEquals(List.of("train", "test"), List.copyOf(splits.keySet()));
			Set<String> test = ids(splits).get("test");
			Set<String> train = ids(splits).get("train");
			assertEquals(samples.size(), test.size() + train.size());
			assertTrue(Collections.disjoint(test, train));
			for (String id : test) {
				assertTrue(covered.add(id), id + " is in two test folds");
			}
			assertTrue(Math.abs(test.size() - samples.size() / (double) k) <= 1, "fold " + fold + " has " + test.size());
			int[] testCounts = ClassCounts.of(splits.get("test"));
			for (ExpressionClass c : ExpressionClass.values()) {
				assertTrue(Math.abs(testCounts[c.ordinal()] - all[c.ordinal()] / (double) k) <= 1, c + " in fold " + fold);
			}
			assertEquals(ids(splits), ids(Splits.kFold(samples, k, fold, 3)));
		}
		assertEquals(samples.size(), covered.size());
	}

	@Test
	void badArgumentsAreRefusedSayingWhatWasExpected() {
		List<Sample> samples = samples();
		assertEquals("split fractions {train=0.8, test=0.1} sum to 0.9, expected 1",
				assertThrows(IllegalArgumentException.class, () -> Splits.parseFractions("train=0.8,test=0.1")).getMessage()
						.replace("0.9000000000000001", "0.9"));
		assertEquals("fraction of split \"val\" is \"x\", expected a number in (0, 1]",
				assertThrows(IllegalArgumentException.class, () -> Splits.parseFractions("train=0.8,val=x")).getMessage());
		assertEquals("fold must be in [0, 4] for k = 5, got 5",
				assertThrows(IllegalArgumentException.class, () -> Splits.kFold(samples, 5, 5, 1)).getMessage());
		assertEquals("k-fold needs k ≥ 2, got 1", assertThrows(IllegalArgumentException.class, () -> Splits.kFold(samples, 1, 0, 1)).getMessage());
		List<Sample> twice = new ArrayList<>(samples);
		twice.add(samples.get(0));
		assertEquals("sample id \"anger/0.png\" appears twice; splitting needs unique ids",
				assertThrows(IllegalArgumentException.class, () -> Splits.kFold(twice, 5, 0, 1)).getMessage());
	}

	@Test
	void classCountsCountAndFormat() {
		Map<String, List<Sample>> splits = new LinkedHashMap<>();
		splits.put("train", samples());
		splits.put("test", List.of(new Sample("x", "test", ExpressionClass.SURPRISE, Optional.empty())));
		Map<String, int[]> counts = ClassCounts.of(splits);
		assertArrayEquals(new int[] { 97, 3, 40, 1, 25, 60, 11 }, counts.get("train"));
		assertArrayEquals(new int[] { 0, 0, 0, 0, 0, 0, 1 }, counts.get("test"));
		assertEquals("""
				split anger disgust fear happiness neutral sadness surprise total
				train    97       3   40         1      25      60       11   237
				test      0       0    0         0       0       0        1     1
				""", ClassCounts.format(counts));
	}
}
