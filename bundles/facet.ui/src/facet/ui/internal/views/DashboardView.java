package facet.ui.internal.views;

import java.io.IOException;
import java.nio.file.Files;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.ui.part.ViewPart;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import facet.core.ExpressionClass;
import facet.core.experiment.ExperimentSpec;
import facet.core.runs.Run;
import facet.core.runs.RunInfo;
import facet.engine.eval.EvaluationFiles;
import facet.engine.run.ExperimentRunner;
import facet.ui.internal.runs.TrainJob;

/**
 * One run at a time: loss, accuracy, learning rate and throughput as line charts, live while a
 * job trains (metrics arrive on the job's thread and are drawn at most four times a second),
 * then the test confusion matrix and the run's metadata once it has them.
 */
public class DashboardView extends ViewPart {

	public static final String ID = "facet.ui.views.dashboard";
	private static final int REDRAW_MS = 250;

	private Display display;
	private Label title;
	private Chart loss;
	private Chart accuracy;
	private Chart learningRate;
	private Chart throughput;
	private ConfusionMatrixCanvas confusion;
	private Text metadata;

	private final ConcurrentLinkedQueue<Map<String, ? extends Number>> pending = new ConcurrentLinkedQueue<>();
	private final AtomicBoolean drawQueued = new AtomicBoolean();
	private TrainJob job;
	private TrainJob.Listener jobListener;
	private final Series batchLoss = new Series();
	private final Series batchThroughput = new Series();
	private final Series epochTrainLoss = new Series();
	private final Series epochValLoss = new Series();
	private final Series trainAccuracy = new Series();
	private final Series valAccuracy = new Series();
	private final Series rates = new Series();
	private final Series epochThroughput = new Series();
	private int batches;

	/** x and y values of one line. */
	private static final class Series {
		final List<Double> x = new ArrayList<>();
		final List<Double> y = new ArrayList<>();

		void add(double xValue, Number yValue) {
			if (yValue != null && Double.isFinite(yValue.doubleValue())) {
				x.add(xValue);
				y.add(yValue.doubleValue());
			}
		}

		void clear() {
			x.clear();
			y.clear();
		}

		double[] xs() {
			return x.stream().mapToDouble(Double::doubleValue).toArray();
		}

		double[] ys() {
			return y.stream().mapToDouble(Double::doubleValue).toArray();
		}
	}

	@Override
	public void createPartControl(Composite parent) {
		display = parent.getDisplay();
		Composite root = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(root);
		title = new Label(root, SWT.NONE);
		title.setText("No run yet: train an experiment or open a run in the Runs view");
		GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
		SashForm vertical = new SashForm(root, SWT.VERTICAL);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(vertical);
		Composite charts = new Composite(vertical, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).equalWidth(true).spacing(4, 4).applyTo(charts);
		loss = chart(charts, "Loss", "loss");
		accuracy = chart(charts, "Accuracy", "accuracy");
		learningRate = chart(charts, "Learning rate", "rate");
		learningRate.getLegend().setVisible(false);
		throughput = chart(charts, "Throughput", "images/s");
		SashForm bottom = new SashForm(vertical, SWT.HORIZONTAL);
		confusion = new ConfusionMatrixCanvas(bottom);
		metadata = new Text(bottom, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL);
		bottom.setWeights(56, 44);
		vertical.setWeights(62, 38);
	}

	private static Chart chart(Composite parent, String name, String yTitle) {
		Chart chart = new Chart(parent, SWT.NONE);
		chart.getTitle().setText(name);
		chart.getAxisSet().getXAxis(0).getTitle().setText("epoch");
		chart.getAxisSet().getYAxis(0).getTitle().setText(yTitle);
		// beside the plot the legend would take a third of a quarter of the view
		chart.getLegend().setPosition(SWT.BOTTOM);
		GridDataFactory.fillDefaults().grab(true, true).hint(200, 140).applyTo(chart);
		return chart;
	}

