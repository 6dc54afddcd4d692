package facet.engine.heatmap;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Attention-on-face numbers averaged over images, overall and per group (a class: predicted,
 * explained or true, as the caller decides), for one model.
 */
public final class FaceAttentionSummary {

	/** Means over a group's images. */
	public record Row(int count, double eyes, double brows, double mouth, double total, double area, double hitRate) {
	}

	private static final class Sums {
		int count;
		int hits;
		double eyes;
		double brows;
		double mouth;
		double area;

		void add(FaceAttention a) {
			count++;
			hits += a.isHit() ? 1 : 0;
			eyes += a.eyes();
			brows += a.brows();
			mouth += a.mouth();
			area += a.area();
		}

		Row row() {
			return new Row(count, eyes / count, brows / count, mouth / count, (eyes + brows + mouth) / count, area / count,
					(double) hits / count);
		}
	}

	private final Sums all = new Sums();
	private final Map<String, Sums> groups = new LinkedHashMap<>();

	public void add(String group, FaceAttention attention) {
		all.add(attention);
		groups.computeIfAbsent(group, g -> new Sums()).add(attention);
	}

	public int count() {
		return all.count;
	}

	/** Over all images; count 0 and NaN means when none was added. */
	public Row overall() {
		return all.row();
	}

	/** Per group, in the order groups first appeared. */
	public Map<String, Row> byGroup() {
		Map<String, Row> result = new LinkedHashMap<>();
		groups.forEach((g, s) -> result.put(g, s.row()));
		return result;
	}

	/** A text table: one line per group, then the overall line. */
	public String table(String groupHeader) {
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT, "%-12s %6s %6s %6s %6s %6s %8s %8s%n", groupHeader, "faces", "eyes", "brows", "mouth", "face",
				"uniform", "pointing"));
		groups.forEach((g, s) -> line(text, g, s.row()));
		line(text, "all", all.row());
		return text.toString();
	}

	private static void line(StringBuilder text, String name, Row r) {
		text.append(String.format(Locale.ROOT, "%-12s %6d %6.2f %6.2f %6.2f %6.2f %6.2f %8.2f%n", name, r.count(), r.eyes(), r.brows(),
				r.mouth(), r.total(), r.area(), r.hitRate()));
	}
}
