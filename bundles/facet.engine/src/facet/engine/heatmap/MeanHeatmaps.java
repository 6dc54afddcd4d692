package facet.engine.heatmap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mean heatmaps per group (per class) over a set of face crops: each map is resampled to one
 * size, so crops of any size and maps of any stage average in crop coordinates.
 */
public final class MeanHeatmaps {

	private final int width;
	private final int height;
	private final Map<String, double[]> sums = new LinkedHashMap<>();
	private final Map<String, Integer> counts = new LinkedHashMap<>();

	public MeanHeatmaps(int width, int height) {
		if (width < 1 || height < 1) {
			throw new IllegalArgumentException("mean heatmaps need a positive size, got " + width + "x" + height);
		}
		this.width = width;
		this.height = height;
	}

	public void add(String group, Heatmap map) {
		float[] v = map.resized(width, height).values();
		double[] sum = sums.computeIfAbsent(group, g -> new double[width * height]);
		for (int i = 0; i < v.length; i++) {
			sum[i] += v[i];
		}
		counts.merge(group, 1, Integer::sum);
	}

	/** How many maps a group holds. */
	public int count(String group) {
		return counts.getOrDefault(group, 0);
	}

	/** The mean map of each group, in the order groups first appeared. */
	public Map<String, Heatmap> means() {
		Map<String, Heatmap> result = new LinkedHashMap<>();
		sums.forEach((g, sum) -> {
			float[] mean = new float[sum.length];
			int n = counts.get(g);
			for (int i = 0; i < sum.length; i++) {
				mean[i] = (float) (sum[i] / n);
			}
			result.put(g, new Heatmap(width, height, mean));
		});
		return result;
	}
}
