package facet.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import facet.charts.NoDisplayException;
import facet.charts.SwtChartRenderer;
import facet.cli.ExitCodes;
import facet.engine.compare.RunComparison;
import facet.core.modules.ModuleRegistry;
import facet.engine.compare.RunGroup;
import facet.engine.compare.RunRecord;
import facet.engine.heatmap.FaceAttentionStudy;
import facet.engine.heatmap.GradCam;
import facet.engine.heatmap.ModelHeatmaps;
import facet.engine.heatmap.ModuleMaps;
import facet.engine.report.ComparisonReport;
import facet.engine.report.DetectorComparison;
import facet.engine.report.ReportExtras;
import facet.engine.run.TrainedModel;

/** {@code facet report}: a self-contained HTML report with PNG and SVG charts and CSV tables. */
final class ReportCommand implements Command {

	/** Faces of a {@code --faces} table used when no {@code --faces-limit} is given: Grad-CAM of each costs a forward and a backward pass. */
	static final int DEFAULT_FACES = 140;

	@Override
	public String name() {
		return "report";
	}

	@Override
	public String usage() {
		return "report RUN... --out DIR [--split test] [--ablation BASE] [--detections DIR|FILE] [--faces TABLE] [--faces-limit N]";
	}

	@Override
	public String summary() {
		return "HTML report of runs: tables, curves, confusion matrices, statistics, detectors, attention on the face (needs a display)";
	}

	@Override
	public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
		String split = args.option("--split");
		String ablation = args.option("--ablation");
		String target = args.option("--out");
		if (target == null) {
			throw new UsageException(name() + ": --out DIR is required");
		}
		String detections = args.option("--detections");
		String facesText = args.option("--faces");
		String limitText = args.option("--faces-limit");
		int limit = DEFAULT_FACES;
		if (limitText != null) {
			try {
				limit = Integer.parseInt(limitText);
			} catch (NumberFormatException e) {
				limit = 0;
			}
			if (limit < 1) {
				throw new UsageException(name() + ": --faces-limit expects a positive whole number, got '" + limitText + "'");
			}
		}
		RunComparison comparison = RunArguments.comparison(name(), args.positional(), split == null ? "test" : split);
		Optional<RunGroup> base = RunArguments.ablationBase(name(), comparison, ablation);
		Optional<DetectorComparison> detectors = Optional.empty();
		List<FaceAttentionStudy.Face> faces = List.of();
		try {
			if (detections != null) {
				detectors = Optional.of(DetectorComparison.read(Path.of(detections)));
			}
			if (facesText != null) {
				faces = FaceAttentionStudy.read(Path.of(facesText), limit);
			}
		} catch (IOException e) {
			err.println("facet report: " + e.getMessage());
			return ExitCodes.BAD_INPUT;
		}
		List<ReportExtras.FaceAttention> studies = new ArrayList<>();
		for (RunRecord run : comparison.runs()) {
			if (faces.isEmpty()) {
				break;
			}
			try (TrainedModel model = TrainedModel.open(run.folder(), ModuleRegistry.getDefault())) {
				ModelHeatmaps heatmaps = new ModelHeatmaps(model);
				List<FaceAttentionStudy.Measured> measured = FaceAttentionStudy.measure(faces,
						crops -> heatmaps.gradCam(crops, null, GradCam.Method.GRAD_CAM, OptionalInt.empty()), 16);
				List<ModuleMaps> modules = FaceAttentionStudy.measureModules(faces, heatmaps::attention, 16);
				studies.add(new ReportExtras.FaceAttention(run.id(), "gradcam-" + heatmaps.defaultStage(), measured, modules));
				out.println("attention on the face, " + run.id() + ", gradcam-" + heatmaps.defaultStage() + " (" + measured.size() + " faces):");
				out.print(FaceAttentionStudy.summary(measured).table("class"));
				for (ModuleMaps module : modules) {
					if (module.isSpatial()) {
						out.println("attention on the face, " + run.id() + ", " + module.name() + " (the module's own map):");
						out.print(FaceAttentionStudy.summary(measured, module.onFace()).table("class"));
					}
				}
			} catch (IOException | RuntimeException e) {
				// a run without a network (features -> classifier) or without a checkpoint has no map: say so, report the rest
				err.println("facet report: no attention-on-face numbers for " + run.id() + ": " + e.getMessage());
			}
		}
		ReportExtras extras = new ReportExtras(detectors, facesText == null ? "" : facesText, studies);
		try {
			write(comparison, base, Path.of(target), out, extras);
		} catch (NoDisplayException e) {
			err.println("facet report: " + e.getMessage());
			return ExitCodes.FAILURE;
		}
		return ExitCodes.OK;
	}

	static void write(RunComparison comparison, Optional<RunGroup> base, Path folder, PrintStream out) throws IOException {
		write(comparison, base, folder, out, ReportExtras.NONE);
	}

	static void write(RunComparison comparison, Optional<RunGroup> base, Path folder, PrintStream out, ReportExtras extras) throws IOException {
		try (SwtChartRenderer renderer = SwtChartRenderer.open()) {
			List<String> files = ComparisonReport.write(comparison, base, folder, renderer, extras);
			out.println("report: " + folder.resolve(ComparisonReport.INDEX) + " (" + files.size() + " files)");
		}
	}
}
