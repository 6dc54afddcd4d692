package facet.engine.report;

import java.util.ArrayList;
import java.util.List;

import facet.core.ExpressionClass;
import facet.engine.compare.RunComparison;
import facet.engine.compare.RunGroup;
import facet.engine.compare.RunRecord;
import facet.engine.compare.RunRecord.EpochMetrics;
import facet.engine.report.ChartSpec.BarChart;
import facet.engine.report.ChartSpec.Bars;
import facet.engine.report.ChartSpec.Line;
import facet.engine.report.ChartSpec.LineChart;
import facet.engine.report.ChartSpec.Matrix;
import facet.engine.report.ChartSpec.MatrixChart;

/** The charts of a comparison as data: training curves, per-class recall, confusion matrices. */
public final class ComparisonCharts {

	private ComparisonCharts() {
	}

	/** The name of a run in legends: the group's name, with the seed when the group has several. */
	public static String legendName(RunComparison comparison, RunRecord run) {
		for (RunGroup g : comparison.groups()) {
			if (g.runs().contains(run)) {
				return g.size() > 1 ? g.name() + " s" + run.seed() : g.name();
			}
		}
		return run.id();
	}

	/** Training (solid) and validation (dashed) loss per epoch, one colour per run. */
	public static LineChart loss(RunComparison comparison) {
		return curves(comparison, "Loss per epoch", "loss", false);
	}

	/** Training (solid) and validation (dashed) accuracy per epoch in percent, one colour per run. */
	public static LineChart accuracy(RunComparison comparison) {
		return curves(comparison, "Accuracy per epoch", "accuracy (%)", true);
	}

	private static LineChart curves(RunComparison comparison, String title, String yTitle, boolean accuracy) {
		List<Line> lines = new ArrayList<>();
		int colour = 0;
		for (RunRecord run : comparison.runs()) {
			List<EpochMetrics> epochs = run.epochs();
			if (!hasCurve(run)) {
				// a one-point line draws nothing but would still take a legend entry; keep the colours of the other runs
				colour++;
				continue;
			}
			double[] x = new double[epochs.size()];
			double[] train = new double[epochs.size()];
			double[] val = new double[epochs.size()];
			for (int i = 0; i < x.length; i++) {
				EpochMetrics e = epochs.get(i);
				x[i] = e.epoch();
				train[i] = accuracy ? 100 * e.trainAccuracy() : e.trainLoss();
				val[i] = accuracy ? 100 * e.valAccuracy() : e.valLoss();
			}
			String name = legendName(comparison, run);
			lines.add(new Line(name + " train", x, train, colour, false));
			lines.add(new Line(name + " val", x, val, colour, true));
			colour++;
		}
		return new LineChart(title, "epoch", yTitle, lines);
	}

	/**
	 * Whether a run has a training curve to draw: two or more epochs. A features → classifier run
	 * records its one fit as a single epoch.
	 */
	public static boolean hasCurve(RunRecord run) {
		return run.epochs().size() >= 2;
	}

	/** Recall per class in percent, one bar per group (mean over its seeds). */
	public static BarChart recall(RunComparison comparison) {
		List<String> categories = new ArrayList<>();
		for (ExpressionClass c : ExpressionClass.values()) {
			categories.add(c.label());
		}
		List<Bars> series = new ArrayList<>();
		int colour = 0;
		for (RunGroup g : comparison.groups()) {
			double[] values = new double[ExpressionClass.COUNT];
			for (int c = 0; c < values.length; c++) {
				values[c] = 100 * g.recall(c).mean();
			}
			series.add(new Bars(g.name(), values, colour++));
		}
		return new BarChart("Recall per class on the " + comparison.split() + " split", "recall (%)", categories, series);
	}

	/**
	 * One confusion matrix per group (summed over its seeds, each row as shares of the true
	 * class) and, for every group after the first, its difference to the first.
	 */
	public static MatrixChart confusion(RunComparison comparison) {
		List<String> labels = new ArrayList<>();
		for (ExpressionClass c : ExpressionClass.values()) {
			labels.add(c.label());
		}
		List<Matrix> panels = new ArrayList<>();
		List<double[][]> shares = new ArrayList<>();
		for (RunGroup g : comparison.groups()) {
			double[][] m = rowShares(g);
			shares.add(m);
			panels.add(new Matrix(g.name(), labels, m, false));
		}
		for (int k = 1; k < shares.size(); k++) {
			double[][] d = new double[labels.size()][labels.size()];
			for (int r = 0; r < d.length; r++) {
				for (int c = 0; c < d.length; c++) {
					d[r][c] = shares.get(k)[r][c] - shares.get(0)[r][c];
				}
			}
			panels.add(new Matrix(comparison.groups().get(k).name() + " − " + comparison.groups().get(0).name(), labels, d, true));
		}
		return new MatrixChart("Confusion matrices on the " + comparison.split() + " split", panels);
	}

	/** The group's confusion counts summed over its runs, each row divided by its total (NaN for empty rows). */
	public static double[][] rowShares(RunGroup group) {
		int k = ExpressionClass.COUNT;
		long[][] sum = new long[k][k];
		for (RunRecord r : group.runs()) {
			for (int i = 0; i < k; i++) {
				for (int j = 0; j < k; j++) {
					sum[i][j] += r.confusion()[i][j];
				}
			}
		}
		double[][] shares = new double[k][k];
		for (int i = 0; i < k; i++) {
			long total = 0;
			for (long v : sum[i]) {
				total += v;
			}
			for (int j = 0; j < k; j++) {
				shares[i][j] = total == 0 ? Double.NaN : sum[i][j] / (double) total;
			}
		}
		return shares;
	}
}