	/** Shows a job's run live, from its next metrics on. */
	public void follow(TrainJob newJob) {
		detach();
		clear();
		job = newJob;
		ExperimentSpec spec = newJob.spec();
		String how = spec.isTraditional() ? "features → " + spec.classifier().get().id() + ", fitted in one step" : spec.epochs() + " epochs";
		title.setText("Training " + spec.name() + " (" + how + ", seed " + spec.seed() + ")…");
		jobListener = new TrainJob.Listener() {
			@Override
			public void metrics(Map<String, ? extends Number> values) {
				pending.add(values);
				scheduleDraw();
			}

			@Override
			public void finished(ExperimentRunner.Result result, Throwable failure) {
				display.asyncExec(() -> {
					if (title.isDisposed()) {
						return;
					}
					drainPending();
					if (result != null) {
						showRun(result.run(), true);
						if (!result.message().isEmpty()) {
							title.setText(title.getText() + ": " + result.message());
						}
					} else {
						title.setText("Training " + newJob.spec().name() + " failed: " + failure.getMessage());
					}
				});
			}
		};
		newJob.addListener(jobListener);
	}

	private void scheduleDraw() {
		if (!drawQueued.compareAndSet(false, true)) {
			return;
		}
		display.asyncExec(() -> display.timerExec(REDRAW_MS, () -> {
			drawQueued.set(false);
			if (!title.isDisposed()) {
				drainPending();
			}
		}));
	}

	private void drainPending() {
		Map<String, ? extends Number> values;
		while ((values = pending.poll()) != null) {
			if (values.containsKey("epoch")) {
				addEpoch(values);
			} else {
				batches++;
				double x = batches;
				batchLoss.add(x, values.get("loss"));
				batchThroughput.add(x, values.get("imagesPerSecond"));
			}
		}
		redrawCharts();
	}

	private void addEpoch(Map<String, ? extends Number> values) {
		double epoch = values.get("epoch").doubleValue();
		epochTrainLoss.add(epoch, values.get("trainLoss"));
		epochValLoss.add(epoch, values.get("valLoss"));
		trainAccuracy.add(epoch, values.get("trainAccuracy"));
		valAccuracy.add(epoch, values.get("valAccuracy"));
		rates.add(epoch, values.get("learningRate"));
		epochThroughput.add(epoch, values.get("imagesPerSecond"));
	}

	/**
	 * Live batch values are drawn against fractional epochs (batches spread over the epochs so
	 * far), so that batch and epoch lines share one x axis.
	 */
	private void redrawCharts() {
		double epochsDone = Math.max(1, epochTrainLoss.x.size());
		double perEpoch = epochTrainLoss.x.isEmpty() ? Math.max(1, batches) : Math.max(1, batches / epochsDone);
		Series batchLossScaled = scaled(batchLoss, perEpoch);
		Series batchThroughputScaled = scaled(batchThroughput, perEpoch);
		set(loss, "batch loss", batchLossScaled, 0, SWT.COLOR_GRAY, false);
		set(loss, "train loss", epochTrainLoss, 1, SWT.COLOR_BLUE, true);
		set(loss, "val loss", epochValLoss, 2, SWT.COLOR_RED, true);
		set(accuracy, "train", trainAccuracy, 0, SWT.COLOR_BLUE, true);
		set(accuracy, "val", valAccuracy, 1, SWT.COLOR_RED, true);
		set(learningRate, "learning rate", rates, 0, SWT.COLOR_DARK_GREEN, true);
		set(throughput, "batch", batchThroughputScaled, 0, SWT.COLOR_GRAY, false);
		set(throughput, "epoch", epochThroughput, 1, SWT.COLOR_DARK_MAGENTA, true);
		for (Chart chart : List.of(loss, accuracy, learningRate, throughput)) {
			chart.getAxisSet().adjustRange();
			chart.redraw();
		}
	}

	private static Series scaled(Series series, double perEpoch) {
		Series scaled = new Series();
		for (int i = 0; i < series.x.size(); i++) {
			scaled.add(series.x.get(i) / perEpoch, series.y.get(i));
		}
		return scaled;
	}

