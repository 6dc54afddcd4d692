package facet.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import facet.core.Permutations;

class PermutationsTest {

	@Test
	void aSeedGivesOnePermutationOfAllValues() {
		int[] a = IntStream.range(0, 50).toArray();
		int[] b = IntStream.range(0, 50).toArray();
		Permutations.shuffle(a, new SplittableRandom(7));
		Permutations.shuffle(b, new SplittableRandom(7));
		assertArrayEquals(a, b, "same seed, same order");
		assertFalse(Arrays.equals(a, IntStream.range(0, 50).toArray()), "the order changed");
		int[] sorted = a.clone();
		Arrays.sort(sorted);
		assertArrayEquals(IntStream.range(0, 50).toArray(), sorted, "every value once");
		int[] c = IntStream.range(0, 50).toArray();
		Permutations.shuffle(c, new SplittableRandom(8));
		assertFalse(Arrays.equals(a, c), "another seed, another order");
	}

	@Test
	void theDrawsAreFisherYatesFromTheLastIndexDown() {
		int[] values = { 0, 1, 2, 3 };
		SplittableRandom expected = new SplittableRandom(3);
		int[] reference = { 0, 1, 2, 3 };
		for (int i = 3; i > 0; i--) {
			int j = expected.nextInt(i + 1);
			int t = reference[i];
			reference[i] = reference[j];
			reference[j] = t;
		}
		Permutations.shuffle(values, new SplittableRandom(3));
		assertArrayEquals(reference, values, "orders drawn before this helper existed stay the same");
	}
}
