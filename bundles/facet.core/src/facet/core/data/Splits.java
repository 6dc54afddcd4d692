package facet.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import facet.core.ExpressionClass;
import facet.core.Sample;

/**
 * Splitting samples when the dataset's own split is not the one wanted: a stratified random
 * split by fractions, or the folds of a stratified k-fold cross-validation.
 * <p>
 * Both are deterministic: the same samples (identified by {@link Sample#id()}, in any input
 * order) and the same seed give the same assignment on every machine and Java version, because
 * samples are put in id order before {@link Random} (whose sequence the JDK specifies) shuffles
 * them class by class. The returned lists keep the input order.
 */
public final class Splits {

	public static final String TRAIN = "train";
	public static final String VAL = "val";
	public static final String TEST = "test";

	private Splits() {
	}

	/** All samples of all splits, split by split in the map's order. */
	public static List<Sample> pool(Map<String, List<Sample>> splits) {
		List<Sample> all = new ArrayList<>();
		splits.values().forEach(all::addAll);
		return all;
	}

	/**
	 * Splits samples at random so that every class is divided in the given fractions: of a
	 * class with {@code n} samples, split {@code i} gets {@code round(n·(f0+…+fi)) −
	 * round(n·(f0+…+f(i−1)))}, which is within one sample of {@code n·fi}.
	 *
	 * @param fractions split name to fraction, in output order; each &gt; 0, summing to 1
	 * @return by split name, samples re-labelled with that split, in input order
	 * @throws IllegalArgumentException for bad fractions or duplicate sample ids
	 */
	public static Map<String, List<Sample>> stratifiedSplit(List<Sample> samples, Map<String, Double> fractions, long seed) {
		checkFractions(fractions);
		List<String> names = new ArrayList<>(fractions.keySet());
		double[] cumulative = new double[names.size()];
		double sum = 0;
		for (int i = 0; i < names.size(); i++) {
			sum += fractions.get(names.get(i));
			cumulative[i] = sum;
		}
		Map<String, String> assignment = new HashMap<>();
		Random random = new Random(seed);
		for (List<Sample> members : byClass(samples)) {
			Collections.shuffle(members, random);
			int n = members.size();
			int start = 0;
			for (int i = 0; i < names.size(); i++) {
				int end = i == names.size() - 1 ? n : (int) Math.round(n * cumulative[i]);
				for (int j = start; j < end; j++) {
					assignment.put(members.get(j).id(), names.get(i));
				}
				start = Math.max(start, end);
			}
		}
		return collect(samples, names, assignment);
	}

	/**
	 * One fold of a stratified k-fold cross-validation: every class is dealt round-robin into
	 * {@code k} folds (continuing where the previous class stopped, so fold sizes differ by at
	 * most one overall); fold {@code fold} is held out as {@value #TEST}, the others are
	 * {@value #TRAIN}. Over {@code fold = 0 … k−1} with the same seed, the test sets are
	 * disjoint and together cover every sample once.
	 *
	 * @return {@value #TRAIN} and {@value #TEST}, samples re-labelled, in input order
	 */
	public static Map<String, List<Sample>> kFold(List<Sample> samples, int k, int fold, long seed) {
		if (k < 2) {
			throw new IllegalArgumentException("k-fold needs k ≥ 2, got " + k);
		}
		if (fold < 0 || fold >= k) {
			throw new IllegalArgumentException("fold must be in [0, " + (k - 1) + "] for k = " + k + ", got " + fold);
		}
		Map<String, String> assignment = new HashMap<>();
		Random random = new Random(seed);
		int next = 0;
		for (List<Sample> members : byClass(samples)) {
			Collections.shuffle(members, random);
			for (Sample sample : members) {
				assignment.put(sample.id(), next == fold ? TEST : TRAIN);
				next = (next + 1) % k;
			}
		}
		return collect(samples, List.of(TRAIN, TEST), assignment);
	}

	/**
	 * Reads fractions written as {@code "train=0.8,val=0.1,test=0.1"}.
	 *
	 * @throws IllegalArgumentException saying what was expected
	 */
	public static Map<String, Double> parseFractions(String text) {
		Map<String, Double> fractions = new LinkedHashMap<>();
		for (String part : text.split(",")) {
			String[] pair = part.split("=", -1);
			String name = pair[0].trim();
			if (pair.length != 2 || name.isEmpty()) {
				throw new IllegalArgumentException("fractions are written name=fraction, separated by commas (\"train=0.8,val=0.1,test=0.1\"), got \""
						+ text + "\"");
			}
			try {
				if (fractions.put(name.toLowerCase(Locale.ROOT), Double.valueOf(pair[1].trim())) != null) {
					throw new IllegalArgumentException("split \"" + name + "\" appears twice in fractions \"" + text + "\"");
				}
			} catch (NumberFormatException e) {
				throw new IllegalArgumentException("fraction of split \"" + name + "\" is \"" + pair[1].trim() + "\", expected a number in (0, 1]");
			}
		}
		checkFractions(fractions);
		return fractions;
	}

	private static void checkFractions(Map<String, Double> fractions) {
		if (fractions.isEmpty()) {
			throw new IllegalArgumentException("no split fractions given");
		}
		double sum = 0;
		for (Map.Entry<String, Double> f : fractions.entrySet()) {
			if (!(f.getValue() > 0 && f.getValue() <= 1)) {
				throw new IllegalArgumentException("fraction of split \"" + f.getKey() + "\" is " + f.getValue() + ", expected a number in (0, 1]");
			}
			sum += f.getValue();
		}
		if (Math.abs(sum - 1) > 1e-6) {
			throw new IllegalArgumentException("split fractions " + fractions + " sum to " + sum + ", expected 1");
		}
	}

	/** Samples of each class that has any, in class order, each list in id order. */
	private static List<List<Sample>> byClass(List<Sample> samples) {
		List<List<Sample>> classes = new ArrayList<>();
		for (int i = 0; i < ExpressionClass.COUNT; i++) {
			classes.add(new ArrayList<>());
		}
		Map<String, Sample> seen = new HashMap<>();
		for (Sample sample : samples) {
			if (seen.put(sample.id(), sample) != null) {
				throw new IllegalArgumentException("sample id \"" + sample.id() + "\" appears twice; splitting needs unique ids");
			}
			classes.get(sample.label().ordinal()).add(sample);
		}
		classes.forEach(members -> members.sort(Comparator.comparing(Sample::id)));
		return classes;
	}

	private static Map<String, List<Sample>> collect(List<Sample> samples, List<String> names, Map<String, String> assignment) {
		Map<String, List<Sample>> splits = new LinkedHashMap<>();
		names.forEach(name -> splits.put(name, new ArrayList<>()));
		for (Sample sample : samples) {
			String split = assignment.get(sample.id());
			splits.get(split).add(new Sample(sample.id(), split, sample.label(), sample.face()));
		}
		splits.replaceAll((name, list) -> Collections.unmodifiableList(list));
		return Collections.unmodifiableMap(splits);
	}
}