	private static void set(Chart chart, String name, Series series, int index, int color, boolean symbols) {
		ILineSeries<?> line = (ILineSeries<?>) chart.getSeriesSet().getSeries(name);
		if (line == null) {
			line = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE, name);
			Color c = chart.getDisplay().getSystemColor(color);
			line.setLineColor(c);
			line.setSymbolColor(c);
			line.setSymbolType(symbols ? ILineSeries.PlotSymbolType.CIRCLE : ILineSeries.PlotSymbolType.NONE);
			line.setSymbolSize(3);
		}
		line.setXSeries(series.xs());
		line.setYSeries(series.ys());
	}

	/** Shows a finished (or running) run from its folder: metrics.jsonl, evaluation-test.json, run.json. */
	public void showRun(Run run) {
		detach();
		showRun(run, false);
	}

	/** @param keepBatches keep the batch values drawn live (the run's files hold epochs only) */
	private void showRun(Run run, boolean keepBatches) {
		clear(keepBatches);
		RunInfo info = run.info();
		title.setText(info.experiment() + " — " + info.id() + " — " + info.status());
		try {
			for (JsonObject record : run.readMetrics()) {
				Map<String, Number> values = new java.util.HashMap<>();
				for (Map.Entry<String, JsonElement> entry : record.entrySet()) {
					if (entry.getValue().isJsonPrimitive() && entry.getValue().getAsJsonPrimitive().isNumber()) {
						values.put(entry.getKey(), entry.getValue().getAsDouble());
					}
				}
				if (values.containsKey("epoch")) {
					addEpoch(values);
				}
			}
		} catch (IOException | RuntimeException e) {
			Platform.getLog(getClass()).warn("Metrics of " + run.folder() + " unreadable: " + e.getMessage());
		}
		redrawCharts();
		StringBuilder text = new StringBuilder();
		text.append("run         ").append(info.id()).append('\n');
		text.append("experiment  ").append(info.experiment()).append('\n');
		text.append("status      ").append(info.status()).append(info.message().map(m -> " — " + m).orElse("")).append('\n');
		text.append("seed        ").append(info.seed()).append('\n');
		DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
		text.append("started     ").append(time.format(info.started())).append('\n');
		info.ended().ifPresent(e -> text.append("ended       ").append(time.format(e)).append('\n'));
		text.append("folder      ").append(run.folder()).append('\n');
		if (info.environment() != null) {
			text.append("engine      ").append(info.environment().engine()).append(' ').append(info.environment().engineVersion()).append('\n');
			text.append("cpu         ").append(info.environment().cpuModel()).append(" (").append(info.environment().cores()).append(" cores)\n");
			text.append("java        ").append(info.environment().java()).append('\n');
		}
		if (Files.isRegularFile(run.folder().resolve(EvaluationFiles.evaluationFile("test")))) {
			try {
				JsonObject evaluation = EvaluationFiles.readEvaluation(run.folder(), "test");
				text.append("\ntest        accuracy ").append(format(evaluation, "accuracy")).append(", macro-F1 ")
						.append(format(evaluation, "macroF1")).append(", n = ").append(format(evaluation, "count")).append('\n');
				showConfusion(evaluation);
			} catch (IOException | RuntimeException e) {
				text.append("\nevaluation-test.json unreadable: ").append(e.getMessage());
			}
		}
		metadata.setText(text.toString());
	}

	private static String format(JsonObject object, String key) {
		JsonElement value = object.get(key);
		if (value == null || !value.isJsonPrimitive()) {
			return "–";
		}
		double number = value.getAsDouble();
		return number == Math.rint(number) ? Long.toString((long) number) : String.format("%.4f", number);
	}

	private void showConfusion(JsonObject evaluation) {
		JsonArray rows = evaluation.getAsJsonArray("confusion");
		if (rows == null) {
			return;
		}
		long[][] counts = new long[rows.size()][];
		for (int i = 0; i < rows.size(); i++) {
			JsonArray row = rows.get(i).getAsJsonArray();
			counts[i] = new long[row.size()];
			for (int j = 0; j < row.size(); j++) {
				counts[i][j] = row.get(j).getAsLong();
			}
		}
		List<String> labels = java.util.Arrays.stream(ExpressionClass.values()).map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).toList();
		confusion.setMatrix("Confusion matrix (test; rows true, columns predicted)", labels.subList(0, Math.min(labels.size(), counts.length)), counts);
	}

	private void clear() {
		clear(false);
	}

	private void clear(boolean keepBatches) {
		pending.clear();
		if (!keepBatches) {
			batches = 0;
			batchLoss.clear();
			batchThroughput.clear();
		}
		for (Series s : List.of(epochTrainLoss, epochValLoss, trainAccuracy, valAccuracy, rates, epochThroughput)) {
			s.clear();
		}
		confusion.setMatrix("Confusion matrix (test): no evaluation yet", List.of(), new long[0][0]);
		metadata.setText("");
		redrawCharts();
	}

	private void detach() {
		if (job != null && jobListener != null) {
			job.removeListener(jobListener);
		}
		job = null;
		jobListener = null;
	}

	@Override
	public void setFocus() {
		title.setFocus();
	}

	@Override
	public void dispose() {
		detach();
		super.dispose();
	}
}
