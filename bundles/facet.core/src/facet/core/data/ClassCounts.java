package facet.core.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import facet.core.ExpressionClass;
import facet.core.Sample;

/** Samples per split and canonical class: the first thing to look at in a dataset. */
public final class ClassCounts {

	private ClassCounts() {
	}

	/**
	 * Counts samples per class in each split.
	 *
	 * @return by split name, in the splits' order, an array indexed by
	 *         {@link ExpressionClass#ordinal()}
	 */
	public static Map<String, int[]> of(Map<String, List<Sample>> splits) {
		Map<String, int[]> counts = new LinkedHashMap<>();
		splits.forEach((split, samples) -> counts.put(split, of(samples)));
		return Collections.unmodifiableMap(counts);
	}

	/** Counts samples per class, indexed by {@link ExpressionClass#ordinal()}. */
	public static int[] of(List<Sample> samples) {
		int[] counts = new int[ExpressionClass.COUNT];
		for (Sample sample : samples) {
			counts[sample.label().ordinal()]++;
		}
		return counts;
	}

	/**
	 * A plain-text table: one row per split, one column per class, and totals, e.g.
	 *
	 * <pre>
	 * split  anger disgust fear happiness neutral sadness surprise total
	 * train      3       0    1         2       0       0        0     6
	 * </pre>
	 */
	public static String format(Map<String, int[]> counts) {
		int nameWidth = "split".length();
		for (String split : counts.keySet()) {
			nameWidth = Math.max(nameWidth, split.length());
		}
		StringBuilder text = new StringBuilder(pad("split", nameWidth, false));
		for (ExpressionClass c : ExpressionClass.values()) {
			text.append(' ').append(c.label());
		}
		text.append(" total\n");
		for (Map.Entry<String, int[]> row : counts.entrySet()) {
			text.append(pad(row.getKey(), nameWidth, false));
			int total = 0;
			for (ExpressionClass c : ExpressionClass.values()) {
				int n = row.getValue()[c.ordinal()];
				total += n;
				text.append(' ').append(pad(Integer.toString(n), c.label().length(), true));
			}
			text.append(' ').append(pad(Integer.toString(total), "total".length(), true)).append('\n');
		}
		return text.toString();
	}

	private static String pad(String text, int width, boolean right) {
		String fill = " ".repeat(Math.max(0, width - text.length()));
		return right ? fill + text : text + fill;
	}
}
