package facet.data.synthetic.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import facet.core.ExpressionClass;

/**
 * Every sample of a generated dataset, in a fixed order: splits train, val, test; classes in
 * canonical order; then their images. Classes are exactly balanced in every split, and
 * subjects never cross splits, so a test score measures generalisation to new people.
 */
public final class SamplePlan {

	public static final List<String> SPLITS = List.of("train", "val", "test");

	private final List<SampleSpec> samples;
	private final Map<String, List<SampleSpec>> bySplit;

	public SamplePlan(GeneratorOptions o) {
		int val = (int) Math.round(o.perClass() * o.valFraction());
		int test = (int) Math.round(o.perClass() * o.testFraction());
		int[] perSplit = { o.perClass() - val - test, val, test };
		int[] subjects = new int[3];
		for (int s = 1; s < 3; s++) {
			subjects[s] = perSplit[s] == 0 ? 0 : Math.max(1, (int) Math.round(o.identities() * (s == 1 ? o.valFraction() : o.testFraction())));
		}
		subjects[0] = o.identities() - subjects[1] - subjects[2];
		if (perSplit[0] < 1 || subjects[0] < 1) {
			throw new IllegalArgumentException("perClass " + o.perClass() + " and identities " + o.identities() + " leave nothing for train with valFraction "
					+ o.valFraction() + " and testFraction " + o.testFraction());
		}
		List<SampleSpec> all = new ArrayList<>();
		Map<String, List<SampleSpec>> splits = new LinkedHashMap<>();
		int firstSubject = 0;
		for (int s = 0; s < 3; s++) {
			List<SampleSpec> split = new ArrayList<>();
			for (ExpressionClass label : ExpressionClass.values()) {
				for (int k = 0; k < perSplit[s]; k++) {
					int index = all.size();
					// round robin over the split's subjects, so that every subject shows every expression
					int subject = firstSubject + (k * ExpressionClass.COUNT + label.ordinal()) % subjects[s];
					SplittableRandom r = Seeds.random(o.seed(), Seeds.OCCLUSION, index);
					Occluder occluder = r.nextDouble() < o.occlusion() ? Occluder.KINDS[r.nextInt(Occluder.KINDS.length)] : Occluder.NONE;
					SampleSpec spec = new SampleSpec(index, SPLITS.get(s), label, subject, occluder);
					all.add(spec);
					split.add(spec);
				}
			}
			firstSubject += subjects[s];
			if (!split.isEmpty()) {
				splits.put(SPLITS.get(s), Collections.unmodifiableList(split));
			}
		}
		samples = Collections.unmodifiableList(all);
		bySplit = Collections.unmodifiableMap(splits);
	}

	public List<SampleSpec> samples() {
		return samples;
	}

	/** Non-empty splits in order. */
	public Map<String, List<SampleSpec>> splits() {
		return bySplit;
	}
}
