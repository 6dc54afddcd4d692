package facet.detect.adaboost.internal;

import java.util.ArrayList;
import java.util.List;

import facet.core.FaceBox;

/**
 * Merges the many overlapping windows a face fires into one box (section 5.6 of the paper),
 * with OpenCV's similarity rule: two windows are neighbours when their corners differ by at
 * most {@code eps} of their mean size. A group of fewer than {@code minNeighbors} windows is
 * dropped, and so is a group lying inside a larger, better supported one.
 */
public final class WindowGrouping {

	private WindowGrouping() {
	}

	/** Boxes with the neighbour count as their score's source: score = n / (n + 3). */
	public static List<FaceBox> group(List<FaceBox> windows, int minNeighbors, double eps) {
		int n = windows.size();
		int[] parent = new int[n];
		for (int i = 0; i < n; i++) {
			parent[i] = i;
		}
		for (int i = 0; i < n; i++) {
			for (int j = i + 1; j < n; j++) {
				if (similar(windows.get(i), windows.get(j), eps)) {
					parent[root(parent, i)] = root(parent, j);
				}
			}
		}
		double[][] sums = new double[n][5];
		for (int i = 0; i < n; i++) {
			FaceBox w = windows.get(i);
			double[] s = sums[root(parent, i)];
			s[0] += w.x1();
			s[1] += w.y1();
			s[2] += w.x2();
			s[3] += w.y2();
			s[4]++;
		}
		List<double[]> groups = new ArrayList<>();
		for (double[] s : sums) {
			if (s[4] > 0 && s[4] >= minNeighbors) {
				groups.add(new double[] { s[0] / s[4], s[1] / s[4], s[2] / s[4], s[3] / s[4], s[4] });
			}
		}
		List<FaceBox> result = new ArrayList<>();
		for (double[] g : groups) {
			boolean inside = false;
			for (double[] other : groups) {
				if (other == g || other[4] < g[4]) {
					continue;
				}
				double dx = 0.2 * (other[2] - other[0]);
				double dy = 0.2 * (other[3] - other[1]);
				if (g[0] >= other[0] - dx && g[1] >= other[1] - dy && g[2] <= other[2] + dx && g[3] <= other[3] + dy
						&& (other[4] > g[4] || (other[2] - other[0]) > (g[2] - g[0]))) {
					inside = true;
					break;
				}
			}
			if (!inside) {
				result.add(FaceBox.of(g[0], g[1], g[2], g[3], g[4] / (g[4] + 3)));
			}
		}
		result.sort((a, b) -> Double.compare(b.score(), a.score()));
		return result;
	}

	static boolean similar(FaceBox a, FaceBox b, double eps) {
		double delta = eps * (Math.min(a.width(), b.width()) + Math.min(a.height(), b.height())) * 0.5;
		return Math.abs(a.x1() - b.x1()) <= delta && Math.abs(a.y1() - b.y1()) <= delta && Math.abs(a.x2() - b.x2()) <= delta
				&& Math.abs(a.y2() - b.y2()) <= delta;
	}

	private static int root(int[] parent, int i) {
		while (parent[i] != i) {
			parent[i] = parent[parent[i]];
			i = parent[i];
		}
		return i;
	}
}
