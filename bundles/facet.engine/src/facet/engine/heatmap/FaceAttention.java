package facet.engine.heatmap;

import java.util.Locale;

/**
 * Whether a heatmap lands on the face's expressive regions ({@link FaceRegions}): the share of
 * the map's mass in each, and the pointing game (does the map's maximum fall inside one?). An
 * all-zero map has shares 0 and misses.
 *
 * @param eyes share of the mass in the eye ellipses
 * @param brows share in the brow band
 * @param mouth share in the mouth ellipse
 * @param hit the region the maximum lies in, or null (a miss)
 * @param area the share of the map's pixels inside the regions: what a uniform map would score
 */
public record FaceAttention(double eyes, double brows, double mouth, FaceRegions.Region hit, double area) {

	/** Share of the mass in all three regions. */
	public double total() {
		return eyes + brows + mouth;
	}

	public boolean isHit() {
		return hit != null;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "eyes %.2f brows %.2f mouth %.2f face %.2f (uniform %.2f) peak %s", eyes, brows, mouth, total(),
				area, hit == null ? "off" : "on " + hit.label());
	}
}
