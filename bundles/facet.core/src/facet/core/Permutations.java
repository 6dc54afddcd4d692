package facet.core;

import java.util.random.RandomGenerator;

/**
 * Seeded permutations, one algorithm for every shuffle in Facet (epochs, folds, mined windows),
 * so that a seed gives the same order wherever it is used.
 */
public final class Permutations {

	private Permutations() {
	}

	/**
	 * Shuffles in place with the Fisher-Yates algorithm, drawing {@code random.nextInt(i + 1)}
	 * for i from the last index down to 1.
	 */
	public static void shuffle(int[] values, RandomGenerator random) {
		for (int i = values.length - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int t = values[i];
			values[i] = values[j];
			values[j] = t;
		}
	}
}
